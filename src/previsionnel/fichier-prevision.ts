/**
 * The forecast file the bailleur writes for year N (schemas/previsionnel.schema.json): the flats
 * it will deduct from the assiette of the flux, by category (CCH art. R. 441-5 I), each with the
 * document the number comes from. Loaded like a convention: YAML with positions, the schema,
 * then the checks of its codes; every problem is a Diagnostic at its file:line.
 */
import type { Exclusion, Typologie } from '../convention/convention.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { isValidSiren } from '../reference/siren.js';
import type { Territoires } from '../reference/territoires.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { schemaFindings } from '../schema/schema-errors.js';
import { loadYamlFile } from '../source/load-yaml-file.js';

export interface DeductionPrevue {
  motif: Exclusion;
  nombre: number;
  commune?: string;
  typologie?: Typologie;
  source: string;
}

export interface FichierPrevision {
  bailleur: string;
  departement: string;
  annee: number;
  annees_observees?: number[];
  taux_rotation_defaut?: number;
  deductions: DeductionPrevue[];
}

export interface PrevisionLue {
  /** Undefined when the file has an error (the diagnostics say where). */
  prevision?: FichierPrevision;
  diagnostics: Diagnostic[];
  /** Locates a pointer of the file for later diagnostics (deductions that fall on no flat). */
  report?: FileReport;
}

/** The codes and years of a file that passed the schema. */
function verifier(p: FichierPrevision, annee: number, report: FileReport, t: Territoires): void {
  if (p.annee !== annee)
    report.add('PREVISION_ANNEE_DIFFERENTE', { annee: p.annee, demandee: annee }, '/annee');
  if (!isValidSiren(p.bailleur))
    report.add('PREVISION_SIREN_INVALIDE', { siren: p.bailleur }, '/bailleur');
  if (!t.departements.has(p.departement))
    report.add('PREVISION_DEPARTEMENT_INCONNU', { departement: p.departement }, '/departement');
  (p.annees_observees ?? []).forEach((observee, i) => {
    if (observee < p.annee - 3 || observee > p.annee - 1)
      report.add(
        'PREVISION_ANNEE_OBSERVEE_HORS_PERIODE',
        { observee, annee: p.annee, debut: p.annee - 3, fin: p.annee - 1 },
        `/annees_observees/${String(i)}`,
      );
  });
  p.deductions.forEach((d, i) => {
    if (d.commune !== undefined && t.communes.get(d.commune)?.departement !== p.departement)
      report.add(
        'PREVISION_COMMUNE_HORS_DEPARTEMENT',
        { commune: d.commune, departement: p.departement },
        `/deductions/${String(i)}/commune`,
      );
  });
}

/** Reads and checks the forecast file. Never throws for a bad file. */
export async function lireFichierPrevision(
  absolutePath: string,
  file: string,
  annee: number,
  lang: Lang,
  t: Territoires,
): Promise<PrevisionLue> {
  const loaded = await loadYamlFile(absolutePath, file, lang);
  const { report, data } = loaded;
  if (data === undefined)
    // The loader's FICHIER_VIDE expects a convention: said here of a forecast file.
    return {
      diagnostics: report.diagnostics.map((d) =>
        d.code === 'FICHIER_VIDE'
          ? new FileReport(file, lang).add('PREVISION_FICHIER_VIDE', {})
          : d,
      ),
    };
  const validate = schemaValidator('previsionnel.schema.json');
  if (!validate(data)) {
    for (const f of schemaFindings(validate.errors ?? [], lang))
      report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
    return { diagnostics: report.diagnostics, report };
  }
  const prevision = data as FichierPrevision;
  verifier(prevision, annee, report, t);
  return report.hasErrors
    ? { diagnostics: report.diagnostics, report }
    : { prevision, diagnostics: report.diagnostics, report };
}
