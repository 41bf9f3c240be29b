/**
 * Reads a cotation grid strictly: YAML with positions (src/source/), then its JSON schema
 * (unknown keys, types, bounds), then the checks of check-grille.ts. Every problem is a
 * Diagnostic with file, line and column; never throws for a bad file.
 */
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { FileReport } from '../../diagnostics/file-report.js';
import type { Territoires } from '../../reference/territoires.js';
import { schemaValidator } from '../../schema/load-schemas.js';
import { schemaFindings } from '../../schema/schema-errors.js';
import { parsePointer } from '../../source/json-pointer.js';
import { loadYamlFileFast, type LoadedYaml } from '../../source/load-yaml-file.js';
import { verifierGrille } from './check-grille.js';
import type { Grille } from './grille.js';
import type { CotationLayout } from '../cotation-layout.js';

export interface GrilleChargee {
  /** Undefined when the grid has errors (the diagnostics say which). */
  grille?: Grille;
  diagnostics: Diagnostic[];
  /** The file's report: a later finding on the grid gets its line and column from it. */
  report: FileReport;
}

/** Schema and semantic checks of a parsed grid; the grid when it has no error. */
export function verifierGrilleChargee(
  loaded: LoadedYaml,
  territoires: Territoires,
  layout?: CotationLayout,
): Grille | undefined {
  const { report, data } = loaded;
  if (data === undefined) {
    // The loader's FICHIER_VIDE expects a convention: said here of a grid.
    const d = report.diagnostics;
    for (let i = 0; i < d.length; i++)
      if (d[i]?.code === 'FICHIER_VIDE')
        d[i] = new FileReport(report.file, report.lang).add('COTATION_FICHIER_VIDE', {});
    return undefined;
  }
  const validate = schemaValidator('cotation.schema.json');
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    for (const f of schemaFindings(errors, report.lang))
      report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
    // Only unknown keys: the rest of the grid is still checked (every finding in one run); the
    // grid itself is not used (it has errors).
    const reste = sansClesInconnues(data, errors);
    if (reste !== undefined && validate(reste))
      verifierGrille(reste as Grille, report, territoires, layout);
    return undefined;
  }
  const grille = data as Grille;
  verifierGrille(grille, report, territoires, layout);
  return report.hasErrors ? undefined : grille;
}

interface ErreurSchema {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/**
 * A copy of `data` without the keys the schema does not know, when those are its only errors;
 * undefined otherwise (a wrong type or a missing key: the semantic checks would read garbage).
 */
function sansClesInconnues(data: unknown, errors: readonly ErreurSchema[]): unknown {
  if (!errors.every((e) => e.keyword === 'additionalProperties')) return undefined;
  const copie: unknown = structuredClone(data);
  for (const e of errors) {
    const parent = suivre(copie, e.instancePath);
    const cle = e.params['additionalProperty'];
    if (parent && typeof cle === 'string') Reflect.deleteProperty(parent, cle);
  }
  return copie;
}

/** The object at a JSON pointer, or undefined. */
function suivre(racine: unknown, pointeur: string): object | undefined {
  let v: unknown = racine;
  for (const cle of parsePointer(pointeur)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[cle];
  }
  return typeof v === 'object' && v !== null ? v : undefined;
}

export async function chargerGrille(
  path: string,
  file: string,
  lang: Lang,
  territoires: Territoires,
  layout?: CotationLayout,
): Promise<GrilleChargee> {
  const loaded = await loadYamlFileFast(path, file, lang);
  const grille = verifierGrilleChargee(loaded, territoires, layout);
  return {
    ...(grille ? { grille } : {}),
    diagnostics: loaded.report.diagnostics,
    report: loaded.report,
  };
}
