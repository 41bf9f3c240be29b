/**
 * The plan of the « re-orient » what-if: the year's liberations, in date order, each oriented to
 * the first suggestion of the orientation aid (`classer`) given the re-oriented history so far
 * (positions counted on the plan, not on the observed orientations), under the parts of the
 * conventions given (the drafts included), with the same hard constraints (a convention that
 * does not cover the flat or is not in force) and indicative wishes as `convflux orient`. The
 * « effet filière » is not applied (the residence's mix of the re-oriented plan is not kept).
 */
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Logement } from '../flux/logement.js';
import type { FlatResult } from '../engine/cycle.js';
import { versionAt, type ConventionIndex } from '../engine/convention-index.js';
import { partDue } from '../engine/part-due.js';
import { AnneeOrientation } from '../orientation/annee-orientation.js';
import { BAILLEUR, classer, type Candidat } from '../orientation/classement.js';
import { contrainteConvention } from '../orientation/contraintes.js';
import { voeuxDe } from '../orientation/suggestion.js';
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

/** A candidate of one liberation: its territories (key, part), its constraints and wishes met. */
interface CandidatPlan {
  territoires: { cle: string; part: number }[];
  contraintes: string[];
  voeux: number;
}

/**
 * The candidates of one liberation, as `convflux orient` sees them: every réservataire of the
 * bailleur in the département, with the hard constraint of a convention that does not cover the
 * flat or is not in force (then it is not counted in that flux), and the indicative wishes the
 * flat meets; the bailleur last.
 */
function candidats(annee: AnneeOrientation, lib: Liberation): Map<string, CandidatPlan> {
  const out = new Map<string, CandidatPlan>();
  const l = lib.logement;
  let parts = 0;
  for (const entry of annee.index.entries) {
    if (entry.bailleur !== l.bailleur || entry.departement !== l.departement) continue;
    const contraintes = contrainteConvention(entry, l, lib.date, annee.o.territoires);
    const version = versionAt(entry, lib.date);
    const deja = out.get(entry.reservataire);
    if (deja && deja.contraintes.length === 0) continue;
    if (contraintes.length > 0 || !version) {
      if (!deja) out.set(entry.reservataire, { territoires: [], contraintes, voeux: 0 });
      continue;
    }
    const exclusions: readonly string[] = exclusionsAssiette(version.convention);
    if (lib.motifs.some((m) => exclusions.includes(m))) {
      out.delete(entry.reservataire);
      continue;
    }
    const territoires = annee.territoires(entry, version, l, lib.date);
    out.set(entry.reservataire, {
      territoires: territoires.map((t) => ({
        cle: `${entry.reservataire}|${t.cle}`,
        part: t.part,
      })),
      contraintes: [],
      voeux: voeuxDe(annee, version, l).filter((v) => v.satisfait).length,
    });
    parts += partDue(entry, version.convention, lib.date);
  }
  if (![...out.values()].some((c) => c.contraintes.length === 0)) return new Map();
  const cle = `${BAILLEUR}|${AnneeOrientation.territoireBailleur(l)}`;
  out.set(BAILLEUR, {
    territoires: [{ cle, part: Math.max(0, 1 - parts) }],
    contraintes: [],
    voeux: 0,
  });
  return out;
}

/** The order of a flat's parts: by réservataire id (code points), the bailleur last. */
const ordreParts = (a: string, b: string): number =>
  a === BAILLEUR ? (b === BAILLEUR ? 0 : 1) : b === BAILLEUR ? -1 : a < b ? -1 : a > b ? 1 : 0;

/** A part as printed: to the millionth, as `convflux orient`'s (the plan counts unrounded). */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

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
    const classes: Candidat[] = [...liste].map(([id, c]) => ({
      id,
      contraintes: c.contraintes,
      voeux_satisfaits: c.voeux,
      filiere: false,
      territoires: c.territoires.map((t) => {
        const p = position(t.cle);
        p.flux += 1;
        p.du += t.part;
        return { territoire: t.cle, part: p.du / p.flux, flux: p.flux, oriente: p.oriente };
      }),
    }));
    const premier = classer(classes)[0];
    const choix = premier !== undefined && premier.rang === 1 ? premier.id : null;
    for (const t of liste.get(choix ?? '')?.territoires ?? []) position(t.cle).oriente += 1;
    return [
      {
        logement: lib.logement.logement,
        liberation: lib.date,
        observe: lib.observe,
        reoriente: choix,
        // By réservataire id, the bailleur's own share last: the order of the conventions read
        // (that of --rules) does not show through.
        parts: Object.fromEntries(
          [...liste]
            .filter(([, c]) => c.contraintes.length === 0)
            .map(([id, c]): [string, number] => [id, round(c.territoires[0]?.part ?? 0)])
            .sort(([a], [b]) => ordreParts(a, b)),
        ),
      },
    ];
  });
}
