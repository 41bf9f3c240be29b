/**
 * A value of the format as a negotiator reads it: shares as percentages (« 30 % »), numbers with
 * a decimal comma, dates in words (« 1er juillet 2025 »), codes in words where the project has a
 * label, booleans as oui/non, an objective as its label, criteria and share. French typography
 * of src/render/typographie.ts.
 */
import type { JsonValue } from '../convention/defauts.js';
import type { Lang } from '../diagnostics/diagnostic.js';
import { libelle } from '../explain/libelles.js';
import { parsePointer } from '../source/json-pointer.js';
import { dateLongue, nombre, pourcent } from '../render/typographie.js';

type Objet = { [key: string]: JsonValue };
const estObjet = (v: JsonValue | undefined): v is Objet =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Codes of the format in words, where src/explain/libelles.ts has none. */
const CODES: Record<string, string> = {
  retire: 'retirés',
  acquis: 'acquis',
  conge: 'congé',
  liberation: 'libération',
  envoi: 'envoi',
  reception: 'réception',
  ouvres: 'ouvrés',
  bail_signe: 'bail signé',
  commission_coordination: 'commission de coordination',
  presentation_par_bailleur: 'présentation par le bailleur',
  deleguee: 'déléguée',
  delegation_signature: 'délégation de signature',
  deliberation: 'délibération',
  administratif: 'contrat administratif',
  prive: 'contrat de droit privé',
};

/** Keys whose number is a share of a whole (0.3 → 30 %). */
const PART = /^(part|dont_agents_etat|part_.*|taux)$/;
const DATE_ISO = /^\d{4}-\d{2}-\d{2}$/;

/** « ; » in French, « ; » without the space before it in English. */
const pointVirgule = (lang: Lang): string => (lang === 'fr' ? ' ; ' : '; ');

const pourcentLang = (x: number, lang: Lang): string =>
  lang === 'fr' ? pourcent(x) : `${String(Math.round(x * 10000) / 100)} %`;

function scalaire(v: JsonValue, cle: string, lang: Lang): string {
  if (typeof v === 'number') {
    if (PART.test(cle)) return pourcentLang(v, lang);
    return lang === 'fr' ? nombre(v) : String(v);
  }
  if (typeof v === 'boolean') return lang === 'fr' ? (v ? 'oui' : 'non') : v ? 'yes' : 'no';
  if (typeof v === 'string') {
    if (DATE_ISO.test(v)) return lang === 'fr' ? dateLongue(v) : v;
    return lang === 'fr' ? (CODES[v] ?? libelle(v, lang)) : libelle(v, lang);
  }
  return '';
}

/** Criteria of an objective: « T1, T2 ; hors QPV ; construits de 2000 à 2024 ». */
function criteres(c: Objet, lang: Lang): string {
  const fr = lang === 'fr';
  const out: string[] = [];
  for (const [k, v] of Object.entries(c)) {
    if (k === 'qpv' && typeof v === 'boolean')
      out.push(v ? (fr ? 'en QPV' : 'in QPV') : fr ? 'hors QPV' : 'outside QPV');
    else if (k === 'periode_construction' && estObjet(v)) {
      const d = v['debut'];
      const f = v['fin'];
      const de = typeof d === 'number' ? String(d) : '';
      const a = typeof f === 'number' ? String(f) : '';
      out.push(
        fr
          ? `construits ${de && a ? `de ${de} à ${a}` : de ? `à partir de ${de}` : `jusqu’en ${a}`}`
          : `built ${de && a ? `${de} to ${a}` : de ? `from ${de}` : `until ${a}`}`,
      );
    } else if (Array.isArray(v)) {
      const nom: Record<string, string> = { commune: 'communes ', epci: 'EPCI ' };
      out.push(`${nom[k] ?? ''}${v.map((x) => scalaire(x, k, lang)).join(', ')}`);
    } else out.push(`${k} ${valeurTexte(v, `/${k}`, lang)}`);
  }
  return out.join(pointVirgule(lang));
}

/** Any value at `pointeur`, in words. */
export function valeurTexte(v: JsonValue | undefined, pointeur: string, lang: Lang): string {
  if (v === undefined) return lang === 'fr' ? 'non stipulé' : 'not stipulated';
  const cle = parsePointer(pointeur).at(-1) ?? '';
  if (Array.isArray(v)) return v.map((x) => valeurTexte(x, pointeur, lang)).join(', ');
  if (!estObjet(v)) return scalaire(v, cle, lang);
  if (cle === 'criteres') return criteres(v, lang);
  // An objective: « Saint-Denis (commune 93066) : 30 % », « Libellé (critères) : 15 % ».
  if ('part' in v && ('criteres' in v || 'territoire' in v)) {
    const nom = typeof v['libelle'] === 'string' ? v['libelle'] : '';
    const details: string[] = [];
    if (typeof v['echelle'] === 'string' && typeof v['territoire'] === 'string')
      details.push(`${v['echelle']} ${v['territoire']}`);
    if (estObjet(v['criteres'])) details.push(criteres(v['criteres'], lang));
    const part = typeof v['part'] === 'number' ? pourcentLang(v['part'], lang) : '';
    const dePart = lang === 'fr' ? 'part' : 'share';
    return `${nom}${details.length ? ` (${details.join(pointVirgule(lang))})` : ''}${part ? `, ${dePart} ${part}` : ''}`;
  }
  return Object.entries(v)
    .map(
      ([k, x]) => `${k}${lang === 'fr' ? ' : ' : ': '}${valeurTexte(x, `${pointeur}/${k}`, lang)}`,
    )
    .join(pointVirgule(lang));
}
