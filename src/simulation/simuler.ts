/**
 * `convflux simulate` as a library function (mode `recompte`): the year's events read once, then
 * counted twice, under the conventions of `--rules` and under the same conventions with the
 * drafts (a `--projet` file, or `--set` overrides) as one more version each, in force from the
 * draft's date_effet. The answer puts the two side by side.
 */
import {
  checkDates,
  EvaluateUsageError,
  restreindreEvaluation,
  Simulation,
  type EvaluateOptions,
} from '../engine/evaluate.js';
import type { Evaluation } from '../engine/evaluation.js';
import { loadConventions, type LoadedConventions } from '../engine/load-conventions.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { construireProjets } from './appliquer-surcharges.js';
import { comparerAlertes, comparerConventions } from './comparer.js';
import { indexAvecProjets, versionsRemplacees } from './index-avec-projets.js';
import type { Projet } from './projet.js';
import { lireProjets } from './projet-fichier.js';
import type { ModeSimulation, ProjetSimule, ResultatSimulation } from './resultat-simulation.js';
import { lireSurcharge, type Surcharge } from './surcharge.js';

export interface SimulateOptions extends Pick<
  EvaluateOptions,
  'rules' | 'parc' | 'evenements' | 'annee' | 'date' | 'lang' | 'cwd' | 'signees'
> {
  /** Draft files (full convention versions). */
  projets?: readonly string[];
  /** Overrides, as after `--set`: `ID:cle.sous_cle=valeur`. */
  surcharges?: readonly string[];
  /** When the overrides' draft takes effect (default: 1 January of `annee`, or the convention's start). */
  dateEffet?: string;
}

export interface SimulateResult {
  simulation: ResultatSimulation;
  /** Both evaluations in full (absent when a draft could not be built). */
  evaluations?: { en_vigueur: Evaluation; projet: Evaluation };
  /** A mistake of the command line (an override's form, an unknown convention): exit 2. */
  usage: boolean;
}

function lireSurcharges(
  textes: readonly string[],
  lang: 'fr' | 'en',
): { surcharges: Surcharge[]; diagnostics: Diagnostic[] } {
  const surcharges: Surcharge[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const t of textes) {
    const s = lireSurcharge(t);
    if (s) surcharges.push(s);
    else
      diagnostics.push(
        new FileReport(`--set ${t}`, lang).add('SIMULATION_SURCHARGE_SYNTAXE', {
          option: `--set ${t}`,
        }),
      );
  }
  return { surcharges, diagnostics };
}

const decrire = (p: Projet, remplace: number[]): ProjetSimule => ({
  convention: p.convention.id,
  version: p.convention.version,
  date_effet: p.convention.date_effet,
  source: p.fichier,
  remplace,
  ...(p.base_version !== undefined ? { base_version: p.base_version } : {}),
  ...(p.surcharges ? { surcharges: p.surcharges } : {}),
});

/** A draft is given one way: files or overrides (in recount mode, one of them). */
export function unSeulMoyen(
  fichiers: readonly string[],
  textes: readonly string[],
  requis: boolean,
): void {
  if (fichiers.length && textes.length)
    throw new EvaluateUsageError(
      'simulate : --projet ou --set, pas les deux (un projet se modifie dans son fichier).',
      'simulate: --projet or --set, not both (edit a draft in its file).',
    );
  if (requis && !fichiers.length && !textes.length)
    throw new EvaluateUsageError(
      'simulate : un projet est attendu (--projet FICHIER ou --set ID:cle=valeur).',
      'simulate: a draft is expected (--projet FILE or --set ID:key=value).',
    );
}

/** The conventions of --rules and the drafts built from `--projet` or `--set` (none: an empty list). */
export async function chargerProjets(
  options: SimulateOptions,
  date: string,
): Promise<{
  loaded: LoadedConventions;
  projets: Projet[];
  diagnostics: Diagnostic[];
  usage: boolean;
}> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const fichiers = options.projets ?? [];
  const lues = lireSurcharges(options.surcharges ?? [], lang);
  const loaded = await loadConventions(options.rules, {
    lang,
    cwd,
    ...(options.signees ? { signees: true } : {}),
  });
  if (lues.diagnostics.length)
    return { loaded, projets: [], diagnostics: lues.diagnostics, usage: true };
  if (!fichiers.length && !lues.surcharges.length)
    return { loaded, projets: [], diagnostics: [], usage: false };
  const construits = fichiers.length
    ? { ...(await lireProjets(fichiers, loaded.index, { lang, cwd })), usage: false }
    : await construireProjets(loaded.index, lues.surcharges, {
        annee: options.annee,
        date,
        lang,
        ...(options.dateEffet !== undefined ? { dateEffet: options.dateEffet } : {}),
      });
  return { loaded, ...construits };
}

/** An answer without figures (the draft could not be built). */
export const simulationVide = (
  mode: ResultatSimulation['mode'],
  options: SimulateOptions,
  date: string,
  diagnostics: Diagnostic[],
  usage: boolean,
): SimulateResult => ({
  simulation: {
    mode,
    annee: options.annee,
    date,
    projets: [],
    conventions: [],
    alertes: { apparues: [], disparues: [], libelles_alertes: {} },
    diagnostics,
    rejets: [],
  },
  usage,
});

export const decrireProjets = (
  loaded: LoadedConventions,
  projets: readonly Projet[],
): ProjetSimule[] => projets.map((p) => decrire(p, versionsRemplacees(loaded.index, p)));

/**
 * Both sides about the conventions asked for, as evaluate answers: a named file's siblings are
 * read as context (computed with, not reported, named in the note CONVENTIONS_CONTEXTE), except
 * the conventions a draft changes.
 */
export function restreindreAuxDemandes(
  loaded: LoadedConventions,
  projets: readonly Projet[],
  evaluations: readonly Evaluation[],
  lang: Lang,
): void {
  const changees = new Set(projets.map((p) => p.convention.id));
  const contexte = loaded.contexte.filter((id) => !changees.has(id));
  for (const e of evaluations) restreindreEvaluation(e, contexte, loaded.demandes, lang);
}

/** What both modes print: the year as observed (`avant`) beside the year simulated (`apres`). */
export function comparaison(
  mode: ModeSimulation,
  annee: number,
  date: string,
  construits: { loaded: LoadedConventions; projets: readonly Projet[]; diagnostics: Diagnostic[] },
  avant: Evaluation,
  apres: Evaluation,
  lang: Lang,
): ResultatSimulation {
  return {
    mode,
    annee,
    date,
    projets: decrireProjets(construits.loaded, construits.projets),
    conventions: comparerConventions(
      avant,
      apres,
      new Set(construits.projets.map((p) => p.convention.id)),
    ),
    alertes: comparerAlertes(avant, apres, lang),
    diagnostics: [...avant.diagnostics, ...construits.diagnostics],
    rejets: avant.rejets,
    ...(avant.conventions_contexte ? { conventions_contexte: avant.conventions_contexte } : {}),
  };
}

export async function simuler(options: SimulateOptions): Promise<SimulateResult> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  unSeulMoyen(options.projets ?? [], options.surcharges ?? [], true);
  const date = checkDates(options.annee, options.date);
  const construits = await chargerProjets(options, date);
  const { loaded } = construits;
  const bloquants = construits.diagnostics.some((d) => d.severity === 'error');
  if (construits.usage || bloquants || !construits.projets.length)
    return simulationVide(
      'recompte',
      options,
      date,
      [...(construits.usage ? [] : loaded.diagnostics), ...construits.diagnostics],
      construits.usage,
    );
  const simulation = await Simulation.ouvrir({
    parc: options.parc,
    evenements: options.evenements,
    annee: options.annee,
    date,
    lang,
    cwd,
  });
  const avant = (await simulation.evaluer(loaded)).evaluation;
  const index = indexAvecProjets(loaded.index, construits.projets);
  const apres = (await simulation.evaluer({ ...loaded, index })).evaluation;
  restreindreAuxDemandes(loaded, construits.projets, [avant, apres], lang);
  return {
    simulation: comparaison('recompte', options.annee, date, construits, avant, apres, lang),
    evaluations: { en_vigueur: avant, projet: apres },
    usage: false,
  };
}
