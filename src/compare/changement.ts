/**
 * One difference between two versions (or two conventions) of the convention format, key by key:
 * the one comparison that both `convflux diff` and the avenant read (src/compare/).
 */
import type { JsonValue } from '../convention/defauts.js';

/**
 * - `ajoute`, `supprime`, `modifie`: a change in effect;
 * - `defaut_explicite`: the key is absent from the old version and written in the new one with
 *   the value its default already gave (the text may say it, the convention means the same);
 * - `defaut_implicite`: the reverse, a written key removed whose default is the same value.
 */
export type NatureChangement =
  'ajoute' | 'supprime' | 'modifie' | 'defaut_explicite' | 'defaut_implicite';

export interface Changement {
  /** JSON pointer in the new version (in the old one for a removal). */
  pointeur: string;
  nature: NatureChangement;
  /** Absent: the key is not in the old version (and has no default). */
  ancien?: JsonValue;
  nouveau?: JsonValue;
  /** The old value is not written: it is the default of the format (src/convention/defauts.ts). */
  ancien_par_defaut?: boolean;
  /** The new value is not written: it is the default of the format. */
  nouveau_par_defaut?: boolean;
  /** What changes, in words (« Part du flux »), from the labels or the schema's descriptions. */
  libelle: string;
  /** For an item of a list with an identity: the item (« Montreuil », « partie bailleur »). */
  element?: string;
  /** The date the change takes effect: the new version's date d'effet (AAAA-MM-JJ). */
  date_effet: string;
  /**
   * The articles and annexes of the printed convention that state this key (partials of
   * templates/convention/: "articles/flux", "annexes/objectifs"); empty when no article prints it.
   */
  parties: string[];
  /** Their printed numbers ("article 6", "annexe 1"), when the files could be laid out. */
  articles?: string[];
}

/** Whether a change alters what the convention means (not a default made explicit). */
export const enEffet = (c: Changement): boolean =>
  c.nature === 'ajoute' || c.nature === 'supprime' || c.nature === 'modifie';

export interface Comparaison {
  ancienne: { id: string; version: number; date_effet: string; statut: string };
  nouvelle: { id: string; version: number; date_effet: string; statut: string };
  /** The two files are not versions of one convention (different id). */
  memeConvention: boolean;
  changements: Changement[];
}
