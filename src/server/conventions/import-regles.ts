/**
 * Import of a whole `rules/` tree of conventions, all or nothing: every path must be a
 * convention's place in the layout and match what its text says; the files are checked
 * together, with the stored versions of the same bailleurs and départements as context, exactly
 * as `convflux check rules/` would check the merged tree; one error anywhere and nothing is kept.
 */
import type { Kysely } from 'kysely';
import { checkPaths } from '../../check/check-paths.js';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { FileReport } from '../../diagnostics/file-report.js';
import type { Database } from '../db/schema.js';
import {
  avecArbre,
  cheminRegles,
  versionsDuBailleur,
  type VersionRangee,
} from './arbre-temporaire.js';
import { cle, masque, placeDuYaml, type Place } from './depot.js';

export interface FichierImporte {
  chemin: string;
  yaml: string;
  place: Place;
}

export interface AnalyseImport {
  fichiers: FichierImporte[];
  diagnostics: Diagnostic[];
}

const CHEMIN =
  /^conventions\/([0-9]{2}|2A|2B|97[1-6])\/[0-9]{9}\/[a-z0-9]+(?:-[a-z0-9]+)*\/v[1-9][0-9]*\.yaml$/;

/** Each file's place, from its path and its text (which must agree). */
export function placesImport(fichiers: Record<string, string>, lang: Lang): AnalyseImport {
  const out: FichierImporte[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [chemin, yaml] of Object.entries(fichiers)) {
    const report = new FileReport(chemin, lang);
    if (!CHEMIN.test(chemin)) {
      diagnostics.push(report.add('SERVICE_REGLES_CHEMIN', { chemin }));
      continue;
    }
    const place = placeDuYaml(yaml);
    const attendu = place ? cheminRegles(place) : undefined;
    if (place && attendu === chemin) out.push({ chemin, yaml, place });
    else if (place)
      diagnostics.push(report.add('SERVICE_REGLES_PLACE', { chemin, attendu: attendu ?? '' }));
    else out.push({ chemin, yaml, place: placeDepuisChemin(chemin) });
  }
  return { fichiers: out, diagnostics };
}

/** A path of the layout read as a place (for a text too broken to say its own). */
function placeDepuisChemin(chemin: string): Place {
  const [, departement = '', bailleur = '', reservataire = '', v = 'v1.yaml'] = chemin.split('/');
  return {
    id: `${departement}-${bailleur}-${reservataire}`,
    departement,
    bailleur,
    reservataire,
    version: Number(v.slice(1, -5)),
    statut: 'projet',
    scellee: false,
  };
}

async function checkArbre(
  versions: readonly VersionRangee[],
  chemins: string[],
  lang: Lang,
): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  return avecArbre(versions, async (a) => {
    const r = await checkPaths(chemins, { lang, cwd: a.rules, workers: 0 });
    return { ok: r.ok, diagnostics: r.diagnostics };
  });
}

/**
 * `convflux check` of the imported files over the stored versions they join (or replace). As
 * for an upload, a caller who is not of every bailleur concerned gets the diagnostics only the
 * other parties' conventions raise without their detail.
 */
export async function verifierImport(
  db: Kysely<Database>,
  fichiers: readonly FichierImporte[],
  lang: Lang,
  detailDuBailleur = true,
): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  const paires = new Set(fichiers.map((f) => `${f.place.departement}/${f.place.bailleur}`));
  const arbre = new Map<string, VersionRangee>();
  for (const paire of paires) {
    const [dep = '', siren = ''] = paire.split('/');
    for (const v of await versionsDuBailleur(db, dep, siren)) arbre.set(cheminRegles(v), v);
  }
  for (const f of fichiers) arbre.set(f.chemin, { ...f.place, yaml: f.yaml });
  const chemins = fichiers.map((f) => f.chemin);
  const r = await checkArbre([...arbre.values()], chemins, lang);
  if (detailDuBailleur) return r;
  const parties = new Set(fichiers.map((f) => `${f.place.bailleur}/${f.place.reservataire}`));
  const siennes = [...arbre.values()].filter((v) => parties.has(`${v.bailleur}/${v.reservataire}`));
  const propres = new Set((await checkArbre(siennes, chemins, lang)).diagnostics.map(cle));
  return {
    ...r,
    diagnostics: r.diagnostics.map((d) => (propres.has(cle(d)) ? d : masque(d, lang))),
  };
}
