/**
 * English of the `x-attendu` hints of the JSON schemas (written in French, for the editors'
 * inline docs). Messages in English use these; a test checks that every hint of schemas/ has one.
 */
export const attenduEn: Record<string, string> = {
  'une part entre 0 et 1 (0.30 pour 30 %)': 'a share between 0 and 1 (0.30 for 30%)',
  'une part entre 0 et 1 (0.20 pour 20 %)': 'a share between 0 and 1 (0.20 for 20%)',
  'une part entre 0 et 1 (0.25 pour 25 %)': 'a share between 0 and 1 (0.25 for 25%)',
  'une part entre 0 et 1 (0.32 pour 32 %)': 'a share between 0 and 1 (0.32 for 32%)',
  'le nom du fichier sans extension, en minuscules et tirets (ex. "2025-securite-publique")':
    'the file name without extension, in lower case and hyphens (e.g. "2025-securite-publique")',
  'l’identifiant du logement chez le bailleur, le même que la colonne logement du parc':
    'the flat’s id at the bailleur, the same as the parc’s logement column',
  'le numéro RPLS du logement (10 caractères) ; format 1 : l’identifiant du parc':
    'the flat’s RPLS id (10 characters); format 1: the parc id',
  'l’identifiant RPLS du logement, 10 caractères': 'the flat’s RPLS id, 10 characters',
  'un SIREN à 9 chiffres entre guillemets (ex. "552046484")':
    'a 9-digit SIREN in quotes (e.g. "552046484")',
  'une année entre 1800 et 2100': 'a year between 1800 and 2100',
  'un identifiant de 1 à 64 caractères sans caractère nul (ex. le numéro RPLS)':
    'an id of 1 to 64 characters with no NUL character (e.g. the RPLS number)',
  'un code de département (ex. "93", "2A", "974")': 'a département code (e.g. "93", "2A", "974")',
  'un code commune INSEE de 5 caractères (ex. "93066", "2A004")':
    'a 5-character INSEE commune code (e.g. "93066", "2A004")',
  'un booléen (true/false, oui/non, vrai/faux, 1/0)':
    'a boolean (true/false, oui/non, vrai/faux, 1/0)',
  'un SIREN d’EPCI ou d’EPT de 9 chiffres': 'a 9-digit EPCI or EPT SIREN',
  'un SIREN de 9 chiffres': 'a 9-digit SIREN',
  'une date réelle au format AAAA-MM-JJ': 'a real date as YYYY-MM-DD',
  'l’identifiant de l’événement annulé (1 à 128 caractères, sans caractère nul)':
    'the id of the cancelled event (1 to 128 characters, no NUL character)',
  'un nombre entier positif ou nul': 'a whole number, zero or more',
  'un identifiant de réservataire en minuscules et tirets (ex. "etat-93")':
    'a réservataire id in lower case and hyphens (e.g. "etat-93")',
  'un identifiant de logement de 1 à 64 caractères sans caractère nul':
    'a flat id of 1 to 64 characters with no NUL character',
  'un identifiant de programme de 1 à 64 caractères sans caractère nul':
    'a programme id of 1 to 64 characters with no NUL character',
  'un identifiant de 1 à 128 caractères sans caractère nul':
    'an id of 1 to 128 characters with no NUL character',
  'une liste d’années, ex. [2025, 2027]': 'a list of years, e.g. [2025, 2027]',
  'un taux annuel supérieur à 0 et au plus 1 (0.07 pour 7 %)':
    'a yearly rate above 0 and at most 1 (0.07 for 7%)',
  'un nombre de droits uniques par an, supérieur à 0 (ex. 4)':
    'a number of droits uniques a year, above 0 (e.g. 4)',
  'un identifiant en minuscules et tirets (ex. "etat-93")':
    'an id in lower case and hyphens (e.g. "etat-93")',
  'un délai comme "15 jours", "2 semaines" ou "1 mois"':
    'a delay such as "15 jours", "2 semaines" or "1 mois"',
  'un code de département entre guillemets (ex. "93", "2A", "974")':
    'a département code in quotes (e.g. "93", "2A", "974")',
  'un code INSEE de commune, un SIREN d’EPCI/EPT ou un code de département':
    'an INSEE commune code, an EPCI/EPT SIREN or a département code',
  'un code INSEE de commune à 5 caractères (ex. "93066")':
    'a 5-character INSEE commune code (e.g. "93066")',
  'un code INSEE de commune (5 caractères) ou le SIREN d’un EPCI/EPT (9 chiffres)':
    'an INSEE commune code (5 characters) or an EPCI/EPT SIREN (9 digits)',
  'sha256: suivi de 64 chiffres hexadécimaux (écrit par convflux seal)':
    'sha256: followed by 64 hexadecimal digits (written by convflux seal)',
  'le numéro RPLS du logement entre guillemets (1 à 64 caractères), le même que la colonne logement du parc':
    'the flat’s RPLS number in quotes (1 to 64 characters), the same as the parc’s logement column',
  'département-SIREN-réservataire, ex. "93-552046484-etat-93"':
    'département-SIREN-réservataire, e.g. "93-552046484-etat-93"',
  'AAAA-MM-JJ': 'YYYY-MM-DD',
  'dalo, prioritaire ou premier_quartile_hors_qpv, plusieurs séparés par « + » (ex. dalo+premier_quartile_hors_qpv)':
    'dalo, prioritaire or premier_quartile_hors_qpv, several joined by "+" (e.g. dalo+premier_quartile_hors_qpv)',
  // schemas/previsionnel.schema.json
  'une année (ex. 2026)': 'a year (e.g. 2026)',
  'une liste d’une à trois années parmi les trois précédentes (ex. [2024, 2025])':
    'a list of one to three years among the three previous ones (e.g. [2024, 2025])',
  'un nombre entier de logements positif (ex. 4)': 'a positive whole number of flats (e.g. 4)',
  'le document dont le nombre est tiré (ex. "CUS 2021-2026, plan de mise en vente")':
    'the document the number comes from (e.g. "CUS 2021-2026, plan de mise en vente")',
  // schemas/cotation.schema.json
  '9 chiffres entre guillemets (ex. "824541148")': '9 digits in quotes (e.g. "824541148")',
  'un nom en minuscules ASCII et tirets bas (ex. "logement_precaire")':
    'a name in lowercase ASCII and underscores (e.g. "logement_precaire")',
  'un coefficient multiplicateur, nombre décimal avec un point (ex. 1.3)':
    'a multiplying coefficient, a decimal number with a point (e.g. 1.3)',
  'un nombre de points (ex. 10)': 'a number of points (e.g. 10)',
  'un SIREN de 9 chiffres entre guillemets (celui du dossier)':
    'a 9-digit SIREN in quotes (the folder’s)',
  // The service's request bodies (schemas/service/).
  'bailleur ou reservataire': 'bailleur or reservataire',
  'bailleur, reservataire ou epci': 'bailleur, reservataire or epci',
  'la liste des permissions': 'the list of permissions',
  'le fichier PKCS#12 (.p12) en base64': 'the PKCS#12 file (.p12) in base64',
  'le mot de passe actuel': 'the current password',
  'le mot de passe du certificat': 'the certificate’s password',
  'le nom de la personne': 'the person’s name',
  'le nom de l’organisation': 'the organisation’s name',
  'le texte YAML du fichier': 'the YAML text of the file',
  'le texte YAML de la convention': 'the YAML text of the convention',
  'lire, saisir, rediger, signer ou administrer': 'lire, saisir, rediger, signer or administrer',
  'l’identifiant du compte': 'the account’s id',
  'l’identifiant d’une organisation (type:identifiant, ex. bailleur:552046484)':
    'an organisation’s id (type:identifiant, e.g. bailleur:552046484)',
  'un SIREN (bailleur, EPCI) ou l’identifiant du réservataire dans ses conventions (ex. "etat-93")':
    'a SIREN (bailleur, EPCI) or the réservataire’s id in its conventions (e.g. "etat-93")',
  'un booléen': 'a boolean',
  'un mot de passe': 'a password',
  'un mot de passe d’au moins 12 caractères': 'a password of at least 12 characters',
  'un nom pour reconnaître le jeton': 'a name to recognise the token by',
  'un objet { chemin dans rules/ : texte YAML }': 'an object { path in rules/: YAML text }',
  'une adresse http:// ou https://': 'an http:// or https:// address',
  'une adresse électronique': 'an e-mail address',
};

/** The `x-attendu` hint of a schema node in the requested language. */
export function attendu(hint: unknown, lang: 'fr' | 'en'): string | undefined {
  if (typeof hint !== 'string') return undefined;
  return lang === 'fr' ? hint : (attenduEn[hint] ?? undefined);
}
