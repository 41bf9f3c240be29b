import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of the collection of convention files (`check`, `evaluate --rules`, `bilan --rules`):
 * every entry of a folder is either read or named here, and a file is never silently dropped.
 * `{raison}` is rendered by collect-files.ts in the language of the run.
 */
export const catalogueCollecte: Record<string, CatalogueEntry> = {
  CONVENTIONS_CONTEXTE: {
    severity: 'info',
    fr: 'Lue(s) pour le contexte, non rapportée(s) : {conventions} ({nombre}), les autres conventions du même bailleur et département que les fichiers nommés. Les événements adressés à leurs réservataires sont ainsi lus comme tels (sans elles, ils seraient rejetés : RESERVATAIRE_INCONNU). Seules les conventions nommées sont rapportées ; les alertes du bailleur, le hors assiette, le stock et les entrées portent sur tous ses logements. Donnez le dossier du bailleur pour les voir toutes.',
    en: 'Read as context, not reported: {conventions} ({nombre}), the other conventions of the named files’ bailleur and département. The events addressed to their réservataires are thus read as such (without them they would be rejected: RESERVATAIRE_INCONNU). Only the named conventions are reported; the bailleur’s alerts, the flats outside the assiette, the stock and the inputs cover all its flats. Give the bailleur’s folder to see them all.',
  },
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
