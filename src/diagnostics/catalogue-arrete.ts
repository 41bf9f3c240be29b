import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';
import { R441_5_2_I_2 } from '../reglementation/textes-cch.js';

const R441_5_2_I: LegalReference = { article: 'CCH art. R. 441-5-2 I', texte: R441_5_2_I_2 };

/** Messages of the checks of prefectoral arrêtés (src/check/arrete-checks.ts). */
export const catalogueArrete: Record<string, CatalogueEntry> = {
  ARRETE_ID_INCOHERENT: {
    severity: 'error',
    fr: 'L’identifiant de l’arrêté « {id} » diffère du nom de son fichier « {attendu} ».',
    en: 'The arrêté’s id "{id}" differs from its file name "{attendu}".',
  },
  ARRETE_DEPARTEMENT_INCOHERENT: {
    severity: 'error',
    fr: 'L’arrêté est du département {departement} mais il est rangé dans le dossier arretes/{dossier}.',
    en: 'The arrêté belongs to département {departement} but is filed under arretes/{dossier}.',
  },
  ARRETE_DEPARTEMENT_INCONNU: {
    severity: 'error',
    fr: 'Département {departement} inconnu du code officiel géographique.',
    en: 'Département {departement} is not in the official geography.',
  },
  ARRETE_DATES_INVERSEES: {
    severity: 'error',
    fr: 'La dérogation finit le {fin}, avant de commencer le {debut}.',
    en: 'The derogation ends on {fin}, before it starts on {debut}.',
  },
  ARRETE_DUREE_EXCESSIVE: {
    severity: 'error',
    fr: 'La dérogation court du {debut} au {fin} : elle excède un an (dernier jour possible : {max}). Un arrêté pris en application du second alinéa du I de l’article R. 441-5-2 vaut « pour une durée déterminée qui ne peut excéder un an » ; prenez un nouvel arrêté pour la suite.',
    en: 'The derogation runs from {debut} to {fin}: more than one year (last possible day: {max}). An arrêté under R. 441-5-2 I, second paragraph, lasts « pour une durée déterminée qui ne peut excéder un an »; take a new arrêté for what follows.',
    reference: R441_5_2_I,
  },
  ARRETE_DATE_POSTERIEURE: {
    severity: 'warning',
    fr: 'L’arrêté est daté du {date}, après le début de la dérogation ({debut}) : vérifiez les dates.',
    en: 'The arrêté is dated {date}, after the derogation starts ({debut}): check the dates.',
  },
  ARRETE_AGENTS_HORS_PART: {
    severity: 'error',
    fr: 'La part des agents ({agents%}) dépasse la part du préfet fixée par l’arrêté ({part%}) : elle en fait partie.',
    en: 'The agents’ share ({agents%}) exceeds the préfet’s share set by the arrêté ({part%}): it is part of it.',
    reference: R441_5_2_I,
  },
  ARRETE_SANS_DEROGATION: {
    severity: 'warning',
    fr: 'L’arrêté ne déroge à aucune limite : {part%} et {agents%} n’excèdent pas les plafonds de {plafond%} et {plafond_agents%}.',
    en: 'The arrêté derogates from no limit: {part%} and {agents%} do not exceed the {plafond%} and {plafond_agents%} caps.',
    reference: R441_5_2_I,
  },
  ARRETE_SIREN_INVALIDE: {
    severity: 'error',
    fr: 'SIREN {siren} invalide (clé de contrôle de Luhn).',
    en: 'Invalid SIREN {siren} (Luhn check digit).',
  },
  ETAT_PART_DEROGATION: {
    severity: 'info',
    fr: 'La part {quoi} ({part%}) dépasse le plafond de {limite%}, ce que permet {arretes} pendant toute la période d’application de cette version (du {debut} au {fin}).',
    en: 'The {quoi} share ({part%}) exceeds the {limite%} cap, which {arretes} allows for the whole period this version applies (from {debut} to {fin}).',
    reference: R441_5_2_I,
  },
  ETAT_DEROGATION_INSUFFISANTE: {
    severity: 'warning',
    fr: 'Aucun arrêté préfectoral ne permet la part {quoi} de {part%} du {lacune_debut} au {lacune_fin}, alors que cette version s’applique du {debut} au {fin} : la dérogation ne vaut que pour la durée de l’arrêté.',
    en: 'No prefectoral arrêté allows the {quoi} share of {part%} from {lacune_debut} to {lacune_fin}, while this version applies from {debut} to {fin}: the derogation only lasts as long as the arrêté.',
    reference: R441_5_2_I,
  },
};
