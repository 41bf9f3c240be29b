/** What `convflux simulate` answers (the `--json` output): the year under the conventions in force and under the drafts, side by side. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { NatureObjectif } from '../engine/objectifs.js';
import type { StatutObjectif } from '../engine/evaluation.js';
import type { SurchargeAppliquee } from './projet.js';

/**
 * `recompte`: the same events counted under the drafts' rules. `reorientation`: the year's freed
 * flats re-oriented by the orientation aid under the drafts' parts, their events replayed as
 * observed for the new réservataire.
 */
export type ModeSimulation = 'recompte' | 'reorientation';

/** One liberation of the year, re-oriented (mode `reorientation`). */
export interface LogementReoriente {
  logement: string;
  liberation: string;
  /** Who the cycle went to (the bailleur: `bailleur`); null when not oriented at the date. */
  observe: string | null;
  /** The first suggestion, given the re-oriented history so far. */
  reoriente: string | null;
  /** The candidates and their part on this flat (the bailleur's: the rest). */
  parts: Record<string, number>;
}

export interface Reorientation {
  /**
   * Flats oriented in the year whose réservataire changed; when a named file's siblings are read
   * as context (`conventions_contexte`), only those changing to or from a convention reported.
   */
  changements: number;
  /** With conventions read as context: the changes over every convention, theirs included. */
  changements_contexte_inclus?: number;
  logements: LogementReoriente[];
}

export interface ProjetSimule {
  convention: string;
  version: number;
  date_effet: string;
  /** The draft file, or the `--set` options. */
  source: string;
  /** Versions of --rules the draft replaces (those taking effect on or after its date_effet). */
  remplace: number[];
  /** Overrides only: the version they were applied to, and each key before → after. */
  base_version?: number;
  surcharges?: SurchargeAppliquee[];
}

/** One side's figures for a convention (see ConventionResultat). */
export interface ChiffresConvention {
  version: number;
  versions: number[];
  part: number;
  flux_annuel: number;
  du: number;
  realise: number;
  taux: number | null;
  alertes: number;
}

export interface ChiffresObjectif {
  cible: number;
  realise: number;
  statut: StatutObjectif;
}

export interface ComparaisonObjectif {
  nature: NatureObjectif;
  libelle?: string;
  territoire?: string;
  /** null: the objective is not in this side's version (added or removed by the draft). */
  en_vigueur: ChiffresObjectif | null;
  projet: ChiffresObjectif | null;
  /** The statut changes (or the objective appears/disappears). */
  bascule: boolean;
}

export interface ComparaisonConvention {
  id: string;
  reservataire: { id: string; nom: string };
  /** SIREN of the bailleur, and the département. */
  bailleur: string;
  departement: string;
  /** A draft applies to this convention. */
  avec_projet: boolean;
  en_vigueur: ChiffresConvention;
  projet: ChiffresConvention;
  ecart: { du: number; realise: number };
  objectifs: ComparaisonObjectif[];
}

/** An alert present on one side only (matched by code, flat and convention). */
export interface AlerteComparee {
  code: string;
  convention: string;
  logement: string;
  date: string;
  message: string;
  file: string;
  line: number;
}

/** The alerts that appear and vanish, and the words of their codes. */
export interface AlertesComparees {
  apparues: AlerteComparee[];
  disparues: AlerteComparee[];
  /**
   * The words of each code among them, in the run's language, by code (LIBELLES_ALERTES, the one
   * catalogue of evaluate --explain's `libelles_alertes` and simulate's tables).
   */
  libelles_alertes: Record<string, string>;
}

export interface ResultatSimulation {
  mode: ModeSimulation;
  annee: number;
  date: string;
  projets: ProjetSimule[];
  conventions: ComparaisonConvention[];
  alertes: AlertesComparees;
  /** Problems of the drafts, of the conventions of --rules and of the input files. */
  diagnostics: Diagnostic[];
  /** Input rows not used (the same on both sides), with file, line and reason. */
  rejets: Diagnostic[];
  /** The conventions read as context only (a named file's siblings), not reported: as evaluate. */
  conventions_contexte?: string[];
  /** Mode `reorientation`: each liberation of the year, observed and re-oriented. */
  reorientation?: Reorientation;
}
