/**
 * Defaults of the `juridiction` section (article « Règlement des différends »), registered in
 * DEFAUTS (src/convention/defauts.ts). The qualification of these conventions (administrative or
 * private-law contract) was found in no source: it is convflux's choice, the parties state theirs.
 * Without `juridiction.tribunal`, the court follows from the qualification: the tribunal
 * administratif competent for the département (code de justice administrative, art. R. 221-3:
 * src/reference/tribunaux-administratifs.ts), or the tribunal judiciaire of the bailleur's siège.
 */
import type { TypeReservataire } from './convention.js';
import type { Defaut } from './defauts.js';

/** Réservataires that are public persons: the contract is administrative unless stated. */
export const PERSONNES_PUBLIQUES: readonly TypeReservataire[] = [
  'etat',
  'commune',
  'epci',
  'ept',
  'departement',
  'region',
  'etablissement_public',
];

export const DEFAUTS_JURIDICTION: readonly Defaut[] = [
  {
    cle: '/juridiction/nature_contrat',
    cas: [
      {
        types: PERSONNES_PUBLIQUES,
        defaut: { valeur: 'administratif' },
        fondement: { nature: 'choix_convflux' },
        explication: {
          fr: 'Une personne publique étant partie, la convention est qualifiée de contrat administratif ; le litige relève du tribunal administratif compétent pour le département (CJA, art. R. 221-3).',
          en: 'A public person being party, the convention is qualified as an administrative contract; disputes go to the tribunal administratif competent for the département (CJA art. R. 221-3).',
        },
      },
      {
        defaut: { valeur: 'prive' },
        fondement: { nature: 'choix_convflux' },
        explication: {
          fr: 'Sans personne publique réservataire, la convention est qualifiée de contrat de droit privé ; le litige relève du tribunal judiciaire du siège du bailleur.',
          en: 'With no public réservataire, the convention is qualified as a private-law contract; disputes go to the tribunal judiciaire of the bailleur’s seat.',
        },
      },
    ],
  },
];
