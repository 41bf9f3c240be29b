/**
 * One `--set ID:cle.sous_cle=valeur` override, read (OpenFisca's reforms are the model): the
 * convention (its id, or its réservataire's id), the path of the key, and the value read as a
 * YAML scalar (`0.25` a number, `15 jours` a text, `true` a boolean, `"93048"` a text).
 */
import { parse } from 'yaml';

export interface Surcharge {
  /** The option as given (`--set etat-93:flux.part=0.25`): what diagnostics name. */
  option: string;
  /** Convention id or réservataire id, as given. */
  cible: string;
  /** Keys from the convention's root; a list item by its index (`objectifs.contractuels.0.part`). */
  chemin: string[];
  valeur: unknown;
}

const FORME = /^([A-Za-z0-9][A-Za-z0-9_-]*):([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)=(.*)$/s;

/** The override, or undefined when the text has not the form ID:cle.sous_cle=valeur. */
export function lireSurcharge(texte: string): Surcharge | undefined {
  const m = FORME.exec(texte.trim());
  if (!m) return undefined;
  const [, cible = '', cle = '', brut = ''] = m;
  let valeur: unknown;
  try {
    valeur = brut.trim() === '' ? null : (parse(brut) as unknown);
  } catch {
    return undefined;
  }
  return { option: `--set ${texte}`, cible, chemin: cle.split('.'), valeur };
}

/** The JSON pointer of an override's key (`/flux/part`). */
export const pointeurDe = (s: Surcharge): string => s.chemin.map((k) => `/${k}`).join('');

/** Keys a draft cannot override: convflux sets them (date_effet comes from --date-effet). */
export const CLES_PROTEGEES = new Set(['id', 'version', 'statut', 'empreinte', 'date_effet']);

/**
 * Writes the value into a copy of the data, creating the mappings on the way. Returns the value
 * that was there (undefined when none).
 */
export function ecrire(
  data: Record<string, unknown>,
  chemin: readonly string[],
  valeur: unknown,
): unknown {
  let node: unknown = data;
  for (const [i, cle] of chemin.entries()) {
    const last = i === chemin.length - 1;
    const container = node as Record<string, unknown> | unknown[];
    const key: string | number = Array.isArray(container) && /^\d+$/.test(cle) ? Number(cle) : cle;
    const here = (container as Record<string | number, unknown>)[key];
    if (last) {
      (container as Record<string | number, unknown>)[key] = valeur;
      return here;
    }
    if (here === null || typeof here !== 'object') {
      const created: Record<string, unknown> = {};
      (container as Record<string | number, unknown>)[key] = created;
      node = created;
    } else node = here;
  }
  return undefined;
}

/**
 * The first list on the path whose index is not a number or lies beyond its end (the length
 * itself appends an item): where, and how long the list is.
 */
export function horsListe(
  data: unknown,
  chemin: readonly string[],
): { liste: string; indice: string; longueur: number } | undefined {
  let node = data;
  for (const [i, cle] of chemin.entries()) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(cle) || Number(cle) > node.length)
        return { liste: chemin.slice(0, i).join('.'), indice: cle, longueur: node.length };
      node = node[Number(cle)] as unknown;
    } else if (node !== null && typeof node === 'object') {
      node = (node as Record<string, unknown>)[cle];
    } else return undefined;
  }
  return undefined;
}
