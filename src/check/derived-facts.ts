import { daysBetween, echeance, isIsoDate, parseDelai } from '../convention/calendar.js';
import type { Convention } from '../convention/convention.js';
import { casPour, valeurA, valeurEffective } from '../convention/defauts.js';
import type { Territoires } from '../reference/territoires.js';
import { natureOf } from './reference-checks.js';

/** The convention values each derived fact is computed from (to silence rules on invalid inputs). */
export const DERIVE_INPUTS: Record<string, string[]> = {
  duree_jours: ['/duree'],
  delai_designation_jours: ['/duree', '/designation/delai'],
  territoire_nature: ['/reservataire/territoire'],
  type_collectivite: ['/reservataire/type'],
  application: ['/flux/application', '/reservataire/type'],
  ponderation_orientation: ['/decompte/ponderation'],
  ponderation_attribution: ['/decompte/ponderation'],
  ponderation_rapport: ['/decompte/ponderation'],
};

const COLLECTIVITES = ['commune', 'epci', 'ept', 'departement', 'region'];

/**
 * The `derive` fact of the regulation rules: values computed from a convention that a rule
 * cannot compute itself. Robust to invalid data (a value is left out when it cannot be computed).
 */
export function derivedFacts(c: Partial<Convention>, t: Territoires): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const debut = c.duree?.debut;
  const fin = c.duree?.fin;
  const validDuree =
    typeof debut === 'string' && typeof fin === 'string' && isIsoDate(debut) && isIsoDate(fin);
  // An inverted term is reported by DUREE_INCOHERENTE; it has no length to compare delays with.
  const coherent = validDuree && debut <= fin;
  if (coherent) out['duree_jours'] = daysBetween(debut, fin);
  const delai =
    typeof c.designation?.delai === 'string' ? parseDelai(c.designation.delai) : undefined;
  if (delai && coherent)
    out['delai_designation_jours'] = daysBetween(debut, echeance(debut, delai));
  const code = c.reservataire?.territoire;
  const nature = natureOf(t, typeof code === 'string' ? code : undefined);
  if (nature) out['territoire_nature'] = nature;
  if (typeof c.reservataire?.type === 'string') {
    out['type_collectivite'] = COLLECTIVITES.includes(c.reservataire.type);
    out['application'] = valeurEffective(c, '/flux/application');
  }
  // Defaults from the registry (src/convention/defauts.ts), as the engine applies them.
  const orientation = nombreOuDefaut(c, '/decompte/ponderation/orientation');
  const attribution = nombreOuDefaut(c, '/decompte/ponderation/attribution');
  out['ponderation_orientation'] = orientation;
  out['ponderation_attribution'] = attribution;
  if (attribution > 0) out['ponderation_rapport'] = orientation / attribution;
  return out;
}

/** A number written at the key, else the key's default (robust to a value of the wrong type). */
function nombreOuDefaut(c: Partial<Convention>, cle: string): number {
  const v = valeurA(c, cle);
  if (typeof v === 'number') return v;
  const d = casPour(cle, undefined).defaut;
  return 'valeur' in d && typeof d.valeur === 'number' ? d.valeur : 0;
}
