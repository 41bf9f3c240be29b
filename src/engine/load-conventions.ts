/**
 * Reads the conventions of `--rules` folders for the flux engine: YAML with positions, schema
 * validation, then the index. A file that does not pass the schema is left out and reported (its
 * diagnostics say how to fix it; `convflux check` gives the full picture).
 */
import { dirname } from 'node:path';
import { checkArrete } from '../check/arrete-checks.js';
import { collectFiles, type InputFile } from '../check/collect-files.js';
import { parseCotationLayout } from '../check/cotation-layout.js';
import { parseLayout } from '../check/layout.js';
import { arretesDe, parseArreteLayout, type Arrete } from '../convention/arrete.js';
import { loadParametres } from '../reglementation/load-reglementation.js';
import { perimetre } from '../check/reference-checks.js';
import type { Convention } from '../convention/convention.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { territoires, type Territoires } from '../reference/territoires.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { schemaFindings } from '../schema/schema-errors.js';
import { loadYamlFile, loadYamlText } from '../source/load-yaml-file.js';
import { MAX_ALIAS_COUNT } from '../source/parse-yaml.js';
import { readSource, type ReadResult } from '../source/read-source.js';
import { yamlDepthExcess } from '../source/yaml-depth.js';
import { parseCleanData } from '../source/unique-keys.js';
import { ConventionIndex, makeVersion, type ConventionVersion } from './convention-index.js';
import { ReglesPartagees } from './regles-partagees.js';

export interface LoadOptions {
  lang: Lang;
  cwd: string;
  /** Only signed versions apply (default: every version, drafts flagged). */
  signees?: boolean;
}

export interface LoadedConventions {
  index: ConventionIndex;
  diagnostics: Diagnostic[];
  files: number;
  /**
   * Ids of the conventions read as context only: a file named in `paths` pulls in the other
   * conventions of its bailleur × département (as `check` does), none of whose files was named.
   * Empty when every convention read was asked for (a folder given, or every file named).
   */
  contexte: string[];
  /** The convention files named (or found in a folder named), as displayed. */
  demandes: string[];
}

const TERRITORIAUX = new Set(['commune', 'epci', 'ept']);

export async function loadConventions(
  paths: readonly string[],
  o: LoadOptions,
): Promise<LoadedConventions> {
  const diagnostics: Diagnostic[] = [];
  const collected = await collectFiles(paths, o.cwd, o.lang);
  const { missing } = collected;
  // Cotation grids (rules/cotation/) are checked by `check`, scored by `cotation`: not conventions.
  const files = collected.files.filter((f) => !parseCotationLayout(f.absolutePath));
  for (const path of missing)
    diagnostics.push(new FileReport(path, o.lang).add('CHEMIN_INTROUVABLE', { chemin: path }));
  const none = files.length === 0 && missing.length === 0;
  // Every entry not read is named (a skipped convention is never a silent drop).
  diagnostics.push(
    ...collected.diagnostics.filter((d) => !none || d.code !== 'DOSSIER_SANS_CONVENTION'),
  );
  if (none)
    diagnostics.push(
      new FileReport(paths.join(', '), o.lang).add('AUCUNE_CONVENTION', {
        chemins: paths.join(', '),
      }),
    );
  const texts = await Promise.all(files.map((f) => readSource(f.absolutePath, o.lang, f.file)));
  // A named version names its convention: its other versions (same folder) are asked for too.
  const dossiers = new Set(files.filter((f) => f.requested).map((f) => dirname(f.absolutePath)));
  const lus: SourceLue[] = files.map((input, i) => ({
    file: input.file,
    absolutePath: input.absolutePath,
    read: texts[i],
    requested: input.requested || dossiers.has(dirname(input.absolutePath)),
  }));
  const { index, contexte } = await indexer(lus, o, diagnostics);
  const demandes = files.filter((f) => f.requested).map((f) => f.file);
  return { index, diagnostics, files: files.length, contexte, demandes };
}

/** A convention version held in memory (a database row): its text and a path-like name. */
export interface SourceConvention {
  /** Named in diagnostics and explanations, e.g. `conventions/93/<SIREN>/<réservataire>/v2.yaml`. */
  file: string;
  text: string;
}

/**
 * The index of conventions held in memory, read exactly as `loadConventions` reads files
 * (schema, diagnostics with file and line, the same index), without writing them anywhere.
 * Sources are convention versions (no arrêté, no cotation grid); they are taken in the order of
 * their names, as a folder walk would.
 */
export async function loadConventionSources(
  sources: readonly SourceConvention[],
  o: Omit<LoadOptions, 'cwd'>,
): Promise<LoadedConventions> {
  const diagnostics: Diagnostic[] = [];
  const ordre = [...sources].sort((a, b) => compareChemins(a.file, b.file));
  const lus: SourceLue[] = ordre.map((s) => ({
    file: s.file,
    absolutePath: s.file,
    read: { ok: true, text: s.text },
    requested: true,
  }));
  const { index } = await indexer(lus, o, diagnostics, false);
  const demandes = ordre.map((s) => s.file);
  return { index, diagnostics, files: sources.length, contexte: [], demandes };
}

/** Path order segment by segment (the order of a sorted folder walk). */
function compareChemins(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const u = x[i] ?? '';
    const v = y[i] ?? '';
    if (u !== v) return u < v ? -1 : 1;
  }
  return x.length - y.length;
}

/** A source read (or not): its display name, its path, its text or the problem. */
interface SourceLue {
  file: string;
  absolutePath: string;
  read: ReadResult | undefined;
  /** Named (or in a folder named), not pulled in as a named file's context. */
  requested: boolean;
}

/**
 * The sources read → checked conventions → the index (problems pushed to `diagnostics`), and the
 * ids of the conventions none of whose files was asked for (`contexte`).
 * `surDisque`: files (arrêtés read; a file with a problem read again for positions).
 */
async function indexer(
  lus: readonly SourceLue[],
  o: Omit<LoadOptions, 'cwd'>,
  diagnostics: Diagnostic[],
  surDisque = true,
): Promise<{ index: ConventionIndex; contexte: string[] }> {
  const validate = schemaValidator('convention.schema.json');
  const byId = new Map<string, { c: Convention; versions: ConventionVersion[] }>();
  const partage = new ReglesPartagees();
  const seen = new Map<string, string>();
  let geo: Territoires | undefined;
  const arretes: Arrete[] = [];
  const demandes = new Set<string>();
  const nonSignes = new Set<string>();
  /** Réservataire → the first file naming it that could not be read (its error is reported). */
  const illisibles = new Map<string, string>();
  const illisible = (input: SourceLue, data: unknown): void => {
    const id = reservataireDe(data) ?? parseLayout(input.absolutePath)?.reservataire;
    if (id !== undefined && !illisibles.has(id)) illisibles.set(id, input.file);
  };
  for (const input of lus) {
    if (surDisque && parseArreteLayout(input.absolutePath)) {
      arretes.push(...(await lireArrete(input, o.lang, diagnostics)));
      continue;
    }
    // Fast path: a clean file needs no positions (explanations re-read the file for lines).
    const read = input.read;
    let data: unknown =
      read?.ok && yamlDepthExcess(read.text) === -1
        ? parseCleanData(read.text, MAX_ALIAS_COUNT)
        : undefined;
    if (data === undefined || data === null || !validate(data)) {
      // Slow path, only for files with a problem: positions, every diagnostic.
      const loaded = surDisque
        ? await loadYamlFile(input.absolutePath, input.file, o.lang)
        : loadYamlText(input.file, read ?? { ok: true, text: '' }, o.lang);
      if (loaded.data === undefined) {
        diagnostics.push(...loaded.report.diagnostics.filter((d) => d.severity === 'error'));
        illisible(input, undefined);
        continue;
      }
      if (!validate(loaded.data)) {
        for (const f of schemaFindings(validate.errors ?? [], o.lang))
          loaded.report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
        diagnostics.push(...loaded.report.diagnostics);
        illisible(input, loaded.data);
        continue;
      }
      data = loaded.data;
    }
    const c = data as Convention;
    if (o.signees && c.statut !== 'signee') {
      nonSignes.add(c.reservataire.id);
      continue;
    }
    const key = `${c.id}#${String(c.version)}`;
    const first = seen.get(key);
    if (first) {
      diagnostics.push(
        new FileReport(input.file, o.lang).add(
          'VERSION_DOUBLON',
          { id: c.id, version: c.version, autreFichier: first },
          '/version',
        ),
      );
      continue;
    }
    seen.set(key, input.file);
    if (input.requested) demandes.add(c.id);
    const group = byId.get(c.id) ?? byId.set(c.id, { c, versions: [] }).get(c.id);
    group?.versions.push(makeVersion(c, input.file, input.absolutePath, partage));
  }
  const index = new ConventionIndex();
  for (const [id, { c, versions }] of byId) {
    let communes: ReadonlySet<string> | undefined;
    if (TERRITORIAUX.has(c.reservataire.type)) {
      geo ??= territoires();
      const own = perimetre(geo, c) ?? new Set<string>();
      // Flats of Paris, Lyon and Marseille are filed under their arrondissements.
      const withArrondissements = new Set(own);
      for (const code of own)
        for (const a of geo.arrondissements.get(code) ?? []) withArrondissements.add(a);
      communes = withArrondissements;
    }
    index.add({
      id,
      bailleur: c.bailleur.siren,
      departement: c.departement,
      reservataire: c.reservataire.id,
      perimetre: communes,
      versions,
      // The État's dû follows the prefectoral arrêtés of its département (src/engine/part-due.ts).
      ...(c.reservataire.type === 'etat' ? { arretes: arretesDe(arretes, c) } : {}),
    });
  }
  for (const r of nonSignes) index.nonSignes.add(r);
  for (const [r, f] of illisibles) index.illisibles.set(r, f);
  const contexte = [...byId.keys()].filter((id) => !demandes.has(id)).sort();
  return { index, contexte };
}

/** The `reservataire.id` a convention's data writes, if it writes one (the file may be invalid). */
function reservataireDe(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || !('reservataire' in data)) return undefined;
  const r: unknown = data.reservataire;
  if (r === null || typeof r !== 'object' || !('id' in r)) return undefined;
  return typeof r.id === 'string' && r.id !== '' ? r.id : undefined;
}

/** One arrêté file, checked as `convflux check` does; its errors reported, the arrêté if valid. */
async function lireArrete(
  input: Pick<InputFile, 'absolutePath' | 'file'>,
  lang: Lang,
  diagnostics: Diagnostic[],
): Promise<Arrete[]> {
  const layout = parseArreteLayout(input.absolutePath);
  const loaded = await loadYamlFile(input.absolutePath, input.file, lang);
  if (!layout) return [];
  const arrete = checkArrete(
    loaded,
    { lang, territoires: territoires(), parametres: loadParametres(lang) },
    layout,
  );
  diagnostics.push(...loaded.report.diagnostics.filter((d) => d.severity === 'error'));
  return arrete ? [arrete] : [];
}
