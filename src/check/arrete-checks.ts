/**
 * Checks of one prefectoral arrêté file (rules/arretes/<département>/<id>.yaml): schema, its place
 * in the layout, its dates and its one-year limit (CCH art. R. 441-5-2 I, second alinéa).
 */
import { isIsoDate } from '../convention/calendar.js';
import { finMaximale, type Arrete, type ArreteLayout } from '../convention/arrete.js';
import type { FileReport } from '../diagnostics/file-report.js';
import { isValidSiren } from '../reference/siren.js';
import type { Territoires } from '../reference/territoires.js';
import type { Parametres } from '../reglementation/parametres.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { schemaFindings } from '../schema/schema-errors.js';
import type { LoadedYaml } from '../source/load-yaml-file.js';
import type { Lang } from '../diagnostics/diagnostic.js';

export interface ArreteCheckContext {
  lang: Lang;
  territoires: Territoires;
  parametres: Parametres;
}

function checkPlace(report: FileReport, a: Arrete, layout: ArreteLayout, t: Territoires): void {
  if (a.id !== layout.nom)
    report.add('ARRETE_ID_INCOHERENT', { id: a.id, attendu: layout.nom }, '/id');
  if (a.departement !== layout.departement)
    report.add(
      'ARRETE_DEPARTEMENT_INCOHERENT',
      { departement: a.departement, dossier: layout.departement },
      '/departement',
    );
  else if (!t.departements.has(a.departement))
    report.add('ARRETE_DEPARTEMENT_INCONNU', { departement: a.departement }, '/departement');
}

function checkDates(report: FileReport, a: Arrete): void {
  if (![a.date, a.debut, a.fin].every(isIsoDate)) return;
  if (a.fin < a.debut) {
    report.add('ARRETE_DATES_INVERSEES', { debut: a.debut, fin: a.fin }, '/fin');
    return;
  }
  const max = finMaximale(a.debut);
  if (a.fin > max)
    report.add('ARRETE_DUREE_EXCESSIVE', { debut: a.debut, fin: a.fin, max }, '/fin');
  if (a.date > a.debut)
    report.add('ARRETE_DATE_POSTERIEURE', { date: a.date, debut: a.debut }, '/date');
}

function checkParts(report: FileReport, a: Arrete, parametres: Parametres): void {
  if (a.dont_agents_max > a.part_max)
    report.add(
      'ARRETE_AGENTS_HORS_PART',
      { agents: a.dont_agents_max, part: a.part_max },
      '/dont_agents_max',
    );
  const plafond = parametres.valueAt('etat_part_max', a.debut);
  const plafondAgents = parametres.valueAt('etat_agents_part_max', a.debut);
  if (
    typeof plafond === 'number' &&
    typeof plafondAgents === 'number' &&
    a.part_max <= plafond &&
    a.dont_agents_max <= plafondAgents
  )
    report.add(
      'ARRETE_SANS_DEROGATION',
      {
        part: a.part_max,
        agents: a.dont_agents_max,
        plafond,
        plafond_agents: plafondAgents,
      },
      '/part_max',
    );
  (a.bailleurs ?? []).forEach((siren, i) => {
    if (!isValidSiren(siren))
      report.add('ARRETE_SIREN_INVALIDE', { siren }, `/bailleurs/${String(i)}`);
  });
}

/** Every check of one arrêté file; the arrêté when it passed the schema. */
export function checkArrete(
  loaded: LoadedYaml,
  ctx: ArreteCheckContext,
  layout: ArreteLayout,
): Arrete | undefined {
  const { report, data } = loaded;
  if (data === undefined) return undefined;
  const validate = schemaValidator('arrete.schema.json');
  if (!validate(data)) {
    for (const f of schemaFindings(validate.errors ?? [], ctx.lang))
      report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
    return undefined;
  }
  const a = data as Arrete;
  checkPlace(report, a, layout, ctx.territoires);
  checkDates(report, a);
  checkParts(report, a, ctx.parametres);
  return report.diagnostics.some((d) => d.severity === 'error') ? undefined : a;
}
