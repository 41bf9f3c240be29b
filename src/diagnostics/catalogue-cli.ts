import type { CatalogueEntry } from './catalogue.js';

/** Messages of the newcomer's path: the command line and the cascades that misled. */
export const catalogueCli: Record<string, CatalogueEntry> = {
  YAML_TABULATION: {
    severity: 'error',
    fr: 'Tabulation dans l’indentation : YAML n’indente qu’avec des espaces. Remplacez-la par des espaces (les autres erreurs de ce fichier en découlent sans doute : elles seront dites ensuite).',
    en: 'Tab in the indentation: YAML indents with spaces only. Replace it with spaces (the file’s other errors most likely follow from it: they will be reported next).',
  },
  EXPLAIN_LOGEMENT_INCONNU: {
    severity: 'error',
    fr: '--explain {logement} : ce logement n’est pas dans le parc (ou sa ligne y est rejetée) et aucun événement de la période ne le nomme ; vérifiez son identifiant (colonne logement).',
    en: '--explain {logement}: this flat is not in the parc (or its row there is rejected) and no event of the period names it; check its id (logement column).',
  },
};
