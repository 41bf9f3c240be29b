import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

const R441_5_STOCK: LegalReference = {
  article: 'CCH art. R. 441-5 I',
  texte:
    'Les réservations « faites au profit des services relevant de la défense nationale ou de la sécurité intérieure … portent sur des logements identifiés dans des programmes » ; établissements publics de santé : exception citée par la DGALN.',
};

const RPLS: LegalReference = {
  article: 'arrêté du 5 janvier 2010 (RPLS), annexe',
  texte:
    '« Identifiant du logement au répertoire : Doit être obligatoirement renseigné sur 10 positions »',
};

/** Messages of `check --parc`: the état des lieux against the parc (src/check/etat-des-lieux-parc.ts). */
export const catalogueEtatDesLieux: Record<string, CatalogueEntry> = {
  ETAT_DES_LIEUX_LOGEMENT_INCONNU: {
    severity: 'error',
    fr: 'Logement {logement} de l’état des lieux absent du parc {parc}.',
    en: 'Flat {logement} of the état des lieux is not in the parc {parc}.',
  },
  ETAT_DES_LIEUX_ECART: {
    severity: 'error',
    fr: 'Logement {logement} : {champ} « {valeur} » dans l’état des lieux, « {parc} » dans le parc.',
    en: 'Flat {logement}: {champ} “{valeur}” in the état des lieux, “{parc}” in the parc.',
  },
  ETAT_DES_LIEUX_HORS_FLUX: {
    severity: 'error',
    fr: 'Logement {logement} : réservé en stock dans le parc ({hors_flux}), il ne peut porter un droit de suite de {reservataire} ; retirez-le de l’état des lieux.',
    en: 'Flat {logement}: reserved in stock in the parc ({hors_flux}), it cannot carry a droit de suite of {reservataire}; remove it from the état des lieux.',
    reference: R441_5_STOCK,
  },
  CONVERSION_RPLS_INVALIDE: {
    severity: 'error',
    fr: 'Identifiant RPLS « {rpls} » de {longueur} caractères : il en a 10 ; l’identifiant du logement chez le bailleur va dans la clé logement.',
    en: 'RPLS id “{rpls}” has {longueur} characters: it has 10; the bailleur’s own id goes in the logement key.',
    reference: RPLS,
  },
};
