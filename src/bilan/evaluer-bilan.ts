/**
 * The year of the bilan: the flux engine's evaluation (exactly `convflux evaluate`'s, in-process)
 * and, from the same per-flat results, the finer breakdowns of CCH art. R. 441-5-1 (collecte.ts).
 * The files are read while the conventions load, as `evaluate` does.
 */
import type { ConventionEntry, ConventionIndex } from '../engine/convention-index.js';
import {
  assembler,
  baseOptions,
  calculerPartie,
  lirePartie,
  type EvaluateOptions,
} from '../engine/evaluate.js';
import type { Evaluation } from '../engine/evaluation.js';
import { loadConventions } from '../engine/load-conventions.js';
import {
  CollecteBilan,
  type DetailLogement,
  type VentilationBailleur,
  type VentilationConvention,
} from './collecte.js';

/** The options of `evaluate` a bilan takes (the rest is the bilan's own choice). */
export type BilanEvaluationOptions = Pick<
  EvaluateOptions,
  'rules' | 'parc' | 'evenements' | 'annee' | 'date' | 'lang' | 'cwd' | 'signees'
> & {
  /** Keep the flat-level rows of each convention (an addressee's annex). */
  detail?: boolean;
  /** Called once the conventions are loaded, while the files are still being read. */
  surConventions?: (index: ConventionIndex) => void;
};

export interface BilanEvaluation {
  evaluation: Evaluation;
  /** SHA-256 of the inputs read from the standard input (they cannot be read again). */
  empreintes: { parc?: string; evenements?: string };
  /** Index entries by convention id. */
  entrees: ReadonlyMap<string, ConventionEntry>;
  /** The R. 441-5-1 breakdown and the hors-assiette block of one convention. */
  ventilation: (id: string) => VentilationConvention;
  /** The bailleur's own share and deductions in a département (SIREN, département). */
  ventilationBailleur: (bailleur: string, departement: string) => VentilationBailleur;
  /** The flats of one convention's year (empty unless `detail` was asked). */
  detail: (id: string) => DetailLogement[];
}

/** Throws EvaluateUsageError for a bad year or date (as `evaluate`). */
export async function evaluerBilan(o: BilanEvaluationOptions): Promise<BilanEvaluation> {
  const base = baseOptions({
    parc: o.parc,
    evenements: o.evenements,
    annee: o.annee,
    moteur: 'compile',
    ...(o.date !== undefined ? { date: o.date } : {}),
    ...(o.lang !== undefined ? { lang: o.lang } : {}),
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
  });
  const { lang, cwd, date } = base;
  const [lecture, loaded] = await Promise.all([
    lirePartie(base),
    loadConventions(o.rules, { lang, cwd, ...(o.signees ? { signees: true } : {}) }).then((l) => {
      o.surConventions?.(l.index);
      return l;
    }),
  ]);
  const collecte = new CollecteBilan(loaded.index, o.annee, date, o.detail === true);
  const partie = await calculerPartie(lecture, loaded.index, base, (l, r) => {
    collecte.addFlat(l, r);
  });
  const { evaluation } = assembler([partie], loaded.index, loaded.diagnostics, base);
  const entrees = new Map(loaded.index.entries.map((e) => [e.id, e]));
  return {
    evaluation,
    empreintes: lecture.empreintes,
    entrees,
    ventilation: (id) => {
      const entry = entrees.get(id);
      return entry
        ? collecte.ventilation(entry.index)
        : { lignes: [], horsAssiette: { logements: {}, attributions: {} } };
    },
    ventilationBailleur: (bailleur, departement) =>
      collecte.ventilationBailleur(bailleur, departement),
    detail: (id) => {
      const entry = entrees.get(id);
      return entry ? collecte.detailConvention(entry.index) : [];
    },
  };
}
