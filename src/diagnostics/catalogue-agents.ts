import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/** The agents' share is carved out of the préfet's part only (text read, see textes-trouves.md). */
const R441_5_2_I: LegalReference = {
  article: 'CCH art. R. 441-5-2 I',
  texte:
    '« Lorsque le bénéficiaire des réservations de logements locatifs sociaux est l’Etat, la part des logements réservés par le préfet de département […] représente 30 % au plus du flux annuel total de logements de chaque organisme bailleur, dont au plus 5 % au bénéfice des agents civils et militaires de l’Etat. »',
};

/** Messages of the agents de l’État contingent of the events file (src/engine/agents.ts). */
export const catalogueAgents: Record<string, CatalogueEntry> = {
  CONTINGENT_AGENTS_HORS_ETAT: {
    severity: 'error',
    fr: 'Désignation au titre du contingent « {contingent} » par {reservataire} : seule la convention de l’État réserve une part à ses agents civils et militaires ({convention} est une convention « {type} ») ; laissez la colonne contingent vide.',
    en: 'Designation under the "{contingent}" contingent by {reservataire}: only the State’s convention reserves a share for its civil and military staff ({convention} is a "{type}" convention); leave the contingent column empty.',
    reference: R441_5_2_I,
  },
};
