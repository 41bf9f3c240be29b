/** The échéancier as text: one line per deadline, by date. */
import { dateFr } from './echeance.js';
import type { Echeancier } from './calculer-echeancier.js';

export function formatEcheancier(e: Echeancier): string {
  const tete = `Échéancier au ${dateFr(e.date)} (${String(e.echeances.length)} échéance(s)) :`;
  if (!e.echeances.length) return `${tete}\n  (aucune)`;
  return [
    tete,
    ...e.echeances.map((x) => `  ${dateFr(x.date)}${x.depasse ? ' (dépassé)' : ''}  ${x.phrase}`),
  ].join('\n');
}
