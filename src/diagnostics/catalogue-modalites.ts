import type { CatalogueEntry } from './catalogue.js';
import type { LegalReference } from './diagnostic.js';

/** Only the CALEOL attributes: the bailleur cannot set aside a complete file outside it. */
const CALEOL_SEULE: LegalReference = {
  article: 'CCH art. L. 441-2 et R. 441-3',
  texte:
    'L. 441-2 : « une commission d’attribution chargée d’attribuer nominativement chaque logement locatif » ; R. 441-3 énumère les décisions de la commission (a à e).',
};

/** The quarter of attributions to priority households (current wording of L. 441-1 not read). */
const QUART_PRIORITAIRES: LegalReference = {
  article: 'CCH art. L. 441-1',
  texte:
    'Résumé (texte en vigueur non lu ; sources indirectes) : un quart au moins des attributions du contingent des collectivités territoriales et d’Action Logement va aux ménages bénéficiant d’une décision favorable de la commission de médiation (L. 441-2-3) ou, à défaut, prioritaires au sens de l’article L. 441-1.',
};

/** Messages of the checks of `modalites` and of the refusal clauses (src/check/modalites-checks.ts). */
export const catalogueModalites: Record<string, CatalogueEntry> = {
  REFUS_BAILLEUR_DOSSIER_INCOMPLET: {
    severity: 'info',
    fr: 'La clause refus.bailleur ne règle que le dossier incomplet que le réservataire n’a pas fait compléter : le bailleur ne peut écarter une candidature complète en dehors de la CALEOL, qui seule attribue les logements. Le texte imprimé est la procédure du dossier incomplet (délai de signalement : modalites.dossiers.delai_completude).',
    en: 'The refus.bailleur clause only governs an incomplete file the réservataire did not have completed: the bailleur cannot set aside a complete file outside the CALEOL, which alone attributes flats. The printed text is the incomplete-file procedure (reporting delay: modalites.dossiers.delai_completude).',
    reference: CALEOL_SEULE,
  },
  GESTION_DELEGUEE_SANS_DELEGATAIRE: {
    severity: 'warning',
    fr: 'Gestion déléguée sans délégataire : indiquez modalites.delegataire (le texte laisse un blanc à compléter).',
    en: 'Delegated management with no delegate: set modalites.delegataire (the text leaves a blank to fill in).',
  },
  DELEGATAIRE_SANS_GESTION_DELEGUEE: {
    severity: 'warning',
    fr: 'modalites.delegataire est sans effet : la gestion n’est pas déléguée (modalites.gestion : {gestion}).',
    en: 'modalites.delegataire has no effect: management is not delegated (modalites.gestion: {gestion}).',
  },
  PUBLICS_PART_INFERIEURE_AU_QUART: {
    severity: 'warning',
    fr: 'Part des attributions aux ménages DALO ou prioritaires de {part%}, inférieure au quart que la loi assigne au contingent de ce réservataire.',
    en: 'Share of attributions to DALO or priority households of {part%}, below the quarter the law sets for this réservataire’s contingent.',
    reference: QUART_PRIORITAIRES,
  },
};
