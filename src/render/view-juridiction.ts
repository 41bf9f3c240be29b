/**
 * The article « Règlement des différends »: the parties' qualification of the contract and the
 * court it leads to (src/convention/defauts-juridiction.ts), named, never « la juridiction
 * compétente » (review I21).
 */
import type { Convention } from '../convention/convention.js';
import { PERSONNES_PUBLIQUES } from '../convention/defauts-juridiction.js';
import { natureContrat } from '../convention/nature-contrat.js';
import { tribunalAdministratif } from '../reference/tribunaux-administratifs.js';
import { minusculeInitiale } from './typographie.js';
import type { ShapeOf } from './view-model.js';

export interface JuridictionView {
  /** The contract is qualified as administrative (else private law). */
  administratif: boolean;
  /** « Les parties qualifient la présente convention de contrat administratif. » */
  qualification: string;
  /** « le tribunal administratif de Montreuil, territorialement compétent … ». */
  tribunal: string;
  /** The réservataire is a public person (also: résiliation pour motif d’intérêt général). */
  reservatairePublic: boolean;
}

export const JURIDICTION_SHAPE: ShapeOf<JuridictionView> = {
  administratif: 'valeur',
  qualification: 'valeur',
  tribunal: 'valeur',
  reservatairePublic: 'valeur',
};

function tribunalDeduit(c: Convention, administratif: boolean, departement: string): string {
  if (!administratif) {
    const siege = c.bailleur.siege?.trim();
    return `le tribunal judiciaire dans le ressort duquel est situé le siège du bailleur${siege ? ` (${siege})` : ''}`;
  }
  const ta = tribunalAdministratif(c.departement);
  // An unknown département is an error of `check` (TRIBUNAL_ADMINISTRATIF_INCONNU): never printed.
  return ta
    ? `le ${ta}, dont le ressort comprend le département ${departement} (code de justice administrative, art. R. 221-3)`
    : `le tribunal administratif dont le ressort comprend le département ${departement}`;
}

/** A court named by the parties, inside a sentence: « le tribunal judiciaire de Bobigny ». */
function enPhrase(nom: string): string {
  if (/^tribunal\b/i.test(nom)) return `le ${minusculeInitiale(nom)}`;
  if (/^(le |la |les |l’|l')/i.test(nom)) return minusculeInitiale(nom);
  return nom;
}

/** `departement`: « de la Seine-Saint-Denis (93) », as the périmètre prints it (code dropped). */
export function buildJuridiction(c: Convention, departement: string): JuridictionView {
  const administratif = natureContrat(c) === 'administratif';
  const dep = departement.replace(/ \([0-9AB]+\)$/, '');
  const nomme = c.juridiction?.tribunal?.trim();
  return {
    administratif,
    qualification: `Les parties qualifient la présente convention de contrat ${administratif ? 'administratif' : 'de droit privé'}.`,
    tribunal: nomme
      ? `${enPhrase(nomme)}, juridiction désignée par les parties`
      : tribunalDeduit(c, administratif, dep),
    reservatairePublic: PERSONNES_PUBLIQUES.includes(c.reservataire.type),
  };
}
