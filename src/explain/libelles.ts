/** Words for the enum codes shown in `evaluate`'s text output (French, English). */
import type { Lang } from '../diagnostics/diagnostic.js';

const LIBELLES: Record<string, { fr: string; en: string }> = {
  // Nature of an objective
  contractuel: { fr: 'contractuel', en: 'contractual' },
  uniforme_commune: { fr: 'uniforme par commune', en: 'uniform by commune' },
  uniforme_par_commune: { fr: 'uniforme par commune', en: 'uniform by commune' },
  globale: { fr: 'global', en: 'overall' },
  plancher_hors_qpv: { fr: 'plancher hors QPV', en: 'floor outside QPV' },
  indicatif: { fr: 'indicatif', en: 'indicative' },
  // Status of an objective
  atteint: { fr: 'atteint', en: 'met' },
  en_retard: { fr: 'en retard', en: 'behind' },
  non_atteint: { fr: 'non atteint', en: 'not met' },
  en_deca: { fr: 'en deçà', en: 'below' },
  sans_objet: { fr: 'sans objet', en: 'not applicable' },
  // Shares of attributions by public (CCH art. L. 441-1)
  dalo_ou_prioritaires: {
    fr: 'ménages DALO ou, à défaut, prioritaires',
    en: 'DALO or, failing that, priority households',
  },
  premier_quartile_hors_qpv: {
    fr: 'premier quartile, logements hors QPV',
    en: 'first quartile, flats outside QPV',
  },
  // Assiette exclusions (CCH art. R. 441-5 I)
  mutation_interne: { fr: 'mutation interne', en: 'internal transfer' },
  relogement_renouvellement_urbain: {
    fr: 'relogement (renouvellement urbain)',
    en: 'rehousing (urban renewal)',
  },
  relogement_orcod: { fr: 'relogement (ORCOD)', en: 'rehousing (ORCOD)' },
  relogement_habitat_indigne: {
    fr: 'relogement (habitat indigne)',
    en: 'rehousing (substandard housing)',
  },
  relogement_vente: { fr: 'relogement (vente)', en: 'rehousing (sale)' },
  // Stock kept outside the flux
  defense: { fr: 'Défense', en: 'Defence' },
  securite_interieure: { fr: 'sécurité intérieure', en: 'internal security' },
  sante: { fr: 'établissements de santé', en: 'health establishments' },
};

/** The word for a code; an unknown code is shown as it is. */
export const libelle = (code: string, lang: Lang): string => LIBELLES[code]?.[lang] ?? code;
