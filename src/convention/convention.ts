/** A convention version as written in YAML (after schema validation). Keys follow the legal French terms. */
export type TypeReservataire =
  | 'etat'
  | 'commune'
  | 'epci'
  | 'ept'
  | 'departement'
  | 'region'
  | 'action_logement'
  | 'employeur'
  | 'etablissement_public'
  | 'organisme_desinteresse';

export type Typologie = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';
export type Financement = 'PLAI' | 'PLUS' | 'PLS' | 'PLI';
export type Exclusion =
  | 'mutation_interne'
  | 'relogement_renouvellement_urbain'
  | 'relogement_orcod'
  | 'relogement_habitat_indigne'
  | 'relogement_vente';

/** The assiette exclusions of CCH art. R. 441-5 I, in the order of the schema. */
export const EXCLUSIONS: readonly Exclusion[] = [
  'mutation_interne',
  'relogement_renouvellement_urbain',
  'relogement_orcod',
  'relogement_habitat_indigne',
  'relogement_vente',
];

export interface Criteres {
  typologie?: Typologie[];
  financement?: Financement[];
  qpv?: boolean;
  commune?: string[];
  epci?: string[];
  periode_construction?: { debut?: number; fin?: number };
}

export interface RegleRefus {
  decompte: boolean;
  nouvelle_designation: boolean;
  delai?: string;
}

export interface ObjectifContractuel {
  libelle?: string;
  echelle: 'commune' | 'epci' | 'ept' | 'departement';
  territoire: string;
  part: number;
  criteres?: Criteres;
}

export interface ObjectifIndicatif {
  libelle: string;
  criteres: Criteres;
  part: number;
}

/** An annual turnover rate agreed jointly, for a territory and possibly some typologies. */
export interface TauxRotation {
  taux: number;
  /** INSEE commune code, EPCI/EPT SIREN or département code; absent: everywhere. */
  territoire?: string;
  /** Absent: every typologie. */
  typologie?: Typologie[];
}

export type ModeConsommation = 'proportion_flux' | 'volume_annuel' | 'annees_identifiees';

/** One flat of the état des lieux: an existing reservation (droit de suite) to convert. */
export interface LogementReserve {
  /** RPLS number of the flat (the parc file's `logement` id). */
  rpls: string;
  adresse: string;
  commune: string;
  typologie: Typologie;
  financement: Financement;
  convention_origine: string;
  /** Last day of the droit de suite (inclusive). */
  fin_droits: string;
}

/** Stock → flux conversion: the état des lieux and how its droits de suite become droits uniques. */
export interface ConversionStock {
  date_conversion: string;
  taux_rotation: TauxRotation[];
  consommation: { mode: ModeConsommation; volume_annuel?: number; annees?: number[] };
  etat_des_lieux: LogementReserve[];
}

export interface Convention {
  id: string;
  version: number;
  date_effet: string;
  statut: 'projet' | 'signee';
  empreinte?: string;
  departement: string;
  bailleur: { siren: string; nom: string };
  reservataire: {
    id: string;
    type: TypeReservataire;
    nom: string;
    territoire?: string;
    garantie_emprunt?: boolean;
  };
  duree: { debut: string; fin: string };
  flux: {
    part: number;
    dont_agents_etat?: number;
    application?: 'uniforme_par_commune' | 'globale';
    part_hors_qpv_min?: number;
  };
  assiette?: { exclusions?: Exclusion[] };
  decompte: {
    fait_generateur: 'orientation' | 'attribution' | 'bail_signe';
    ponderation?: { orientation?: number; attribution?: number };
  };
  designation: {
    delai: string;
    candidats?: number;
    a_expiration?: { reprise_pour_un_tour?: boolean; decompte?: boolean };
  };
  refus: {
    candidat?: RegleRefus;
    caleol?: RegleRefus;
    reservataire?: RegleRefus;
    bailleur?: RegleRefus;
  };
  objectifs?: { contractuels?: ObjectifContractuel[]; indicatifs?: ObjectifIndicatif[] };
  signataires?: { partie: 'bailleur' | 'reservataire'; nom: string; qualite: string }[];
  conversion_stock?: ConversionStock;
}

/** Local authorities sign on their own territory (the others on the whole département). */
export const TYPES_TERRITORIAUX: readonly TypeReservataire[] = ['commune', 'epci', 'ept'];
