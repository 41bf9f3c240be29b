import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/** R. 441-5 I, fifth paragraph, as far as it was read (rules/reglementation/textes-trouves.md). */
export const R441_5_DEDUCTIONS: LegalReference = {
  article: 'CCH art. R. 441-5 I',
  texte:
    'Pour le calcul du flux annuel mentionné à l’alinéa précédent, ne sont pas pris en compte les logements nécessaires, pour une année donnée, aux mutations de locataires au sein du parc social de l’organisme bailleur et aux relogements de personnes dans le cadre d’une opération de rénovation urbaine […]',
  nature: 'citation',
  source:
    'code corpus, current-code copy of the CCH (« ###### Article R441-5 »), first ~1 600 characters (rules/reglementation/textes-trouves.md, source A)',
  consulte_le: '2026-12-02',
};

/** Messages of `convflux previsionnel`: the forecast file and the forecast (src/previsionnel/). */
export const cataloguePrevisionnel: Record<string, CatalogueEntry> = {
  PREVISION_FICHIER_VIDE: {
    severity: 'error',
    fr: 'Fichier vide : la prévision du bailleur est attendue (bailleur, departement, annee, deductions).',
    en: 'Empty file: the bailleur’s forecast is expected (bailleur, departement, annee, deductions).',
  },
  PREVISION_ANNEE_DIFFERENTE: {
    severity: 'error',
    fr: 'Le fichier prévoit l’année {annee} ; --annee demande {demandee}.',
    en: 'The file forecasts year {annee}; --annee asks for {demandee}.',
    service: {
      fr: 'Le fichier prévoit l’année {annee} ; l’adresse demande {demandee} (…/previsionnel/{demandee}).',
      en: 'The file forecasts year {annee}; the address asks for {demandee} (…/previsionnel/{demandee}).',
    },
  },
  PREVISION_SIREN_INVALIDE: {
    severity: 'error',
    fr: 'SIREN {siren} invalide (chiffre de contrôle).',
    en: 'SIREN {siren} is invalid (check digit).',
  },
  PREVISION_DEPARTEMENT_INCONNU: {
    severity: 'error',
    fr: 'Département {departement} inconnu du Code officiel géographique.',
    en: 'Département {departement} is not in the Code officiel géographique.',
  },
  PREVISION_COMMUNE_HORS_DEPARTEMENT: {
    severity: 'error',
    fr: 'Commune {commune} inconnue ou hors du département {departement}.',
    en: 'Commune {commune} is unknown or outside département {departement}.',
  },
  PREVISION_ANNEE_OBSERVEE_HORS_PERIODE: {
    severity: 'error',
    fr: 'Année observée {observee} : le taux de rotation s’observe sur les trois années qui précèdent {annee} ({debut} à {fin}).',
    en: 'Observed year {observee}: the rotation rate is observed over the three years before {annee} ({debut} to {fin}).',
  },
  PREVISION_SANS_CONVENTION: {
    severity: 'error',
    fr: 'Aucune convention du bailleur {bailleur} dans le département {departement} en vigueur en {annee}.',
    en: 'No convention of bailleur {bailleur} in département {departement} in force in {annee}.',
  },
  PREVISION_ROTATION_INCONNUE: {
    severity: 'error',
    fr: 'Aucune année observée, aucun taux de rotation stipulé (conversion_stock.taux_rotation) pour {communes} : indiquez taux_rotation_defaut.',
    en: 'No observed year and no agreed rotation rate (conversion_stock.taux_rotation) for {communes}: give taux_rotation_defaut.',
  },
  PREVISION_DEDUCTION_SANS_LOGEMENT: {
    severity: 'error',
    fr: 'Déduction de {nombre} logement(s) ({motif}) : le parc du bailleur n’a aucun logement dans le flux pour {lieu}.',
    en: 'Deduction of {nombre} flat(s) ({motif}): the bailleur’s parc has no flat in the flux for {lieu}.',
    reference: R441_5_DEDUCTIONS,
  },
  PREVISION_DEDUCTIONS_EXCEDENTAIRES: {
    severity: 'warning',
    fr: 'Commune {commune}, {typologie} : {deduit} logement(s) déduit(s) pour un flux brut prévu de {brut} ; le flux net est ramené à 0.',
    en: 'Commune {commune}, {typologie}: {deduit} flat(s) deducted from a forecast gross flux of {brut}; the net flux is set to 0.',
  },
};
