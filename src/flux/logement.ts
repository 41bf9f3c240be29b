import type { Financement, Typologie } from '../convention/convention.js';

/** Reservations that stay on identified flats (stock), outside the flux (CCH art. R. 441-5 I). */
export type HorsFlux = 'defense' | 'securite_interieure' | 'sante';
export const HORS_FLUX: readonly HorsFlux[] = ['defense', 'securite_interieure', 'sante'];

/** One flat of the bailleur's parc (one row of `--parc`). */
export interface Logement {
  /** Identifier, e.g. the RPLS number. */
  logement: string;
  /** SIREN of the bailleur that owns it. */
  bailleur: string;
  departement: string;
  /** INSEE code of the commune. */
  commune: string;
  /** SIREN of its EPCI or EPT (may be absent). */
  epci?: string;
  qpv: boolean;
  typologie: Typologie;
  financement: Financement;
  annee_construction: number;
  /** The programme (residence) it belongs to, when the parc says (optional column). */
  programme?: string;
  /** Set when the flat stays in stock (Défense, sécurité intérieure, santé). */
  hors_flux?: HorsFlux;
}
