/** One deadline of the échéancier: when, what kind, about which convention or flat, in French. */

export type NatureEcheance =
  | 'delai_designation'
  | 'orientation_logement'
  | 'bilan_annuel'
  | 'fin_derogation'
  | 'fin_convention';

export const NATURES_ECHEANCE: readonly NatureEcheance[] = [
  'delai_designation',
  'orientation_logement',
  'bilan_annuel',
  'fin_derogation',
  'fin_convention',
];

export interface ReferenceEcheance {
  article: string;
  texte: string;
  nature: 'citation' | 'resume';
}

export interface Echeance {
  /** Stable key (the same deadline has the same id at every date): iCalendar UID, webhooks. */
  id: string;
  /** The deadline day (ISO). */
  date: string;
  nature: NatureEcheance;
  /** The deadline is before the evaluation date (a freed flat left unoriented). */
  depasse: boolean;
  /** Days from the evaluation date to the deadline (negative once passed). */
  jours_restants: number;
  bailleur: string;
  departement: string;
  convention?: string;
  /** The réservataire the deadline is addressed to (the cycle's, or the convention's party). */
  reservataire?: string;
  /** The bilan: every réservataire of the bailleur × département it is sent to. */
  reservataires?: string[];
  logement?: string;
  /** Start of the running delay (orientation, liberation, or first letting). */
  depuis?: string;
  /** The tenant's congé before the liberation, when one was recorded. */
  conge?: string;
  /** Days since the congé (or the liberation when no congé was recorded). */
  jours_ecoules?: number;
  phrase: string;
  reference?: ReferenceEcheance;
}

/** 2026-03-05 → 05/03/2026. */
export function dateFr(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
