/**
 * A draft printed without being stored: the same render as a stored version's HTML
 * (`renderPaths`), among the stored versions of its bailleur and département (the stored text of
 * the same version left out, as the upload's check leaves it out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { renderPaths } from '../../render/render-conventions.js';
import type { Database } from '../db/schema.js';
import { avecArbre, cheminRegles, versionsDuBailleur } from './arbre-temporaire.js';
import { masque, type Place } from './depot.js';

/** The printed draft, or why it cannot be printed. */
export type Apercu = { ok: true; html: Uint8Array } | { ok: false; diagnostics: Diagnostic[] };

/** The draft's HTML as `convflux render` prints it, beside the other stored versions. */
async function rendre(
  db: Kysely<Database>,
  place: Place,
  yaml: string,
  lang: Lang,
): Promise<Apercu> {
  const autres = (await versionsDuBailleur(db, place.departement, place.bailleur)).filter(
    (v) => !(v.reservataire === place.reservataire && v.version === place.version),
  );
  return avecArbre([...autres, { ...place, yaml }], async (a) => {
    const out = join(a.rules, 'apercu.html');
    const r = await renderPaths([cheminRegles(place)], { lang, cwd: a.rules, out, html: true });
    if (!r.ok || !r.documents.length) return { ok: false, diagnostics: r.diagnostics };
    return { ok: true, html: readFileSync(out) };
  });
}

/**
 * The draft printed (call it once its check, `verifierDepot`, has passed). A render refused all
 * the same is said without detail to a caller who is not of the bailleur: its diagnostics may
 * name the other parties' conventions.
 */
export async function apercuBrouillon(
  db: Kysely<Database>,
  yaml: string,
  place: Place,
  lang: Lang,
  detailDuBailleur: boolean,
): Promise<Apercu> {
  const r = await rendre(db, place, yaml, lang);
  if (r.ok || detailDuBailleur) return r;
  return { ok: false, diagnostics: r.diagnostics.map((d) => masque(d, lang)) };
}
