/**
 * Column names that carry a name or an address: the requests file must not have them. Matched
 * on the normalized header (case, accents and separators ignored).
 */
import { normalizeColumn } from '../input/column-names.js';

const PERSONNELLES = new Set([
  'nom',
  'prenom',
  'prenoms',
  'nom_prenom',
  'prenom_nom',
  'nom_naissance',
  'nom_de_naissance',
  'nom_usage',
  'nom_d_usage',
  'nom_demandeur',
  'nom_du_demandeur',
  'civilite',
  'adresse',
  'adresse_postale',
  'adresse_actuelle',
  'adresse_1',
  'adresse_2',
  'complement_adresse',
  'rue',
  'voie',
  'numero_voie',
  'telephone',
  'tel',
  'portable',
  'email',
  'e_mail',
  'mail',
  'courriel',
  'date_naissance',
  'date_de_naissance',
  'nir',
  'numero_securite_sociale',
  'numero_secu',
]);

export const estColonnePersonnelle = (name: string): boolean => {
  const n = normalizeColumn(name);
  return PERSONNELLES.has(n) || /^(nom|prenom|adresse)_/.test(n);
};
