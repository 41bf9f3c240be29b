import type { Exclusion } from '../convention/convention.js';

export type TypeEvenement =
  | 'liberation'
  | 'mise_en_service'
  | 'hors_assiette'
  | 'orientation'
  | 'designation'
  | 'caleol'
  | 'refus'
  | 'bail_signe'
  | 'reprise';

export const TYPES_EVENEMENT: readonly TypeEvenement[] = [
  'liberation',
  'mise_en_service',
  'hors_assiette',
  'orientation',
  'designation',
  'caleol',
  'refus',
  'bail_signe',
  'reprise',
];

export type DecisionCaleol = 'attribution' | 'refus' | 'ajournement';
/** A contingent within a réservataire's part: the État's civil and military staff (I6). */
export type Contingent = 'agents_etat';

export type PartieRefus = 'candidat' | 'reservataire' | 'bailleur';

/** One row of `--events`. Fields beyond id/date/type/logement depend on the type. */
export interface Evenement {
  id: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  type: TypeEvenement;
  logement: string;
  /** orientation, designation (and optionally caleol/refus/bail_signe): the réservataire id. */
  reservataire?: string;
  /** hors_assiette: the exclusion category. */
  motif?: Exclusion;
  /** caleol: the commission's decision. */
  decision?: DecisionCaleol;
  /** refus: who refused. */
  par?: PartieRefus;
  /** designation: number of candidates named (a count, never identities). */
  candidats?: number;
  /** designation: the contingent designated for (the État's agents), when not the part itself. */
  contingent?: Contingent;
}
