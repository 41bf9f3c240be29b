/**
 * The sentence of a deadline in the page's language. The library writes it in French (`phrase`);
 * in English the page says it again from the deadline's own fields when they hold the whole
 * sentence (designation delays, annual bilans, ends of agreements). Otherwise (a flat to orient,
 * whose origin the fields do not say; a derogation, whose arrêté they do not name) the French
 * sentence is kept and marked French (`fr`) for screen readers.
 */
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Echeance } from '../../echeancier/echeance.js';
import { dateEnMots } from '../formats.js';

export interface PhraseEcheance {
  texte: string;
  fr: boolean;
}

const jour = (d: string | undefined): string => dateEnMots('en', d) ?? d ?? '—';

/** The English sentence of a deadline, when its fields say it all. */
function anglais(e: Echeance): string | undefined {
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

export function phraseEcheance(e: Echeance, lang: Lang): PhraseEcheance {
  const en = lang === 'en' ? anglais(e) : undefined;
  return en ? { texte: en, fr: false } : { texte: e.phrase, fr: true };
}
