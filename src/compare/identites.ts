/**
 * The identity of an item in the lists of the format, so that lists are compared item by item
 * whatever their order: an objective by its territory or its criteria, a signatory by its party.
 * An item whose identity is not found in the other version is added or removed; two items with
 * one identity are compared key by key. Lists without an identity (exclusions, typologies) are
 * compared as whole values.
 */
import type { JsonValue } from '../convention/defauts.js';
import type { Lang } from '../diagnostics/diagnostic.js';

const PARTIE: Record<string, string> = { bailleur: 'bailleur', reservataire: 'réservataire' };

type Objet = { [key: string]: JsonValue };

const objet = (v: JsonValue | undefined): Objet | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

/** A stable text of a value (object keys sorted), to compare criteria. */
export function canonique(v: JsonValue | undefined): string {
  if (v === undefined) return '';
  if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`;
  const o = objet(v);
  if (o)
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${k}:${canonique(o[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export interface Identite {
  /** Keys of the identity; two items with the same key are the same item. */
  cle: (item: JsonValue) => string | undefined;
  /** A second chance for items left unmatched (an objective whose criteria changed). */
  secours?: (item: JsonValue) => string | undefined;
  /** How the item is named in the diff (« Montreuil », « bailleur »). */
  nom: (item: JsonValue, lang: Lang) => string;
}

const champ =
  (...keys: string[]) =>
  (item: JsonValue): string | undefined => {
    const o = objet(item);
    if (!o) return undefined;
    const parts = keys.map((k) => o[k]);
    return parts.every((p) => p === undefined) ? undefined : parts.map(canonique).join('|');
  };

const texte = (v: JsonValue | undefined): string =>
  typeof v === 'string' ? v : v === undefined ? '' : canonique(v);

/** The identities of the lists of the format, by generic pointer (indices as *). */
export const IDENTITES: Record<string, Identite> = {
  '/objectifs/contractuels': {
    cle: champ('echelle', 'territoire', 'criteres'),
    secours: champ('echelle', 'territoire'),
    nom: (item) => {
      const o = objet(item);
      return texte(o?.['libelle']) || texte(o?.['territoire']);
    },
  },
  '/objectifs/indicatifs': {
    cle: champ('criteres'),
    secours: champ('libelle'),
    nom: (item) => texte(objet(item)?.['libelle']),
  },
  '/signataires': {
    cle: champ('partie'),
    nom: (item, lang) => {
      const partie = texte(objet(item)?.['partie']);
      return lang === 'fr' ? `partie ${PARTIE[partie] ?? partie}` : `party ${partie}`;
    },
  },
  '/contreparties': {
    cle: champ('objet'),
    nom: (item) => texte(objet(item)?.['objet']),
  },
  '/conversion_stock/etat_des_lieux': {
    cle: champ('logement', 'rpls'),
    nom: (item) => {
      const o = objet(item);
      return texte(o?.['logement']) || texte(o?.['rpls']);
    },
  },
  '/conversion_stock/taux_rotation': {
    cle: champ('territoire', 'typologie'),
    nom: (item) => {
      const o = objet(item);
      return [texte(o?.['territoire']), texte(o?.['typologie'])].filter(Boolean).join(' ') || '*';
    },
  },
};
