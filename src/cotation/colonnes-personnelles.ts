/**
 * Column names that carry a name or an address: the requests file must not have them. Matched
 * on the normalized header (case, accents and separators ignored).
 */
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { closest } from '../cli/suggest.js';
import { normalizeColumn } from '../input/column-names.js';
import { tableDiagnostic } from '../input/line-reader.js';

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
  'patronyme',
  'mel',
  // The rest of an address, and identifiers of the household elsewhere (CAF, bank).
  'code_postal',
  'numero_allocataire',
  'num_allocataire',
  'n_allocataire',
  'numero_caf',
  'num_caf',
  'iban',
  'mobile',
  // Exports with English headers.
  'name',
  'names',
  'first_name',
  'firstname',
  'last_name',
  'lastname',
  'surname',
  'given_name',
  'full_name',
  'fullname',
  'address',
  'street',
  'phone',
  'phone_number',
  'birth_date',
  'date_of_birth',
  'birthdate',
  'dob',
]);

/**
 * A word of the header (between separators or at an end; a digit after it, as in adresse2)
 * that names a person, where one lives or how to reach one: `demandeur_nom`, `lieu_naissance`,
 * `adresse2`, `telephone_portable`, « Téléphone 2 », `email_demandeur`, `num_tel`.
 */
const MOT_PERSONNEL =
  /(^|_)(noms?|prenoms?|adresses?|naissance|naiss|telephones?|tel|e_?mails?|courriels?|nir)(_|[0-9]|$)/;

export const estColonnePersonnelle = (name: string): boolean => {
  const n = normalizeColumn(name);
  return PERSONNELLES.has(n) || MOT_PERSONNEL.test(n);
};

/**
 * Unknown columns named like personal data become errors: refused, never read. Another one a
 * slip away from a column the file may have (`taux_efort`) says which: ignored, it leaves that
 * field empty in every request, and no request meets the criteria that read it.
 */
export function refuserColonnesPersonnelles(
  diagnostics: Diagnostic[],
  lang: Lang,
  attendues: readonly string[] = [],
): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.code !== 'TABLE_COLONNE_INCONNUE') return d;
    const colonne = String(d.params['colonne']);
    if (estColonnePersonnelle(colonne))
      return tableDiagnostic(
        d.file,
        lang,
        'COTATION_COLONNE_PERSONNELLE',
        { colonne },
        d.line,
        d.column,
      );
    const proche = closest(normalizeColumn(colonne), attendues);
    return proche === undefined
      ? d
      : tableDiagnostic(
          d.file,
          lang,
          'COTATION_COLONNE_PROCHE',
          { colonne, proche },
          d.line,
          d.column,
        );
  });
}
