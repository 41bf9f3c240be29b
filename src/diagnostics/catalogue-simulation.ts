import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of `convflux simulate` (src/simulation/): a draft given as a file (`--projet`) or as
 * overrides (`--set ID:cle.sous_cle=valeur`). A draft is checked as a convention is; these codes
 * say which option or which key of the draft file is at fault.
 */
export const catalogueSimulation: Record<string, CatalogueEntry> = {
  SIMULATION_SURCHARGE_SYNTAXE: {
    severity: 'error',
    fr: '{option} : la forme attendue est ID:cle.sous_cle=valeur (ex. --set etat-93:flux.part=0.25).',
    en: '{option}: the expected form is ID:key.sub_key=value (e.g. --set etat-93:flux.part=0.25).',
  },
  SIMULATION_CONVENTION_INCONNUE: {
    severity: 'error',
    fr: '{option} : aucune convention « {id} » dans --rules (identifiant de convention ou de réservataire ; connues : {connues}).',
    en: '{option}: no convention "{id}" in --rules (a convention or réservataire id; known: {connues}).',
  },
  SIMULATION_CONVENTION_AMBIGUE: {
    severity: 'error',
    fr: '{option} : « {id} » désigne plusieurs conventions ({conventions}) : donnez l’identifiant complet de la convention.',
    en: '{option}: "{id}" names several conventions ({conventions}): give the convention’s full id.',
  },
  SIMULATION_SANS_VERSION: {
    severity: 'error',
    fr: '{option} : la convention {id} n’a aucune version en vigueur le {date} : rien à surcharger.',
    en: '{option}: convention {id} has no version in force on {date}: nothing to override.',
  },
  SIMULATION_CLE_PROTEGEE: {
    severity: 'error',
    fr: '{option} : la clé « {cle} » ne se simule pas (convflux fixe l’identifiant, la version et le statut du projet ; sa date d’effet se donne avec --date-effet).',
    en: '{option}: key "{cle}" cannot be simulated (convflux sets the draft’s id, version and status; its date d’effet is given with --date-effet).',
  },
  SIMULATION_CLE_INCONNUE: {
    severity: 'error',
    fr: '{option} : clé « {cle} » inconnue du schéma des conventions. {detail}',
    en: '{option}: key "{cle}" is not in the conventions’ schema. {detail}',
  },
  SIMULATION_INDICE_HORS_LISTE: {
    severity: 'error',
    fr: '{option} : la liste « {liste} » a {longueur} élément(s) ; « {indice} » n’en désigne aucun (0 à {dernier}, ou {longueur} pour en ajouter un).',
    en: '{option}: the list "{liste}" has {longueur} item(s); "{indice}" names none of them (0 to {dernier}, or {longueur} to add one).',
  },
  SIMULATION_VALEUR_REFUSEE: {
    severity: 'error',
    fr: '{option} : le projet qui en résulte est refusé ({cause}) : {detail}',
    en: '{option}: the resulting draft is refused ({cause}): {detail}',
  },
  SIMULATION_SURCHARGE_AVERTISSEMENT: {
    severity: 'warning',
    fr: '{option} : {detail} ({cause})',
    en: '{option}: {detail} ({cause})',
  },
  SIMULATION_DATE_EFFET: {
    severity: 'error',
    fr: '--date-effet {date} : une date AAAA-MM-JJ dans la durée de la convention {id} ({debut} – {fin}) est attendue.',
    en: '--date-effet {date}: a YYYY-MM-DD date within the term of convention {id} ({debut} – {fin}) is expected.',
  },
  SIMULATION_PROJET_INCONNU: {
    severity: 'error',
    fr: 'Le projet porte l’identifiant {id}, qu’aucune convention de --rules ne porte : un projet est une nouvelle version d’une convention existante (même id).',
    en: 'The draft has id {id}, which no convention of --rules has: a draft is a new version of an existing convention (same id).',
  },
  SIMULATION_PROJET_VERSION: {
    severity: 'error',
    fr: 'Version {version} : un projet porte un numéro de version supérieur à celles de la convention (dernière : {derniere}).',
    en: 'Version {version}: a draft has a version number above the convention’s (latest: {derniere}).',
  },
  SIMULATION_PROJET_DOUBLON: {
    severity: 'error',
    fr: 'Deux projets pour la convention {id} ({autre}) : un seul projet par convention.',
    en: 'Two drafts for convention {id} ({autre}): one draft per convention.',
  },
};
