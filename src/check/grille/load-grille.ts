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
import { loadYamlFile, type LoadedYaml } from '../../source/load-yaml-file.js';
import { verifierGrille } from './check-grille.js';
import type { Grille } from './grille.js';
import type { CotationLayout } from '../cotation-layout.js';

export interface GrilleChargee {
  /** Undefined when the grid has errors (the diagnostics say which). */
  grille?: Grille;
  diagnostics: Diagnostic[];
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
    for (const f of schemaFindings(validate.errors ?? [], report.lang))
      report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
    return undefined;
  }
  const grille = data as Grille;
  verifierGrille(grille, report, territoires, layout);
  return report.hasErrors ? undefined : grille;
}

export async function chargerGrille(
  path: string,
  file: string,
  lang: Lang,
  territoires: Territoires,
  layout?: CotationLayout,
): Promise<GrilleChargee> {
  const loaded = await loadYamlFile(path, file, lang);
  const grille = verifierGrilleChargee(loaded, territoires, layout);
  return { ...(grille ? { grille } : {}), diagnostics: loaded.report.diagnostics };
}
