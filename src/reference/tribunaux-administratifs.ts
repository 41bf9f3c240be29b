/**
 * The tribunal administratif territorially competent for each département (and each collectivité
 * d'outre-mer of the COG's list), for the article « Règlement des différends » of a convention to
 * which a public person is party.
 *
 * Source: code de justice administrative, art. R. 221-3 (« Le siège et le ressort des tribunaux
 * administratifs sont fixés comme suit : Amiens : Aisne, Oise, Somme ; … »), version from décret
 * n° 2015-1444 du 6 novembre 2015, and art. R. 221-1 for the names of the overseas tribunals
 * (« le tribunal administratif qui siège à Basse-Terre est désigné sous le nom de : "tribunal
 * administratif de la Guadeloupe" … »). Read in three public copies, which agree entry for entry:
 * Légifrance (« Version en vigueur au 18 avril 2024 »), codes-et-lois.fr and doctrine.fr (version
 * of 9 November 2015). Every entry below was checked against those copies (metropolitan list and
 * overseas list of R. 221-3; names of R. 221-1), except:
 * - the end of R. 221-3 after « Toutefois, le ressort du tribunal … » was cut in every copy read:
 *   an exception to a ressort there is not known to convflux;
 * - a later version of R. 221-1 (juriblio.fr, undated) moves the siège of the tribunal
 *   administratif de la Martinique from Fort-de-France to Schœlcher; its name is unchanged, and
 *   only the name is printed.
 * A party can always name the court itself (`juridiction.tribunal`).
 */

/** Seat (R. 221-3) → the départements of its ressort (COG codes). */
const RESSORTS: readonly [string, readonly string[]][] = [
  ['tribunal administratif d’Amiens', ['02', '60', '80']],
  ['tribunal administratif de Bastia', ['2A', '2B']],
  ['tribunal administratif de Besançon', ['25', '39', '70', '90']],
  ['tribunal administratif de Bordeaux', ['24', '33', '47']],
  ['tribunal administratif de Caen', ['14', '50', '61']],
  ['tribunal administratif de Cergy-Pontoise', ['92', '95']],
  ['tribunal administratif de Châlons-en-Champagne', ['08', '10', '51', '52']],
  ['tribunal administratif de Clermont-Ferrand', ['03', '15', '43', '63']],
  ['tribunal administratif de Dijon', ['21', '58', '71', '89']],
  ['tribunal administratif de Grenoble', ['26', '38', '73', '74']],
  ['tribunal administratif de Lille', ['59', '62']],
  ['tribunal administratif de Limoges', ['19', '23', '36', '87']],
  ['tribunal administratif de Lyon', ['01', '07', '42', '69']],
  ['tribunal administratif de Marseille', ['04', '05', '13']],
  ['tribunal administratif de Melun', ['77', '94']],
  ['tribunal administratif de Montpellier', ['11', '34', '66']],
  ['tribunal administratif de Montreuil', ['93']],
  ['tribunal administratif de Nancy', ['54', '55', '88']],
  ['tribunal administratif de Nantes', ['44', '49', '53', '72', '85']],
  ['tribunal administratif de Nice', ['06']],
  ['tribunal administratif de Nîmes', ['30', '48', '84']],
  ['tribunal administratif d’Orléans', ['18', '28', '37', '41', '45']],
  ['tribunal administratif de Paris', ['75']],
  ['tribunal administratif de Pau', ['32', '40', '64', '65']],
  ['tribunal administratif de Poitiers', ['16', '17', '79', '86']],
  ['tribunal administratif de Rennes', ['22', '29', '35', '56']],
  ['tribunal administratif de Rouen', ['27', '76']],
  ['tribunal administratif de Strasbourg', ['57', '67', '68']],
  ['tribunal administratif de Toulon', ['83']],
  ['tribunal administratif de Toulouse', ['09', '12', '31', '46', '81', '82']],
  ['tribunal administratif de Versailles', ['78', '91']],
  // Overseas: seat (R. 221-3) and name (R. 221-1).
  ['tribunal administratif de la Guadeloupe', ['971']], // Basse-Terre
  ['tribunal administratif de la Martinique', ['972']], // Fort-de-France
  ['tribunal administratif de la Guyane', ['973']], // Cayenne
  ['tribunal administratif de La Réunion', ['974', '984']], // Saint-Denis: Réunion, TAAF
  ['tribunal administratif de Saint-Pierre-et-Miquelon', ['975']], // Saint-Pierre
  ['tribunal administratif de Mayotte', ['976']], // Mamoudzou
  ['tribunal administratif de Saint-Barthélemy', ['977']],
  ['tribunal administratif de Saint-Martin', ['978']],
  ['tribunal administratif de Wallis-et-Futuna', ['986']], // Mata-Utu
  ['tribunal administratif de la Polynésie française', ['987', '989']], // Papeete: and Clipperton
  ['tribunal administratif de Nouvelle-Calédonie', ['988']], // Nouméa
];

const PAR_DEPARTEMENT: ReadonlyMap<string, string> = new Map(
  RESSORTS.flatMap(([tribunal, codes]) => codes.map((code): [string, string] => [code, tribunal])),
);

/** « tribunal administratif de Montreuil » for "93"; undefined for a code not in the table. */
export function tribunalAdministratif(departement: string): string | undefined {
  return PAR_DEPARTEMENT.get(departement);
}

/** Every département code of the table (for the tests). */
export function departementsCouverts(): string[] {
  return [...PAR_DEPARTEMENT.keys()];
}
