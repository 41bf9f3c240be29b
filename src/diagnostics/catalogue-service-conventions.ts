import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of the conventions held by the shared service (`convflux serve`): uploaded versions,
 * sealed versions, imports of a rules/ tree, signatures recorded on a version.
 */
export const catalogueServiceConventions: Record<string, CatalogueEntry> = {
  SERVICE_CONVENTION_SANS_PLACE: {
    severity: 'error',
    fr: 'Le YAML ne dit pas où ranger la convention : il faut departement, bailleur.siren, reservataire.id et version (rangement conventions/<département>/<SIREN>/<réservataire>/v<N>.yaml).',
    en: 'The YAML does not say where the convention belongs: it needs departement, bailleur.siren, reservataire.id and version (layout conventions/<département>/<SIREN>/<réservataire>/v<N>.yaml).',
  },
  SERVICE_CONVENTION_SCELLEE: {
    severity: 'error',
    fr: 'La version {version} de {id} est scellée (statut {statut}) : elle ne se modifie plus ; déposez une nouvelle version (avenant).',
    en: 'Version {version} of {id} is sealed (status {statut}): it can no longer be changed; upload a new version (avenant).',
  },
  SERVICE_CONVENTION_AUTRE_VERSION: {
    severity: 'error',
    fr: 'Le YAML envoyé est la version {version} de {id}, pas la version {attendue} de {attendu} que désigne l’adresse.',
    en: 'The YAML sent is version {version} of {id}, not version {attendue} of {attendu} named by the address.',
  },
  SERVICE_CONVENTION_VERSION_EXISTE: {
    severity: 'error',
    fr: 'La version {version} de {id} existe déjà : modifiez-la (PUT, si c’est un projet) ou déposez la version suivante.',
    en: 'Version {version} of {id} already exists: change it (PUT, if it is a draft) or upload the next version.',
  },
  SERVICE_REGLES_CHEMIN: {
    severity: 'error',
    fr: 'Chemin {chemin} : seules les conventions sont importées, rangées conventions/<département>/<SIREN>/<réservataire>/v<N>.yaml.',
    en: 'Path {chemin}: only conventions are imported, laid out as conventions/<département>/<SIREN>/<réservataire>/v<N>.yaml.',
  },
  SERVICE_REGLES_PLACE: {
    severity: 'error',
    fr: 'Chemin {chemin} : le YAML est rangé ailleurs ({attendu}) d’après son département, son bailleur, son réservataire et sa version.',
    en: 'Path {chemin}: by its département, bailleur, réservataire and version the YAML belongs elsewhere ({attendu}).',
  },
  SERVICE_SIGNATURE_NON_SIGNABLE: {
    severity: 'error',
    fr: 'La version {version} de {id} a le statut {statut} : seule une version arrêtée et scellée (statut arretee, empreinte) se signe.',
    en: 'Version {version} of {id} has status {statut}: only a frozen, sealed version (statut arretee, empreinte) is signed.',
  },
  SERVICE_SIGNATURE_PDF_INVALIDE: {
    severity: 'error',
    fr: 'Le PDF déposé n’est pas une signature valide de la version {version} de {id} : voir les diagnostics de la vérification.',
    en: 'The PDF uploaded is not a valid signature of version {version} of {id}: see the verification’s diagnostics.',
  },
  SERVICE_SIGNATURE_AUCUNE_NOUVELLE: {
    severity: 'error',
    fr: 'Le PDF ne porte aucune signature valide qui ne soit déjà enregistrée pour la version {version} de {id}.',
    en: 'The PDF carries no valid signature that is not already recorded for version {version} of {id}.',
  },
  SERVICE_SIGNATURE_DEJA: {
    severity: 'error',
    fr: 'La partie {partie} a déjà signé la version {version} de {id}.',
    en: 'Party {partie} has already signed version {version} of {id}.',
  },
  SERVICE_CONTROLE_ENSEMBLE: {
    severity: 'error',
    fr: 'Contrôle d’ensemble des conventions du bailleur ({code}) : ce texte entre en conflit avec d’autres conventions du bailleur dans le département ; le détail, qui les nomme, est réservé au bailleur.',
    en: 'Check across the bailleur’s conventions ({code}): this text conflicts with other conventions of the bailleur in the département; the detail, which names them, is reserved to the bailleur.',
  },
};
