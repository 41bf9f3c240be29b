/**
 * The contractual territory in which a convention's share of a flat is owed: the commune for the
 * État's uniform-per-commune share and for a commune, the EPCI or EPT for theirs, the département
 * otherwise (lecture retenue par convflux of CCH art. R. 441-5 and of the conventions' clauses).
 */
import { application } from '../convention/clauses.js';
import type { Convention } from '../convention/convention.js';
import type { Logement } from '../flux/logement.js';
import type { Territoires } from '../reference/territoires.js';

export interface TerritoireOrientation {
  /** Key, e.g. `commune:93010`, `epci:200057875`, `departement:93`, `objectif:/objectifs/…`. */
  cle: string;
  /** In words: « Bondy », « Est Ensemble », « département 93 ». */
  libelle: string;
  /** Where it lies, in words (« à Bondy », « dans le département 93 »). */
  lieu: string;
  part: number;
  /** The convention's share of the flux, or one of its contractual objectives. */
  nature: 'flux' | 'objectif';
}

export const nomCommune = (code: string, t: () => Territoires): string =>
  t().communes.get(code)?.nom ?? code;

export function territoireContractuel(
  c: Convention,
  l: Logement,
  t: () => Territoires,
): Omit<TerritoireOrientation, 'part' | 'nature'> {
  const type = c.reservataire.type;
  if (application(c) === 'uniforme_par_commune' || type === 'commune') {
    const nom = nomCommune(l.commune, t);
    return { cle: `commune:${l.commune}`, libelle: nom, lieu: `à ${nom}` };
  }
  const code = c.reservataire.territoire;
  if ((type === 'epci' || type === 'ept') && code !== undefined) {
    const nom = t().groupements.get(code)?.nom ?? code;
    return { cle: `${type}:${code}`, libelle: nom, lieu: `sur le territoire de ${nom}` };
  }
  return {
    cle: `departement:${l.departement}`,
    libelle: `département ${l.departement}`,
    lieu: `dans le département ${l.departement}`,
  };
}
