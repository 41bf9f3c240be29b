/** What `convflux evaluate` answers (the `--json` output). */
import type { Criteres, Exclusion, StatutConvention } from '../convention/convention.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { NatureObjectif } from './objectifs.js';

export type StatutObjectif = 'atteint' | 'en_retard' | 'non_atteint' | 'en_deca' | 'sans_objet';

export interface ObjectifResultat {
  nature: NatureObjectif;
  libelle?: string;
  echelle?: string;
  territoire?: string;
  criteres?: Criteres;
  /** Contractual: flats due (part × flux of the territory). Indicative: the share wished. */
  cible: number;
  /** Contractual: points scored there. Indicative: the share of the réservataire's points. */
  realise: number;
  statut: StatutObjectif;
  /** Contractual: the flux of the territory the target is computed on. */
  flux?: number;
  part: number;
}

/** A finding about the data, as a Diagnostic pointing at the events file row. */
export interface Alerte extends Diagnostic {
  logement: string;
  date: string;
}

export interface RefusCompte {
  candidat: number;
  caleol: number;
  reservataire: number;
  bailleur: number;
}

export interface ConventionResultat {
  id: string;
  /** Version in force at the evaluation date (or the last one applied). */
  version: number;
  /** Every version that decided at least one event of the period. */
  versions: number[];
  statut: StatutConvention;
  fichier: string;
  reservataire: { id: string; type: string; nom: string };
  bailleur: { siren: string; nom: string };
  departement: string;
  territoire?: string;
  part: number;
  flux_annuel: number;
  du: number;
  realise: number;
  /** realise / du (null when nothing is due). */
  taux: number | null;
  orientations: number;
  designations: number;
  attributions: number;
  baux: number;
  refus: RefusCompte;
  reprises: number;
  /** Freed flats of its territory left out of its flux (assiette exclusions). */
  hors_assiette: number;
  objectifs: ObjectifResultat[];
  alertes: Alerte[];
  /** Flats attributed (a flat attributed twice in the year is one flat, I14). */
  logements_attribues?: number;
  /** CALEOL decisions of the year, apart from flats (I14). */
  decisions_caleol?: DecisionsCaleol;
  /** Attributions by public and the legal shares by public (I7). */
  publics?: PublicsResultat;
  /** The agents de l'État share within the État's contingent (I6). */
  agents?: AgentsResultat;
  /** Consumption of the droits uniques of `conversion_stock`. */
  conversion?: ConversionResultat;
  /** Attainment since the convention's start (every year of the input), with the arrears carried. */
  cumul?: CumulResultat;
  /** One row per convention version in force during the year (the year of an avenant, I16). */
  periodes?: PeriodeVersion[];
  /** Points of the year that regularise cycles scored provisionally in an earlier year (I13). */
  regularisation?: RegularisationResultat;
}

export interface DecisionsCaleol {
  attribution: number;
  refus: number;
  ajournement: number;
}

/** A non-identifying flag an attribution may carry (never a household's identity). */
export type PublicAttribution = 'dalo' | 'prioritaire' | 'premier_quartile_hors_qpv';

/** One share of attributions the law sets for a public (e.g. a quarter to DALO households). */
export interface ObligationPublic {
  code: string;
  libelle: string;
  /** The share the law sets (0.25 for a quarter). */
  part_cible: number;
  /** Flats attributed the share is computed on (those outside QPV for the first quartile). */
  base: number;
  /** Of which to the public concerned (the flags of each flat's last attribution of the year). */
  realise: number;
  taux: number | null;
  statut: StatutObjectif;
  /** Article, and « (résumé : rédaction en vigueur non lue) » when only a summary is known; or
   * « convention (modalites.publics_prioritaires.part_attributions) » when the convention's
   * higher share binds. */
  reference: string;
}

export interface PublicsResultat {
  /** Flats attributed on the contingent in the year (= logements_attribues). */
  attributions: number;
  par_public: Partial<Record<PublicAttribution, number>>;
  /** Attributions without any public flag. */
  non_renseigne: number;
  obligations: ObligationPublic[];
}

export interface AgentsResultat {
  /** Share of the flux for the agents (0.05), within the État's part. */
  part: number;
  du: number;
  realise: number;
  taux: number | null;
}

export interface ConversionResultat {
  /** Droits uniques of the convention (conversion_stock). */
  volume_initial: number;
  /** Remaining at 1 January of the year. */
  debut_annee: number;
  consomme: number;
  restant: number;
  /** Remaining the schedule expects at the evaluation date, when the convention sets one. */
  attendu?: number;
  en_retard: boolean;
}

export interface CumulResultat {
  /** First day counted (the convention's start, or the first year of the input). */
  depuis: string;
  annees: number[];
  du: number;
  realise: number;
  /** Flats of arrears carried into the next year (max(0, du − realise)). */
  retard: number;
}

export interface PeriodeVersion {
  version: number;
  debut: string;
  fin: string;
  part: number;
  flux: number;
  du: number;
  realise: number;
}

export interface RegularisationResultat {
  /** Cycles opened in an earlier year that scored again this year. */
  logements: number;
  /** Sum of the differences scored this year (may be negative). */
  points: number;
}

export interface HorsAssietteResultat {
  /** Freed flats used outside the flux, by exclusion motif. */
  logements: Partial<Record<Exclusion, number>>;
  /** Of which attributed (CALEOL), by motif. */
  attributions: Partial<Record<Exclusion, number>>;
}

export interface StockResultat {
  /** Flats of the parc that stay in stock (hors_flux), by category. */
  logements: Record<string, number>;
  liberations: number;
  mises_en_service: number;
  attributions: number;
  baux: number;
}

/** Rows of an input file: lignes = utilisees + rejetees (+ hors_periode) + non_lues. */
export interface CompteEntree {
  fichier: string;
  /** Rows of the file (records: blank lines and the header are not rows). */
  lignes: number;
  utilisees: number;
  rejetees: number;
  /** Rows not read because of a problem of the whole file (e.g. a required column missing). */
  non_lues: number;
}

/** Flats of the parc whose bailleur has no convention in their département (not an error). */
export interface HorsConventions {
  bailleur: string;
  departement: string;
  logements: number;
}

export interface Evaluation {
  annee: number;
  date: string;
  conventions: ConventionResultat[];
  hors_assiette: HorsAssietteResultat;
  stock: StockResultat;
  /** Findings not tied to one convention (e.g. a freed flat never oriented). */
  alertes: Alerte[];
  /** Every input row that was not used, with file, line and reason. */
  rejets: Diagnostic[];
  /**
   * Problems of whole files: conventions that could not be loaded (fix them with `convflux
   * check`), and the input files' own (header, encoding, formats read, one hint per file).
   */
  diagnostics: Diagnostic[];
  /**
   * Conventions read as context and not reported (`--rules` naming a file: the other conventions
   * of its bailleur × département); absent when every convention read is reported.
   */
  conventions_contexte?: string[];
  entrees: {
    logements: CompteEntree & {
      /** Used flats that no convention can count: their bailleur has none in their département. */
      hors_conventions: number;
      bailleurs_hors_conventions: HorsConventions[];
    };
    /**
     * `hors_periode`: events dated after the evaluation date (not read). `anterieurs`: events
     * before 1 January of the year, read to follow the cycles they opened (counted in `utilisees`).
     */
    evenements: CompteEntree & { hors_periode: number; anterieurs: number };
  };
}
