import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of the system and set-up problems (files, folders, disk, permissions, Chromium).
 * They are not bugs of convflux: `ERREUR_INTERNE` is kept for those, so a pipeline can tell
 * them apart. `{raison}` is rendered by `raisonSysteme` (src/source/system-error.ts).
 */
export const catalogueSysteme: Record<string, CatalogueEntry> = {
  FICHIER_NON_REGULIER: {
    severity: 'error',
    fr: '{chemin} n’est pas un fichier ordinaire ({nature}) : un fichier est attendu.',
    en: '{chemin} is not a regular file ({nature}): a file is expected.',
  },
  DOSSIER_ILLISIBLE: {
    severity: 'error',
    fr: 'Dossier illisible : {chemin} ({raison}). Son contenu n’est pas vérifié.',
    en: 'Cannot read the folder {chemin} ({raison}). Its content is not checked.',
  },
  SORTIE_IMPOSSIBLE: {
    severity: 'error',
    fr: 'Impossible d’écrire {chemin} : {raison}.',
    en: 'Cannot write {chemin}: {raison}.',
  },
  ERREUR_SYSTEME: {
    severity: 'error',
    fr: 'Erreur du système sur {chemin} : {raison}.',
    en: 'System error on {chemin}: {raison}.',
  },
};
