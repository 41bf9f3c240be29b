import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of the collection of convention files (`check`, `evaluate --rules`, `bilan --rules`):
 * every entry of a folder is either read or named here, and a file is never silently dropped.
 * `{raison}` is rendered by collect-files.ts in the language of the run.
 */
export const catalogueCollecte: Record<string, CatalogueEntry> = {
  ENTREE_IGNOREE: {
    severity: 'info',
    fr: 'Entrées non lues ({raison}) : {entrees}.',
    en: 'Entries not read ({raison}): {entrees}.',
  },
  FICHIER_IGNORE: {
    severity: 'warning',
    fr: 'Non lu : {raison}. Si c’est une convention, elle n’est pas vérifiée.',
    en: 'Not read: {raison}. If it is a convention, it is not checked.',
  },
  LIEN_BOUCLE: {
    severity: 'warning',
    fr: 'Lien symbolique vers un dossier parent ({cible}) : boucle, il n’est pas suivi.',
    en: 'Symbolic link to a parent folder ({cible}): a loop, it is not followed.',
  },
  DOSSIER_NOM_CONVENTION: {
    severity: 'error',
    fr: 'C’est un dossier, pas un fichier : une convention est un fichier <département>/<SIREN>/<réservataire>/v<N>.yaml. Son contenu n’est pas lu.',
    en: 'This is a folder, not a file: a convention is a file <département>/<SIREN>/<réservataire>/v<N>.yaml. Its content is not read.',
  },
  DOSSIER_SANS_CONVENTION: {
    severity: 'error',
    fr: 'Aucune convention (fichier .yaml ou .yml) dans ce dossier : une convention est rangée en <département>/<SIREN>/<réservataire>/v<N>.yaml.',
    en: 'No convention (.yaml or .yml file) in this folder: a convention is filed as <département>/<SIREN>/<réservataire>/v<N>.yaml.',
  },
  VERSION_NON_COMPARABLE: {
    severity: 'warning',
    fr: 'La version {manquante} de « {id} » ({fichier}) n’a pas pu être lue ou validée : les versions suivantes ne sont pas comparées à elle (voir les diagnostics de ce fichier).',
    en: 'Version {manquante} of "{id}" ({fichier}) could not be read or validated: the later versions are not compared with it (see that file’s diagnostics).',
  },
  DIAGNOSTICS_MASQUES: {
    severity: 'info',
    fr: '… et {nombre} autres diagnostics de ce fichier non affichés (erreurs : {erreurs}, avertissements : {avertissements} ; comptés dans le total) : corrigez les premiers puis relancez.',
    en: '… and {nombre} more diagnostics of this file not shown (errors: {erreurs}, warnings: {avertissements}; counted in the total): fix the first ones and run again.',
  },
};
