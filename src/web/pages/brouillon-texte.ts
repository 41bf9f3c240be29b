/**
 * The text a new draft starts from: the next version of a sealed one (its seal and signatures
 * taken off), or the outline of a new convention with the keys the schema requires.
 */

/** The sealed version's text as the draft of version `n`: `statut: projet`, no seal. */
export function prochaineVersion(texte: string, n: number): string {
  return texte
    .replace(/^version: *\d+/m, `version: ${String(n)}`)
    .replace(/^statut: *\S+/m, 'statut: projet')
    .replace(/^(?:empreinte|signatures):.*\n(?:[ -].*\n|\n(?=[ -]))*/gm, '');
}

const ou = (v: string, defaut: string): string => (/^[\w-]+$/.test(v) ? v : defaut);

/** A new convention's outline for a bailleur × réservataire in a département. */
export function squelette(departement: string, bailleur: string, reservataire: string): string {
  const dep = ou(departement, '93');
  const siren = ou(bailleur, '000000000');
  const res = ou(reservataire, 'reservataire');
  return `# yaml-language-server: $schema=https://convflux.fr/schemas/convention.schema.json
id: ${dep}-${siren}-${res}
version: 1
date_effet: 2025-01-01
statut: projet
departement: "${dep}"

bailleur:
  siren: "${siren}"
  nom: 

reservataire:
  id: ${res}
  type: 
  nom: 

duree:
  debut: 2025-01-01
  fin: 2027-12-31

flux:
  part: 0.25

decompte:
  fait_generateur: attribution

designation:
  delai: 1 mois
  candidats: 3

refus:
  candidat:
    decompte: false
    nouvelle_designation: true
`;
}
