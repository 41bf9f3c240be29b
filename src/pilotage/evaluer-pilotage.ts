/**
 * The dashboard of a set of input files: `evaluate` at the end of every month of the year up to
 * the evaluation date (the same options otherwise), then `tableauDeBord`.
 */
import { checkDates, evaluate, type EvaluateOptions } from '../engine/evaluate.js';
import type { Evaluation } from '../engine/evaluation.js';
import { finsDeMois } from './mois.js';
import { tableauDeBord, type TableauDeBord } from './tableau-de-bord.js';

export async function evaluerPilotage(
  o: Omit<EvaluateOptions, 'explain'>,
): Promise<{ tableau: TableauDeBord; evaluation: Evaluation }> {
  const date = checkDates(o.annee, o.date);
  const moments: Evaluation[] = [];
  // One after the other: each evaluation already uses the workers it is given.
  for (const fin of finsDeMois(o.annee, date))
    moments.push((await evaluate({ ...o, date: fin })).evaluation);
  const evaluation = moments[moments.length - 1];
  if (!evaluation) throw new Error('evaluerPilotage : aucune date.');
  return { tableau: tableauDeBord(moments), evaluation };
}
