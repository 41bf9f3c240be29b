/**
 * The English sentence of a deadline, said again from its own fields when they hold the whole
 * sentence (designation delays, annual bilans, ends of agreements); undefined otherwise (a flat
 * to orient, whose origin the fields do not say; a derogation, whose arrêté they do not name):
 * the French sentence (`phrase`) is then kept. One wording for the web page and
 * `convflux echeancier --lang en`; `jour` writes a day as each of them writes dates.
 */
import type { Echeance } from './echeance.js';

export function phraseAnglaise(e: Echeance, jour: (d: string) => string): string | undefined {
  if (e.nature === 'delai_designation' && e.logement && e.reservataire && e.depuis)
    return (
      `Flat ${e.logement}: designation expected from ${e.reservataire} by ${jour(e.date)} ` +
      `(delay opened on ${jour(e.depuis)}, agreement ${e.convention ?? '—'}; ` +
      `${String(e.jours_restants)} day(s) left).`
    );
  if (e.nature === 'bilan_annuel' && e.reservataires) {
    const annee = Number(e.date.slice(0, 4)) - 1;
    return (
      `Annual report ${String(annee)} of landlord ${e.bailleur} (département ${e.departement}) ` +
      `to send before 28 February ${String(annee + 1)} to all reservation holders ` +
      `(${e.reservataires.join(', ')}).`
    );
  }
  if (e.nature === 'fin_convention' && e.convention && e.reservataire)
    return (
      `Agreement ${e.convention} between landlord ${e.bailleur} and ${e.reservataire} ` +
      `ends on ${jour(e.date)} (duree.fin).`
    );
  return undefined;
}
