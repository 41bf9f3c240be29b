/**
 * The plan of the « re-orient » what-if: the year's liberations, in date order, each oriented to
 * the first suggestion of the orientation aid (`classer`) given the re-oriented history so far
 * (positions counted on the plan, not on the observed orientations), under the parts of the
 * conventions given (the drafts included). No hard constraint is applied (lecture retenue par
 * convflux: the what-if shows the parts, not the households).
 */
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Logement } from '../flux/logement.js';
import type { FlatResult } from '../engine/cycle.js';
import { versionAt, type ConventionIndex } from '../engine/convention-index.js';
import { partDue } from '../engine/part-due.js';
import { AnneeOrientation } from '../orientation/annee-orientation.js';
import { BAILLEUR, classer, type Candidat } from '../orientation/classement.js';
import type { LogementReoriente } from './resultat-simulation.js';

/** One liberation of the year as observed. */
export interface Liberation {
  logement: Logement;
  date: string;
  /** The next liberation of the flat (exclusive end of this cycle). */
  fin: string;
  /** hors_assiette motives recorded in the cycle. */
  motifs: string[];
  observe: string | null;
}

/** The engine's observer: the liberations of the year up to the date, with who got each cycle. */
export function collecteur(
  index: ConventionIndex,
  debut: string,
  date: string,
): { liberations: Liberation[]; observer: (l: Logement, r: FlatResult) => void } {
  const liberations: Liberation[] = [];
  const observer = (l: Logement, r: FlatResult): void => {
    if (l.hors_flux !== undefined) return;
    const dates = [...r.liberations].sort();
    dates.forEach((d, i) => {
      if (d < debut || d > date) return;
      const fin = dates[i + 1] ?? '9999-12-31';
      const dans = (x: { date: string }): boolean => x.date >= d && x.date < fin;
      const o = r.comptages.find((c) => c.compteur === 'orientations' && dans(c));
      const libre = r.horsCycle.some((h) => h.mode === 'libre' && dans(h));
      liberations.push({
        logement: l,
        date: d,
        fin,
        motifs: r.horsAssiette.filter(dans).map((h) => h.motif),
        observe: o ? (index.entries[o.entry]?.reservataire ?? null) : libre ? BAILLEUR : null,
      });
    });
  };
  return { liberations, observer };
}

interface Position {
  flux: number;
  du: number;
  oriente: number;
}

/** The candidates of one liberation: réservataire → its territories (key, part), bailleur last. */
function candidats(
  annee: AnneeOrientation,
  lib: Liberation,
): Map<string, { cle: string; part: number }[]> {
  const out = new Map<string, { cle: string; part: number }[]>();
  let parts = 0;
  for (const entry of annee.index.covering(lib.logement)) {
    const version = versionAt(entry, lib.date);
    if (!version || out.has(entry.reservataire)) continue;
    const exclusions: readonly string[] = exclusionsAssiette(version.convention);
    if (lib.motifs.some((m) => exclusions.includes(m))) continue;
    const territoires = annee.territoires(entry, version, lib.logement, lib.date);
    out.set(
      entry.reservataire,
      territoires.map((t) => ({ cle: `${entry.reservataire}|${t.cle}`, part: t.part })),
    );
    parts += partDue(entry, version.convention, lib.date);
  }
  if (!out.size) return out;
  const cle = `${BAILLEUR}|${AnneeOrientation.territoireBailleur(lib.logement)}`;
  out.set(BAILLEUR, [{ cle, part: Math.max(0, 1 - parts) }]);
  return out;
}

/** Each liberation in date order, oriented to the first suggestion. */
export function planifier(
  annee: AnneeOrientation,
  liberations: readonly Liberation[],
): LogementReoriente[] {
  const positions = new Map<string, Position>();
  const position = (cle: string): Position => {
    let p = positions.get(cle);
    if (!p) positions.set(cle, (p = { flux: 0, du: 0, oriente: 0 }));
    return p;
  };
  const ordre = [...liberations].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.logement.logement.localeCompare(b.logement.logement),
  );
  return ordre.flatMap((lib) => {
    const liste = candidats(annee, lib);
    if (!liste.size) return [];
    const classes: Candidat[] = [...liste].map(([id, territoires]) => ({
      id,
      contraintes: [],
      voeux_satisfaits: 0,
      filiere: false,
      territoires: territoires.map((t) => {
        const p = position(t.cle);
        p.flux += 1;
        p.du += t.part;
        return { territoire: t.cle, part: p.du / p.flux, flux: p.flux, oriente: p.oriente };
      }),
    }));
    const premier = classer(classes)[0];
    const choix = premier !== undefined && premier.rang === 1 ? premier.id : null;
    for (const t of liste.get(choix ?? '') ?? []) position(t.cle).oriente += 1;
    return [
      {
        logement: lib.logement.logement,
        liberation: lib.date,
        observe: lib.observe,
        reoriente: choix,
        parts: Object.fromEntries([...liste].map(([id, ts]) => [id, ts[0]?.part ?? 0])),
      },
    ];
  });
}
