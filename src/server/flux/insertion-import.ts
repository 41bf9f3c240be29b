/**
 * An import's multi-row INSERT, its text built once per shape (table, row count, conflict
 * clause) and run with the rows' values as bound parameters: no query builder node per value
 * (the rows of an import are many, their columns few and fixed).
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Base } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import type { Tuple } from './etape-import.js';

export interface Insertion {
  table: 'logement' | 'evenement';
  colonnes: readonly string[];
  /** On a conflict on these columns, the row's other columns replace the earlier row's. */
  remplacer?: readonly string[];
}

const textes = new Map<string, string>();

const q = (nom: string) => `"${nom}"`;

function texte(dialecte: Base['dialecte'], i: Insertion, lignes: number): string {
  const cle = `${dialecte}|${i.table}|${i.colonnes.join(',')}|${i.remplacer?.join(',') ?? ''}|${String(lignes)}`;
  const vu = textes.get(cle);
  if (vu !== undefined) return vu;
  const n = i.colonnes.length;
  const valeurs: string[] = [];
  for (let r = 0; r < lignes; r++) {
    const p: string[] = [];
    for (let c = 1; c <= n; c++) p.push(dialecte === 'postgres' ? `$${String(r * n + c)}` : '?');
    valeurs.push(`(${p.join(',')})`);
  }
  let s = `insert into ${q(i.table)} (${i.colonnes.map(q).join(',')}) values ${valeurs.join(',')}`;
  if (i.remplacer) {
    const autres = i.colonnes.filter((c) => !i.remplacer?.includes(c));
    s += ` on conflict (${i.remplacer.map(q).join(',')}) do update set ${autres
      .map((c) => `${q(c)} = excluded.${q(c)}`)
      .join(', ')}`;
  }
  // Two shapes per import at most (full lots and the last one): a small cache.
  if (textes.size > 64) textes.clear();
  textes.set(cle, s);
  return s;
}

/**
 * Inserts the rows in one statement: each row is `avant`, its tuple, then `apres` (the values
 * every row shares), in `colonnes`' order.
 */
export async function insererLignes(
  tx: Kysely<Database>,
  dialecte: Base['dialecte'],
  i: Insertion,
  lignes: readonly Tuple[],
  avant: Tuple = [],
  apres: Tuple = [],
): Promise<void> {
  if (!lignes.length) return;
  const parametres: (string | number | null)[] = [];
  for (const l of lignes) {
    for (const v of avant) parametres.push(v);
    for (const v of l) parametres.push(v);
    for (const v of apres) parametres.push(v);
  }
  await tx.executeQuery(CompiledQuery.raw(texte(dialecte, i, lignes.length), parametres));
}
