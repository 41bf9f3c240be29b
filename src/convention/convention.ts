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
  /** The parc file's `logement` id (format 2). */
  logement?: string;
  /** Format 2: the 10-character RPLS id; format 1: the parc file's `logement` id. */
  rpls?: string;
  adresse: string;
  commune: string;
  typologie: Typologie;
  financement: Financement;
  convention_origine: string;
  /** Last day of the droit de suite (inclusive). */
  fin_droits: string;
}

/** The parc id of a flat of the état des lieux: `logement` (format 2), else the legacy `rpls`. */
export function idLogementReserve(l: LogementReserve): string {
  return l.logement ?? l.rpls ?? '';
}

/** Stock → flux conversion: the état des lieux and how its droits de suite become droits uniques. */
export interface ConversionStock {
  date_conversion: string;
  taux_rotation: TauxRotation[];
  consommation: { mode: ModeConsommation; volume_annuel?: number; annees?: number[] };
  etat_des_lieux: LogementReserve[];
  /** Whether the droits uniques count inside the part (default) or on top of it. */
  imputation?: 'sur_la_part' | 'en_sus_de_la_part';
  fractions?: 'cumulees' | 'arrondi_inferieur';
  reliquat_au_terme?: 'reporte' | 'eteint';
}

/** An act that founds a right or a power (délibération, délégation, arrêté…). */
export interface Acte {
  nature?:
    | 'deliberation'
    | 'delegation'
    | 'delegation_signature'
    | 'arrete'
    | 'decision'
    | 'statuts'
    | 'convention';
  organe?: string;
  numero?: string;
  date: string;
}

export type FormeJuridique =
  'oph' | 'sa_hlm' | 'sem' | 'cooperative_hlm' | 'fondation_hlm' | 'organisme_agree';

export type NatureContrepartie =
  'garantie_emprunt' | 'subvention' | 'apport_terrain' | 'financement_employeur' | 'autre';

/** What founds a non-État reservation (CCH art. L. 441-1): printed as recitals and an annex. */
export interface Contrepartie {
  nature: NatureContrepartie;
  objet: string;
  acte: Acte;
  montant?: number;
  logements?: number;
  echeance?: string;
}

export interface Signataire {
  partie: 'bailleur' | 'reservataire';
  nom: string;
  qualite: string;
  habilitation?: Acte;
}

/** A signature collected on the sealed text (kept out of the fingerprint, like `empreinte`). */
export interface SignatureRecueillie {
  partie: 'bailleur' | 'reservataire';
  date: string;
  nom?: string;
}

export type StatutConvention = 'projet' | 'arretee' | 'signee';

/** Exchange and implementation terms; each key has a default the text states as a stipulation. */
export interface Modalites {
  notification?: {
    delai?: string;
    a_compter_de?: 'conge' | 'liberation';
    jours?: 'calendaires' | 'ouvres';
    date_reference?: 'envoi' | 'reception';
    canal?: string;
  };
  publics_prioritaires?: { part_attributions?: number; outil?: string; eligibilite?: string };
  dossiers?: { delai_completude?: string };
  information_caleol?: { delai?: string };
  information_baux?: { delai?: string };
  gestion?: 'directe' | 'presentation_par_bailleur' | 'deleguee';
  delegataire?: string;
  agents_etat?: { service_designataire?: string };
}

export interface Convention {
  id: string;
  version: number;
  /** Format version: absent means 1. */
  format?: 1 | 2;
  date_effet: string;
  /** Avenant: the parties stipulate that its date d'effet may precede its entry into force. */
  effet_avant_signature?: boolean;
  statut: StatutConvention;
  empreinte?: string;
  signatures?: SignatureRecueillie[];
  departement: string;
  bailleur: { siren: string; nom: string; forme_juridique?: FormeJuridique; siege?: string };
  reservataire: {
    id: string;
    type: TypeReservataire;
    nom: string;
    territoire?: string;
    garantie_emprunt?: boolean;
    siege?: string;
    /** A private-law réservataire's legal form, in words (« société par actions simplifiée »). */
    forme_juridique?: string;
    /** A private-law réservataire's SIREN (9 digits). */
    siren?: string;
  };
  duree: { debut: string; fin: string };
  flux: {
    part: number;
    dont_agents_etat?: number;
    application?: 'uniforme_par_commune' | 'globale';
    part_hors_qpv_min?: number;
    part_garantie_emprunt?: number;
  };
  assiette?: {
    exclusions?: Exclusion[];
    /** A first letting is in the flux (default) or stays in stock with a commission de coordination. */
    premiere_mise_en_location?: 'flux' | 'commission_coordination';
  };
  decompte: {
    fait_generateur: 'orientation' | 'attribution' | 'bail_signe';
    ponderation?: {
      orientation?: number;
      attribution?: number;
      /** Provisional points of an earlier year when the cycle ends without its fait générateur. */
      provisoire_sans_suite?: 'acquis' | 'retire';
    };
  };
  designation: {
    delai: string;
    /** The event the designation delay runs from (default: the orientation). */
    a_compter_de?: 'orientation' | 'notification';
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
  signataires?: Signataire[];
  conversion_stock?: ConversionStock;
  contreparties?: Contrepartie[];
  /** Act and date of the local instruments the visas name (src/convention/visas-locaux.ts). */
  visas_locaux?: Partial<
    Record<'pdalhpd' | 'accord_collectif' | 'cia', { acte: string; date: string }>
  >;
  substitution?: {
    conventions: string[];
    a_compter_du?: string;
    logements_deja_orientes?: 'regis_par_ancienne_convention' | 'regis_par_presente_convention';
  };
  modalites?: Modalites;
  juridiction?: { nature_contrat?: 'administratif' | 'prive'; tribunal?: string };
}

/** Local authorities sign on their own territory (the others on the whole département). */
export const TYPES_TERRITORIAUX: readonly TypeReservataire[] = ['commune', 'epci', 'ept'];
