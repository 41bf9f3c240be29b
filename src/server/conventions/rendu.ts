/**
 * A stored version printed by the library's own functions (`renderPaths`, `renderAvenant`,
 * `diffFichiers`), run on a temporary `rules/` tree holding the versions of its bailleur and
 * département: the same HTML and PDF as `convflux render` on the same files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { renderAvenant } from '../../avenant/render-avenant.js';
import { diffFichiers, type DiffResult } from '../../compare/diff-fichiers.js';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { convfluxVersion, renderPaths } from '../../render/render-conventions.js';
import type { Database } from '../db/schema.js';
import { ErreurHttp } from '../http/erreur-http.js';
import { loadTemplates } from '../../render/templates.js';
import {
  avecArbre,
  cheminRegles,
  versionsDuBailleur,
  type VersionRangee,
} from './arbre-temporaire.js';
import { sha256, versionsDe, type VersionStockee } from './versions-stockees.js';

export type Format = 'html' | 'pdf';

/** A render that the library refused (the version no longer checks in its context): 422. */
function refus(diagnostics: Diagnostic[]): ErreurHttp {
  return new ErreurHttp(422, 'SERVICE_CHAMP_INVALIDE', {}, '', diagnostics);
}

async function contexte(db: Kysely<Database>, v: VersionStockee) {
  return versionsDuBailleur(db, v.departement, v.bailleur);
}

/**
 * Every input of a version's render, as one SHA-256: the version's place, the text of every
 * version in its context (a consolidated v2 prints what v1 said; a draft edited, even an earlier
 * one, changes the key), the template set (files and fonts, as `loadTemplates` fingerprints
 * them), the language and the convflux version.
 */
export function cleRendu(
  v: VersionStockee,
  versions: readonly VersionRangee[],
  lang: Lang,
): string {
  const textes = versions.map((x) => `${cheminRegles(x)}\0${sha256(x.yaml)}`).sort();
  const entrees = [cheminRegles(v), ...textes, loadTemplates().modele.empreinte, lang];
  return sha256(JSON.stringify([...entrees, convfluxVersion()]));
}

/**
 * HTML prints kept in the process, by every input of the render (`cleRendu`): one render serves
 * the page's contents and its frame, and the next visitors, until a version of its context
 * changes. The oldest goes first past `HTML_GARDES` entries.
 */
const HTML_GARDES = 64;
const htmlRendus = new Map<string, Promise<Uint8Array>>();

/** The version's HTML print, and whether it was already rendered in this process. */
export async function htmlVersion(
  db: Kysely<Database>,
  v: VersionStockee,
  lang: Lang,
): Promise<{ html: Uint8Array; garde: boolean }> {
  const versions = await contexte(db, v);
  const cle = cleRendu(v, versions, lang);
  const garde = htmlRendus.get(cle);
  if (garde) return { html: await garde, garde: true };
  const rendu = rendreDans(versions, v, 'html', lang);
  htmlRendus.set(cle, rendu);
  for (const ancienne of htmlRendus.keys()) {
    if (htmlRendus.size <= HTML_GARDES) break;
    htmlRendus.delete(ancienne);
  }
  try {
    return { html: await rendu, garde: false };
  } catch (e) {
    // A refusal is not kept: the next request tries again (and says why).
    htmlRendus.delete(cle);
    throw e;
  }
}

/** The version as `convflux render` prints it (HTML, or PDF through Chromium). */
export async function rendreVersion(
  db: Kysely<Database>,
  v: VersionStockee,
  format: Format,
  lang: Lang,
): Promise<Uint8Array> {
  return rendreDans(await contexte(db, v), v, format, lang);
}

/** The version rendered in a tree of the given versions (its context). */
function rendreDans(
  versions: readonly VersionRangee[],
  v: VersionStockee,
  format: Format,
  lang: Lang,
): Promise<Uint8Array> {
  return avecArbre(versions, async (a) => {
    const out = join(a.rules, `sortie.${format}`);
    const r = await renderPaths([cheminRegles(v)], {
      lang,
      cwd: a.rules,
      out,
      html: format === 'html',
    });
    if (!r.ok || !r.documents.length) throw refus(r.diagnostics);
    return readFileSync(out);
  });
}

/** The PDF of a version, rendered once per YAML text and convflux version, kept in `document`. */
export async function pdfVersion(
  db: Kysely<Database>,
  v: VersionStockee,
  qui: string,
  quand: string,
): Promise<Uint8Array> {
  return pdfArchive(
    db,
    v,
    { id: `convention-pdf:${v.sha256}`, nom: `${v.convention_id}-v${String(v.version)}.pdf` },
    () => rendreVersion(db, v, 'pdf', 'fr'),
    qui,
    quand,
  );
}

/** The version a later version amends (its number minus one), if stored. */
export async function versionPrecedente(
  db: Kysely<Database>,
  v: VersionStockee,
): Promise<VersionStockee | undefined> {
  if (v.version <= 1) return undefined;
  return (await versionsDe(db, v.convention_id)).find((x) => x.version === v.version - 1);
}

/**
 * What the parties sign for a version: the first version's own text; for a later one the avenant
 * from the version before (`convflux render --avenant PRECEDENTE NOUVELLE --sign`): a later
 * version prints as a consolidated text « à titre d’information », without signature fields, so
 * signing it answered SIGNATURE_AUCUN_CHAMP. Rendered once per pair of texts, kept in `document`.
 */
export async function pdfASigner(
  db: Kysely<Database>,
  v: VersionStockee,
  qui: string,
  quand: string,
): Promise<Uint8Array> {
  const de = await versionPrecedente(db, v);
  if (!de) return pdfVersion(db, v, qui, quand);
  const nom = `${v.convention_id}-avenant-v${String(de.version)}-v${String(v.version)}.pdf`;
  return pdfArchive(
    db,
    v,
    { id: `avenant-pdf:${de.sha256}:${v.sha256}`, nom },
    () => avenantVersions(db, de, v, 'pdf', 'fr'),
    qui,
    quand,
  );
}

async function pdfArchive(
  db: Kysely<Database>,
  v: VersionStockee,
  cle: { id: string; nom: string },
  rendre: () => Promise<Uint8Array>,
  qui: string,
  quand: string,
): Promise<Uint8Array> {
  const id = `${cle.id}:${convfluxVersion()}`;
  const archive = await db
    .selectFrom('document')
    .select('contenu')
    .where('id', '=', id)
    .executeTakeFirst();
  if (archive) return archive.contenu;
  const pdf = await rendre();
  await db
    .insertInto('document')
    .values({
      id,
      organisation_id: `bailleur:${v.bailleur}`,
      nature: 'convention',
      nom: cle.nom,
      type_mime: 'application/pdf',
      sha256: sha256(pdf),
      contenu: pdf,
      cree_le: quand,
      cree_par: qui,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return pdf;
}

/** `convflux diff` of two stored versions. */
export async function diffVersions(
  db: Kysely<Database>,
  de: VersionStockee,
  a: VersionStockee,
  lang: Lang,
): Promise<DiffResult> {
  return avecArbre(await contexte(db, a), (t) =>
    diffFichiers(cheminRegles(de), cheminRegles(a), { lang, cwd: t.rules }),
  );
}

/** `convflux render --avenant` from one stored version to a later one. */
export async function avenantVersions(
  db: Kysely<Database>,
  de: VersionStockee,
  a: VersionStockee,
  format: Format,
  lang: Lang,
): Promise<Uint8Array> {
  return avecArbre(await contexte(db, a), async (t) => {
    const out = join(t.rules, `avenant.${format}`);
    const r = await renderAvenant(cheminRegles(de), cheminRegles(a), {
      lang,
      cwd: t.rules,
      out,
      html: format === 'html',
    });
    if (!r.ok || !r.document) throw refus(r.diagnostics);
    return readFileSync(out);
  });
}
