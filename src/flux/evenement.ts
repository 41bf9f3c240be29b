import type { Exclusion } from '../convention/convention.js';
import type { PublicAttribution } from '../engine/evaluation.js';

export type TypeEvenement =
  | 'liberation'
  | 'mise_en_service'
  | 'hors_assiette'
  | 'orientation'
  | 'designation'
  | 'caleol'
  | 'refus'
  | 'bail_signe'
  | 'reprise'
  | 'conge'
  | 'retrait_conge'
  | 'notification'
  | 'annulation';

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
  'conge',
  'retrait_conge',
  'notification',
  'annulation',
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
  /**
   * caleol attribution: the public(s) of the household (DALO, other priority household, first
   * quartile outside QPV), a non-identifying flag — never who the household is (I7).
   */
  public?: PublicAttribution[];
  /** conge: the day the tenant's notice says the flat will be freed (ISO date). */
  date_liberation_prevue?: string;
  /** designation: the contingent designated for (the État's agents), when not the part itself. */
  contingent?: Contingent;
  /**
   * annulation: the id of the event it cancels (a correction: events are never edited). The
   * engine ignores the cancelled event and the annulation itself.
   */
  annule?: string;
}
