/** A draft version of a convention, checked, ready to replace the versions in force from its date_effet. */
import type { Convention } from '../convention/convention.js';
import type { Surcharge } from './surcharge.js';

export interface Projet {
  convention: Convention;
  /** The draft file as shown, or « --set … » for overrides. */
  fichier: string;
  absolutePath: string;
  /** The version the overrides were applied to (overrides only). */
  base_version?: number;
  surcharges?: SurchargeAppliquee[];
}

export interface SurchargeAppliquee {
  option: string;
  cle: string;
  /** The value in the version in force (undefined: the key was absent). */
  avant?: unknown;
  apres: unknown;
}

export const cleDe = (s: Surcharge): string => s.chemin.join('.');
