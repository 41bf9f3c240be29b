import type { CatalogueEntry } from './catalogue.js';

/** Messages of the newcomer's path: the command line and the cascades that misled. */
export const catalogueCli: Record<string, CatalogueEntry> = {
  YAML_TABULATION: {
    severity: 'error',
    fr: 'Tabulation dans l’indentation : YAML n’indente qu’avec des espaces. Remplacez-la par des espaces (les autres erreurs de ce fichier en découlent sans doute : elles seront dites ensuite).',
    en: 'Tab in the indentation: YAML indents with spaces only. Replace it with spaces (the file’s other errors most likely follow from it: they will be reported next).',
  },
};
