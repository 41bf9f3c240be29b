/**
 * The data the convention templates read: a typed view of one convention version, with every
 * text already typeset in French (percentages, dates, delays in words, agreements). Templates
 * only choose and arrange; they never compute. `VIEW_SHAPE` mirrors the type key for key (the
 * compiler checks it) so that templates are checked against it before any rendering.
 */
import { PARTIE_RESERVEE_SHAPE, type PartieReserveeView } from './view-partie-reservee.js';
import { JURIDICTION_SHAPE, type JuridictionView } from './view-juridiction.js';
import { MODALITES_SHAPE, type ModalitesView } from './view-modalites.js';
import { VIGUEUR_SHAPE, type VigueurView } from './view-parties.js';
import { CONTREPARTIES_SHAPE, type ContrepartiesView } from './view-contreparties.js';
import { GARANTIE_SHAPE, type GarantieView } from './view-garantie.js';
import { SUBSTITUTION_SHAPE, type SubstitutionView } from './view-substitution.js';

/** One article of the convention: its number (cross-references) and its heading. */
export interface ArticleView {
  numero: number;
  titre: string;
  /** Anchor id in the HTML ("article-3"). */
  ancre: string;
}

export interface PartieView {
  /** The name as written in the convention ("Exemple Habitat"). */
  nom: string;
  /** How the text calls it afterwards ("le bailleur"). */
  designation: string;
  /** What it is ("organisme de logement social immatriculé sous le SIREN 552 046 484"). */
  qualification: string;
  /** "représenté par le directeur général, directeur général d’Exemple Habitat". */
  representation: string;
  /** True when no signatory is known yet (a draft): the text leaves a blank to fill in. */
  representantAPreciser: boolean;
  /** Feminine agreement ("représentée"). */
  feminin: boolean;
}

export interface DelaiView {
  /** "un (1) mois". */
  texte: string;
  /** "d’un (1) mois". */
  deTexte: string;
  /** Expressed in months (calendar-month rule applies). */
  enMois: boolean;
  /** As written in the YAML ("1 mois"). */
  brut: string;
}

export interface ObjectifContractuelView {
  libelle: string;
  echelle: string;
  /** The official name of the territory (COG). */
  territoire: string;
  /** The label differs from the official name (both are printed in the annex). */
  nomOfficielDistinct: boolean;
  code: string;
  part: string;
  criteres: string[];
}

export interface ObjectifIndicatifView {
  numero: number;
  libelle: string;
  criteres: string[];
  part: string;
}

export interface RefusView {
  /** Sub-article number ("7.1"). */
  numero: string;
  /** "Refus du candidat". */
  titre: string;
  /** "Lorsque le ménage désigné refuse le logement qui lui est proposé". */
  situation: string;
  /** The convention has a clause for this party (otherwise the engine's default applies). */
  stipule: boolean;
  nouvelleDesignation: boolean;
  delai: DelaiView;
  /** The delay is the general designation delay (no specific delay stipulated). */
  delaiGeneral: boolean;
  decompte: boolean;
  points: string;
  /** Which case it is (the template adds the CALEOL's classement, the incomplete file…). */
  cas: { candidat: boolean; caleol: boolean; reservataire: boolean; bailleur: boolean };
}

export interface SignatureView {
  numero: number;
  /** Anchor id of the signature zone; the PDF gets an AcroForm signature field there. */
  ancre: string;
  /** "Pour le bailleur". */
  pour: string;
  partie: string;
  nom: string;
  qualite: string;
  /** No signatory known: name and quality lines are left blank. */
  aCompleter: boolean;
  /** « 12 février 2024 »: the party's recorded signature (`signatures`), else ''. */
  signeLe: string;
  /** Name of the PDF signature field. */
  champ: string;
}

export interface LigneRecapView {
  libelle: string;
  valeur: string;
  /** JSON pointer of the clause in the YAML file. */
  cle: string;
}

/** One agreed turnover rate (annex of the stock conversion). */
export interface TauxRotationView {
  numero: number;
  /** "Saint-Denis (93066)", "Plaine Commune (200 057 867)", or "Tout le périmètre". */
  territoire: string;
  /** "T1, T2" or "Toutes". */
  typologies: string;
  taux: string;
}

/** One flat of the état des lieux, converted. */
export interface LogementReserveView {
  rpls: string;
  adresse: string;
  /** Official name of the commune. */
  commune: string;
  codeCommune: string;
  typologie: string;
  financement: string;
  conventionOrigine: string;
  /** "31 décembre 2031" (review C6: long dates in the annex too). */
  finDroits: string;
  /** Remaining years, "17,5". */
  dureeRestante: string;
  taux: string;
  /** Droits uniques with two decimals, "0,72". */
  droits: string;
}

export interface CommuneConversionView {
  commune: string;
  code: string;
  logements: number;
  droits: string;
}

export interface AnneeConsommationView {
  annee: number;
  droits: string;
}

/** The état des lieux and its conversion into droits uniques (empty when absent). */
export interface ConversionView {
  presente: boolean;
  dateConversion: string;
  taux: TauxRotationView[];
  logements: LogementReserveView[];
  communes: CommuneConversionView[];
  plusieursCommunes: boolean;
  /** "six (6) logements". */
  nombreLogements: string;
  /** Total droits uniques, "4,21". */
  total: string;
  /** "4,21 droits uniques" (singular below 2). */
  totalEnDroits: string;
  modeProportionFlux: boolean;
  modeVolumeAnnuel: boolean;
  modeAnneesIdentifiees: boolean;
  /** Volume a year (volume_annuel), "4 droits uniques". */
  volumeAnnuel: string;
  /** "2025 et 2027" (annees_identifiees). */
  annees: string;
  /** "du 1er janvier 2024 au 31 décembre 2026". */
  periode: string;
  echeancier: AnneeConsommationView[];
  reste: string;
  resteNonNul: boolean;
  /** The droits uniques count within the part (else on top of it). */
  surLaPart: boolean;
  /** Fractions add up from year to year (else each year is rounded down). */
  fractionsCumulees: boolean;
  /** The volume left at term carries over to the next convention (else it lapses). */
  reliquatReporte: boolean;
  /** Every flat has a 10-character RPLS id: the column is « N° RPLS » (else « Logement »). */
  colonneRpls: boolean;
  /** The consumption rule, printed identically by the article on the part and by the annex. */
  regleConsommation: string;
}

/** How the print presents itself: consolidated version, technical annexes, status (view-edition.ts). */
export interface EditionView {
  /** Version > 1: printed for information, without parties' appearance nor signatures. */
  consolidee: boolean;
  /** « Version consolidée à titre d’information – seuls font foi … » ('' for version 1). */
  mentionConsolidee: string;
  noteConsolidee: string;
  /** « Annexe technique, sans valeur contractuelle ». */
  mentionAnnexeTechnique: string;
  /** « Projet », « Texte arrêté, en attente de signature », « Texte signé le … ». */
  statutTexte: string;
  /**
   * A signed version 1 (`statut: signee`, every signature recorded) printed again: a copy of the
   * signed original, with the recorded signatures instead of signature fields.
   */
  copieSignee: boolean;
  /** Article 1: which annexes are part of the convention, which are technical. */
  phraseAnnexes: string;
  /** The convention's own date d'effet, printed by a consolidated version's article on its term. */
  dateEffetConvention: string;
}

export interface ConventionView {
  modele: { nom: string; version: string; empreinte: string };
  document: {
    titre: string;
    id: string;
    version: number;
    dateEffet: string;
    /** AAAA-MM-JJ (PDF metadata dates). */
    dateEffetIso: string;
    projet: boolean;
    statut: string;
    consolidee: boolean;
    versionPrecedente: number;
    avenant: number;
    empreinte: string;
    empreinteCourte: string;
    empreinteDeclaree: string;
    yamlSha256: string;
    fichier: string;
  };
  bailleur: PartieView;
  reservataire: PartieView & { typeLibelle: string };
  type: {
    etat: boolean;
    commune: boolean;
    intercommunal: boolean;
    territorial: boolean;
    actionLogement: boolean;
  };
  perimetre: {
    /** "la Seine-Saint-Denis (93)" as in "le département de …". */
    departement: string;
    /** "du bailleur situé dans le département de la Seine-Saint-Denis (93)". */
    texte: string;
    /** Member communes of an EPCI/EPT ("Bagnolet, Bobigny … et Romainville"). */
    communes: string;
    nombreCommunes: string;
  };
  visas: string[];
  articles: {
    objet: ArticleView;
    assiette: ArticleView;
    flux: ArticleView;
    publics: ArticleView;
    objectifs: ArticleView;
    decompte: ArticleView;
    designation: ArticleView;
    caleol: ArticleView;
    refus: ArticleView;
    bilan: ArticleView;
    echanges: ArticleView;
    donnees: ArticleView;
    gouvernance: ArticleView;
    duree: ArticleView;
    revision: ArticleView;
    resiliation: ArticleView;
    differends: ArticleView;
  };
  assiette: { exclusions: string[]; aucune: boolean; premiereLocationDansLeFlux: boolean };
  flux: {
    part: string;
    partEnLettres: string;
    etatPlafond: string;
    agents: { presents: boolean; part: string; partEnLettres: string; plafond: string };
    uniformeParCommune: boolean;
    applicationParDefaut: boolean;
    horsQpv: { present: boolean; part: string; reglementaire: string; parDefaut: boolean };
    garantie: GarantieView;
  };
  objectifs: {
    contractuels: ObjectifContractuelView[];
    indicatifs: ObjectifIndicatifView[];
    aucunContractuel: boolean;
    aucunIndicatif: boolean;
    echelleCommunale: boolean;
  };
  decompte: {
    faitGenerateur: string;
    surOrientation: boolean;
    surAttribution: boolean;
    surBail: boolean;
    pointsAttribution: string;
    pointsOrientation: string;
    orientationNulle: boolean;
    /** Provisional points of an orientation closed without its fait générateur stay acquired. */
    provisoireAcquis: boolean;
    ponderationParDefaut: boolean;
    plafondRelatif: string;
  };
  designation: {
    delai: DelaiView;
    /** The designation delay runs from the notification (else from the orientation). */
    depuisNotification: boolean;
    candidats: string;
    reprise: boolean;
    repriseDecompte: boolean;
    expirationParDefaut: boolean;
    points: string;
  };
  refus: RefusView[];
  modalites: ModalitesView;
  bilan: {
    premierePeriode: string;
    premiereEcheance: string;
    ileDeFrance: boolean;
    horsAssiette: boolean;
  };
  echanges: { outil: string; outilPresent: boolean };
  duree: { debut: string; fin: string; enAnnees: string; dureeRonde: boolean };
  resiliation: { delai: string; reference: string };
  juridiction: JuridictionView;
  signatures: { blocs: SignatureView[]; exemplaires: string };
  vigueur: VigueurView;
  conversion: ConversionView;
  partieReservee: PartieReserveeView;
  contreparties: ContrepartiesView;
  substitution: SubstitutionView;
  annexes: {
    recapitulatif: LigneRecapView[];
    generateur: string;
    /** Annex numbers: the conversion annex (0 when absent) shifts the following ones. */
    numeros: {
      objectifs: number;
      conversion: number;
      recapitulatif: number;
      identification: number;
    };
  };
  edition: EditionView;
}

/** A template-readable shape: a value, a list of one shape, or an object of named shapes. */
export type Shape = 'valeur' | readonly [Shape] | { readonly [key: string]: Shape };

/** The shape of a type, key for key (a missing or extra key in VIEW_SHAPE does not compile). */
export type ShapeOf<T> = [NonNullable<T>] extends [readonly (infer U)[]]
  ? readonly [ShapeOf<U>]
  : [NonNullable<T>] extends [string | number | boolean]
    ? 'valeur'
    : { readonly [K in keyof NonNullable<T>]-?: ShapeOf<NonNullable<T>[K]> };

const V = 'valeur';
const ARTICLE: ShapeOf<ArticleView> = { numero: V, titre: V, ancre: V };
const PARTIE: ShapeOf<PartieView> = {
  nom: V,
  designation: V,
  qualification: V,
  representation: V,
  representantAPreciser: V,
  feminin: V,
};
const DELAI: ShapeOf<DelaiView> = { texte: V, deTexte: V, enMois: V, brut: V };

export const VIEW_SHAPE: ShapeOf<ConventionView> = {
  modele: { nom: V, version: V, empreinte: V },
  document: {
    titre: V,
    id: V,
    version: V,
    dateEffet: V,
    dateEffetIso: V,
    projet: V,
    statut: V,
    consolidee: V,
    versionPrecedente: V,
    avenant: V,
    empreinte: V,
    empreinteCourte: V,
    empreinteDeclaree: V,
    yamlSha256: V,
    fichier: V,
  },
  bailleur: PARTIE,
  reservataire: { ...PARTIE, typeLibelle: V },
  type: { etat: V, commune: V, intercommunal: V, territorial: V, actionLogement: V },
  perimetre: { departement: V, texte: V, communes: V, nombreCommunes: V },
  visas: [V],
  articles: {
    objet: ARTICLE,
    assiette: ARTICLE,
    flux: ARTICLE,
    publics: ARTICLE,
    objectifs: ARTICLE,
    decompte: ARTICLE,
    designation: ARTICLE,
    caleol: ARTICLE,
    refus: ARTICLE,
    bilan: ARTICLE,
    echanges: ARTICLE,
    donnees: ARTICLE,
    gouvernance: ARTICLE,
    duree: ARTICLE,
    revision: ARTICLE,
    resiliation: ARTICLE,
    differends: ARTICLE,
  },
  assiette: { exclusions: [V], aucune: V, premiereLocationDansLeFlux: V },
  flux: {
    part: V,
    partEnLettres: V,
    etatPlafond: V,
    agents: { presents: V, part: V, partEnLettres: V, plafond: V },
    uniformeParCommune: V,
    applicationParDefaut: V,
    horsQpv: { present: V, part: V, reglementaire: V, parDefaut: V },
    garantie: GARANTIE_SHAPE,
  },
  objectifs: {
    contractuels: [
      {
        libelle: V,
        echelle: V,
        territoire: V,
        nomOfficielDistinct: V,
        code: V,
        part: V,
        criteres: [V],
      },
    ],
    indicatifs: [{ numero: V, libelle: V, criteres: [V], part: V }],
    aucunContractuel: V,
    aucunIndicatif: V,
    echelleCommunale: V,
  },
  decompte: {
    faitGenerateur: V,
    surOrientation: V,
    surAttribution: V,
    surBail: V,
    pointsAttribution: V,
    pointsOrientation: V,
    orientationNulle: V,
    provisoireAcquis: V,
    ponderationParDefaut: V,
    plafondRelatif: V,
  },
  designation: {
    delai: DELAI,
    depuisNotification: V,
    candidats: V,
    reprise: V,
    repriseDecompte: V,
    expirationParDefaut: V,
    points: V,
  },
  refus: [
    {
      numero: V,
      titre: V,
      situation: V,
      stipule: V,
      nouvelleDesignation: V,
      delai: DELAI,
      delaiGeneral: V,
      decompte: V,
      points: V,
      cas: { candidat: V, caleol: V, reservataire: V, bailleur: V },
    },
  ],
  modalites: MODALITES_SHAPE,
  bilan: { premierePeriode: V, premiereEcheance: V, ileDeFrance: V, horsAssiette: V },
  echanges: { outil: V, outilPresent: V },
  duree: { debut: V, fin: V, enAnnees: V, dureeRonde: V },
  resiliation: { delai: V, reference: V },
  juridiction: JURIDICTION_SHAPE,
  signatures: {
    blocs: [
      {
        numero: V,
        ancre: V,
        pour: V,
        partie: V,
        nom: V,
        qualite: V,
        aCompleter: V,
        signeLe: V,
        champ: V,
      },
    ],
    exemplaires: V,
  },
  vigueur: VIGUEUR_SHAPE,
  conversion: {
    presente: V,
    dateConversion: V,
    taux: [{ numero: V, territoire: V, typologies: V, taux: V }],
    logements: [
      {
        rpls: V,
        adresse: V,
        commune: V,
        codeCommune: V,
        typologie: V,
        financement: V,
        conventionOrigine: V,
        finDroits: V,
        dureeRestante: V,
        taux: V,
        droits: V,
      },
    ],
    communes: [{ commune: V, code: V, logements: V, droits: V }],
    plusieursCommunes: V,
    nombreLogements: V,
    total: V,
    totalEnDroits: V,
    modeProportionFlux: V,
    modeVolumeAnnuel: V,
    modeAnneesIdentifiees: V,
    volumeAnnuel: V,
    annees: V,
    periode: V,
    echeancier: [{ annee: V, droits: V }],
    reste: V,
    resteNonNul: V,
    surLaPart: V,
    fractionsCumulees: V,
    reliquatReporte: V,
    colonneRpls: V,
    regleConsommation: V,
  },
  partieReservee: PARTIE_RESERVEE_SHAPE,
  contreparties: CONTREPARTIES_SHAPE,
  substitution: SUBSTITUTION_SHAPE,
  annexes: {
    recapitulatif: [{ libelle: V, valeur: V, cle: V }],
    generateur: V,
    numeros: { objectifs: V, conversion: V, recapitulatif: V, identification: V },
  },
  edition: {
    consolidee: V,
    mentionConsolidee: V,
    noteConsolidee: V,
    mentionAnnexeTechnique: V,
    statutTexte: V,
    copieSignee: V,
    phraseAnnexes: V,
    dateEffetConvention: V,
  },
};
