import type { CatalogueEntry } from './catalogue.js';

/**
 * Messages of `convflux migrate` for what only a human can fill in (src/convention/
 * migrate-cles-recentes.ts): a warning at the commented « À REMPLIR » line it added.
 */
export const catalogueMigration: Record<string, CatalogueEntry> = {
  MIGRATION_IDENTIFICATION_A_REMPLIR: {
    severity: 'warning',
    fr: 'À remplir : {cle} d’Action Logement Services, qu’une signature demande (ligne « À REMPLIR » ajoutée par convflux migrate ; la valeur suggérée est à vérifier).',
    en: 'To fill in: {cle} of Action Logement Services, which a signature requires (line « À REMPLIR » added by convflux migrate; check the suggested value).',
    reference: { article: 'CCH art. L. 313-19' },
  },
  MIGRATION_VISA_A_REMPLIR: {
    severity: 'warning',
    fr: 'À remplir : {cle} (acte et date), que les visas citent (ligne « À REMPLIR » ajoutée par convflux migrate ; convflux ne peut pas deviner un acte).',
    en: 'To fill in: {cle} (act and date), cited by the visas (line « À REMPLIR » added by convflux migrate; convflux cannot guess an act).',
  },
};
