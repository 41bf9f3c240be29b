/**
 * The files `evaluate --out` writes, in the order it writes them: the command writes each one
 * (`ecrireResultats`, one writer per name) and its help lists them, from this one list.
 */
export const FICHIERS_EVALUATION = [
  'evaluation.json',
  'conventions.csv',
  'objectifs.csv',
  'publics.csv',
  'alertes.csv',
  'rejets.csv',
  'periodes.csv',
  'agents.csv',
  'conversion.csv',
] as const;

export type FichierEvaluation = (typeof FICHIERS_EVALUATION)[number];
