import type { CatalogueEntry } from './catalogue.js';

const R441_5 = { article: 'CCH art. R. 441-5 I' };

/**
 * Messages of `convflux evaluate`: alerts on the flux (they point at the events file row that
 * caused them) and rejected input rows. Never a household's data: flat ids, dates and codes only.
 */
export const catalogueFlux: Record<string, CatalogueEntry> = {
  // Alerts
  DESIGNATION_HORS_DELAI: {
    severity: 'warning',
    fr: 'Logement {logement} : aucune désignation de « {reservataire} » dans le délai (échéance le {echeance}, convention {convention}).',
    en: 'Flat {logement}: no designation by "{reservataire}" within the delay (deadline {echeance}, convention {convention}).',
  },
  VACANCE_SANS_ORIENTATION: {
    severity: 'warning',
    fr: 'Logement {logement} libéré le {liberation} et toujours pas orienté le {date}.',
    en: 'Flat {logement} freed on {liberation} and still not oriented on {date}.',
    reference: R441_5,
  },
  OBJECTIF_EN_RETARD: {
    severity: 'warning',
    fr: 'Objectif « {objectif} » en retard d’au moins un logement au {date} : {realise} réalisé pour {cible} attendu (écart {ecart}).',
    en: 'Objective "{objectif}" behind by at least one flat on {date}: {realise} achieved for {cible} expected (gap {ecart}).',
  },
  OBJECTIF_NON_ATTEINT: {
    severity: 'warning',
    fr: 'Objectif « {objectif} » non atteint sur l’année, d’au moins un logement : {realise} réalisé pour {cible} attendu (écart {ecart}).',
    en: 'Objective "{objectif}" missed over the year by at least one flat: {realise} achieved for {cible} expected (gap {ecart}).',
  },
  EVENEMENT_DESORDONNE: {
    severity: 'warning',
    fr: 'Logement {logement} : {apres} le {date} sans {avant} préalable dans le cycle.',
    en: 'Flat {logement}: {apres} on {date} with no {avant} before it in the cycle.',
  },
  EVENEMENT_APRES_FIN: {
    severity: 'warning',
    fr: 'Logement {logement} : événement du {date} après la fin de la convention {convention}.',
    en: 'Flat {logement}: event of {date} after the end of convention {convention}.',
  },
  CYCLE_OUVERT_APRES_FIN: {
    severity: 'warning',
    fr: 'Logement {logement} : cycle d’orientation encore ouvert le {date}, après la fin de la convention {convention} le {fin} ; aucun événement ne l’a clos.',
    en: 'Flat {logement}: orientation cycle still open on {date}, after convention {convention} ended on {fin}; no event closed it.',
  },
  EVENEMENT_AVANT_DEBUT: {
    severity: 'warning',
    fr: 'Logement {logement} : orientation du {date} avant le début de la convention {convention}.',
    en: 'Flat {logement}: orientation of {date} before convention {convention} starts.',
  },
  EVENEMENT_HORS_CYCLE: {
    severity: 'warning',
    fr: 'Logement {logement} : {type} le {date} alors qu’aucun réservataire n’a ce logement.',
    en: 'Flat {logement}: {type} on {date} while no réservataire holds the flat.',
  },
  DESIGNATION_HORS_CYCLE: {
    severity: 'warning',
    fr: 'Logement {logement} : désignation de « {reservataire} » le {date} sans orientation en cours vers lui (ignorée).',
    en: 'Flat {logement}: designation by "{reservataire}" on {date} with no open orientation to it (ignored).',
  },
  ORIENTATION_EN_DOUBLE: {
    severity: 'info',
    fr: 'Logement {logement} : nouvelle orientation vers « {reservataire} » le {date} alors que le cycle est en cours (ignorée).',
    en: 'Flat {logement}: another orientation to "{reservataire}" on {date} while its cycle is open (ignored).',
  },
  REORIENTATION_AVANT_EXPIRATION: {
    severity: 'warning',
    fr: 'Logement {logement} : réorienté vers « {nouveau} » le {date} avant l’expiration du délai de « {reservataire} ».',
    en: 'Flat {logement}: re-oriented to "{nouveau}" on {date} before the delay of "{reservataire}" lapsed.',
  },
  REPRISE_AVANT_EXPIRATION: {
    severity: 'warning',
    fr: 'Logement {logement} : repris par le bailleur le {date} avant l’expiration du délai de « {reservataire} ».',
    en: 'Flat {logement}: taken back by the bailleur on {date} before the delay of "{reservataire}" lapsed.',
  },
  ORIENTATION_LOGEMENT_STOCK: {
    severity: 'warning',
    fr: 'Logement {logement} : orienté vers « {reservataire} » le {date}, mais il reste en stock ({hors_flux}) et n’entre pas dans le flux.',
    en: 'Flat {logement}: oriented to "{reservataire}" on {date}, but it stays in stock ({hors_flux}) outside the flux.',
    reference: R441_5,
  },
  CONVENTION_NON_SIGNEE: {
    severity: 'info',
    fr: 'La version {version} de {convention} est un projet (statut: projet) : résultats indicatifs. `--signees` n’applique que les versions signées.',
    en: 'Version {version} of {convention} is a draft (statut: projet): results are indicative. `--signees` applies signed versions only.',
    service: {
      fr: 'La version {version} de {convention} est un projet (statut: projet) : résultats indicatifs (les chiffres du service appliquent aussi les versions en projet).',
      en: 'Version {version} of {convention} is a draft (statut: projet): results are indicative (the service’s figures apply draft versions too).',
    },
  },
  // Rejected rows
  LOGEMENT_INCONNU: {
    severity: 'error',
    fr: 'Logement {logement} absent du parc (--parc) : événement ignoré.',
    en: 'Flat {logement} is not in the parc (--parc): event ignored.',
    service: {
      fr: 'Logement {logement} absent du parc du bailleur (importé par POST …/imports?nature=parc) : événement ignoré.',
      en: 'Flat {logement} is not in the bailleur’s parc (imported by POST …/imports?nature=parc): event ignored.',
    },
    refus: {
      fr: 'Logement {logement} absent du parc du bailleur (importé par POST …/imports?nature=parc) : événement refusé.',
      en: 'Flat {logement} is not in the bailleur’s parc (imported by POST …/imports?nature=parc): event refused.',
    },
  },
  RESERVATAIRE_NON_SIGNE: {
    severity: 'error',
    fr: 'Réservataire « {reservataire} » : sa convention n’a aucune version signée, écartée par --signees : événement ignoré.',
    en: 'Réservataire "{reservataire}": its convention has no signed version, left out by --signees: event ignored.',
  },
  RESERVATAIRE_INCONNU: {
    severity: 'error',
    fr: 'Réservataire « {reservataire} » inconnu : aucune convention ne le nomme (reservataire.id).',
    en: 'Unknown réservataire "{reservataire}": no convention names it (reservataire.id).',
  },
  RESERVATAIRE_CONVENTION_ILLISIBLE: {
    severity: 'error',
    fr: 'Réservataire « {reservataire} » : la convention qui le nomme n’a pu être lue ({fichier}, voir son erreur) : événement ignoré.',
    en: 'Réservataire "{reservataire}": the convention naming it could not be read ({fichier}, see its error): event ignored.',
  },
  SANS_CONVENTION: {
    severity: 'error',
    fr: 'Aucune convention entre le bailleur {bailleur} et « {reservataire} » ne couvre la commune {commune}.',
    en: 'No convention between bailleur {bailleur} and "{reservataire}" covers commune {commune}.',
  },
  EVENEMENT_DOUBLON: {
    severity: 'error',
    fr: 'Événement en double : même identifiant qu’à la ligne {premiere}.',
    en: 'Duplicate event: same id as on line {premiere}.',
  },
  LOGEMENT_DOUBLON: {
    severity: 'error',
    fr: 'Logement {logement} en double dans le parc (déjà ligne {premiere}).',
    en: 'Flat {logement} appears twice in the parc (already on line {premiere}).',
  },
  AUCUNE_CONVENTION: {
    severity: 'error',
    fr: 'Aucune convention (fichier .yaml) dans {chemins} : --rules attend le dossier des conventions.',
    en: 'No convention (.yaml file) in {chemins}: --rules expects the conventions folder.',
    service: {
      fr: 'Aucune convention de ce bailleur dans ce département n’est déposée (POST /api/conventions) : rien à évaluer.',
      en: 'No convention of this bailleur in this département is filed (POST /api/conventions): nothing to evaluate.',
    },
  },
};
