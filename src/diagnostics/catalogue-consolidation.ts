import type { CatalogueEntry } from './catalogue.js';

/** Diagnostics of the consolidated version (version n° 2 and following): printed, never signed. */
export const catalogueConsolidation: Record<string, CatalogueEntry> = {
  SIGNATURE_VERSION_CONSOLIDEE: {
    severity: 'error',
    fr: '{chemin} est la version n° {version} de la convention : elle s’imprime comme version consolidée à titre d’information, sans champ de signature. Ce sont l’avenant et la convention initiale qui se signent : convflux render --avenant VERSION_PRECEDENTE.yaml {chemin} --sign …',
    en: '{chemin} is version {version} of the convention: it is printed as a consolidated version for information, with no signature field. The avenant and the initial convention are what is signed: convflux render --avenant PREVIOUS_VERSION.yaml {chemin} --sign …',
  },
  SIGNATURE_TEXTE_SIGNE: {
    severity: 'error',
    fr: '{chemin} est signé (statut: signee) : il s’imprime comme copie du texte signé, avec les signatures recueillies et sans champ de signature. Seul l’original électronique signé fait foi ; un changement passe par un avenant : convflux render --avenant {chemin} VERSION_SUIVANTE.yaml --sign …',
    en: '{chemin} is signed (statut: signee): it is printed as a copy of the signed text, with the recorded signatures and no signature field. Only the signed electronic original is authentic; a change goes through an avenant: convflux render --avenant {chemin} NEXT_VERSION.yaml --sign …',
  },
};
