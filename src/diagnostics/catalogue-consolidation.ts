import type { CatalogueEntry } from './catalogue.js';

/** Diagnostics of the consolidated version (version n° 2 and following): printed, never signed. */
export const catalogueConsolidation: Record<string, CatalogueEntry> = {
  SIGNATURE_VERSION_CONSOLIDEE: {
    severity: 'error',
    fr: '{chemin} est la version n° {version} de la convention : elle s’imprime comme version consolidée à titre d’information, sans champ de signature. Ce sont l’avenant et la convention initiale qui se signent : convflux render --avenant VERSION_PRECEDENTE.yaml {chemin} --sign …',
    en: '{chemin} is version {version} of the convention: it is printed as a consolidated version for information, with no signature field. The avenant and the initial convention are what is signed: convflux render --avenant PREVIOUS_VERSION.yaml {chemin} --sign …',
  },
};
