import type { CatalogueEntry } from './catalogue.js';

/**
 * Rows of the parc (`--parc`) checked against the SIREN check digit and the official geography
 * (src/input/validate-logement.ts): the same checks as a convention's codes, with the column
 * named; the flat is left out of every flux and listed among the rejected rows.
 */
export const catalogueParc: Record<string, CatalogueEntry> = {
  LOGEMENT_REJETE: {
    severity: 'error',
    fr: 'Logement {logement} rejeté du parc (--parc, ligne {ligne}) : événement ignoré.',
    en: 'Flat {logement} was rejected from the parc (--parc, line {ligne}): event ignored.',
    service: {
      fr: 'Logement {logement} rejeté du parc du bailleur (ligne {ligne} du parc importé) : événement ignoré.',
      en: 'Flat {logement} was rejected from the bailleur’s parc (line {ligne} of the imported parc): event ignored.',
    },
  },
  PARC_SIREN_INVALIDE: {
    severity: 'error',
    fr: 'Colonne « {champ} » : SIREN {siren} invalide, sa clé de contrôle (Luhn) est fausse ; logement ignoré.',
    en: 'Column "{champ}": invalid SIREN {siren}, wrong check digit (Luhn); flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : SIREN {siren} invalide, sa clé de contrôle (Luhn) est fausse ; logement refusé.',
      en: 'Column "{champ}": invalid SIREN {siren}, wrong check digit (Luhn); flat refused.',
    },
  },
  PARC_DEPARTEMENT_INCONNU: {
    severity: 'error',
    fr: 'Colonne « {champ} » : département « {code} » inconnu du Code officiel géographique ; logement ignoré.',
    en: 'Column "{champ}": département "{code}" is not in the official geographic code; flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : département « {code} » inconnu du Code officiel géographique ; logement refusé.',
      en: 'Column "{champ}": département "{code}" is not in the official geographic code; flat refused.',
    },
  },
  PARC_COMMUNE_INCONNUE: {
    severity: 'error',
    fr: 'Colonne « {champ} » : commune « {code} » inconnue du Code officiel géographique (un code INSEE est attendu, pas un code postal) ; logement ignoré.',
    en: 'Column "{champ}": commune "{code}" is not in the official geographic code (an INSEE code is expected, not a postcode); flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : commune « {code} » inconnue du Code officiel géographique (un code INSEE est attendu, pas un code postal) ; logement refusé.',
      en: 'Column "{champ}": commune "{code}" is not in the official geographic code (an INSEE code is expected, not a postcode); flat refused.',
    },
  },
  PARC_COMMUNE_FUSIONNEE: {
    severity: 'error',
    fr: 'Colonne « {champ} » : le code « {code} » n’est plus en vigueur, la commune fait désormais partie de {nom} ({actuel}) ; logement ignoré.',
    en: 'Column "{champ}": code "{code}" is no longer in force, the commune is now part of {nom} ({actuel}); flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : le code « {code} » n’est plus en vigueur, la commune fait désormais partie de {nom} ({actuel}) ; logement refusé.',
      en: 'Column "{champ}": code "{code}" is no longer in force, the commune is now part of {nom} ({actuel}); flat refused.',
    },
  },
  PARC_COMMUNE_HORS_DEPARTEMENT: {
    severity: 'error',
    fr: 'Colonne « {champ} » : la commune {nom} ({code}) est dans le département {sonDepartement}, pas dans le {departement} indiqué sur la ligne ; logement ignoré.',
    en: 'Column "{champ}": commune {nom} ({code}) is in département {sonDepartement}, not in {departement} as the row says; flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : la commune {nom} ({code}) est dans le département {sonDepartement}, pas dans le {departement} indiqué sur la ligne ; logement refusé.',
      en: 'Column "{champ}": commune {nom} ({code}) is in département {sonDepartement}, not in {departement} as the row says; flat refused.',
    },
  },
  PARC_EPCI_INCONNU: {
    severity: 'error',
    fr: 'Colonne « {champ} » : EPCI/EPT « {code} » inconnu (SIREN absent de la liste des EPCI et EPT en vigueur) ; logement ignoré.',
    en: 'Column "{champ}": EPCI/EPT "{code}" is unknown (SIREN not among current EPCIs and EPTs); flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : EPCI/EPT « {code} » inconnu (SIREN absent de la liste des EPCI et EPT en vigueur) ; logement refusé.',
      en: 'Column "{champ}": EPCI/EPT "{code}" is unknown (SIREN not among current EPCIs and EPTs); flat refused.',
    },
  },
  PARC_COMMUNE_HORS_EPCI: {
    severity: 'error',
    fr: 'Colonne « {champ} » : {nomEpci} ({epci}) ne compte pas la commune {nom} ({code}) parmi ses membres ; logement ignoré.',
    en: 'Column "{champ}": {nomEpci} ({epci}) does not have commune {nom} ({code}) among its members; flat skipped.',
    refus: {
      fr: 'Colonne « {champ} » : {nomEpci} ({epci}) ne compte pas la commune {nom} ({code}) parmi ses membres ; logement refusé.',
      en: 'Column "{champ}": {nomEpci} ({epci}) does not have commune {nom} ({code}) among its members; flat refused.',
    },
  },
};
