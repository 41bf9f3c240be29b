/**
 * An import's writing. SQLite: multi-row INSERTs, their text built once per shape (table, row
 * count, conflict clause) and run with the rows' values as bound parameters: no query builder node
 * per value (the rows of an import are many, their columns few and fixed). PostgreSQL: one
 * `COPY … FROM STDIN` of every row in COPY's text format, on the transaction's connection — no
 * statement of thousands of parameters to bind, send and parse (measured: docs/benchmarks.md,
 * « Imports: PostgreSQL's COPY »); a parc that replaces earlier rows is copied into a temp table
 * dropped at the commit, then inserted from it with the same conflict clause.
 */
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { copier } from '../db/instructions-postgres.js';
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

/** A value in COPY's text format: `\N` for null; backslash, newline, return and tab escaped. */
const A_ECHAPPER = /[\\\n\r\t]/;
const ECHAPPEMENTS = /[\\\n\r\t]/g;
const ECHAPPE: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function champCopie(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return A_ECHAPPER.test(v) ? v.replace(ECHAPPEMENTS, (c) => ECHAPPE[c] ?? c) : v;
}

/** The rows in COPY's text format, one chunk a lot: `avant`, the tuple, `apres`, tab-separated. */
function* texteCopie(
  lots: Iterable<readonly Tuple[]>,
  avant: Tuple,
  apres: Tuple,
): Generator<string> {
  const debut = avant.map((v) => `${champCopie(v)}\t`).join('');
  const fin = apres.map((v) => `\t${champCopie(v)}`).join('');
  for (const lot of lots) {
    let s = '';
    for (const l of lot) {
      s += debut;
      for (let k = 0; k < l.length; k++)
        s += k ? `\t${champCopie(l[k] ?? null)}` : champCopie(l[k] ?? null);
      s += `${fin}\n`;
    }
    yield s;
  }
}

/** The temp table a replacing parc is copied into (dropped at the commit or the rollback). */
const TEMPORAIRE = 'convflux_import_lignes';

/**
 * Writes every lot, in order, within `tx`: on PostgreSQL one COPY (through a temp table when
 * the rows replace earlier ones), on SQLite one INSERT a lot.
 */
export async function ecrireLignes(
  tx: Kysely<Database>,
  dialecte: Base['dialecte'],
  i: Insertion,
  lots: Iterable<readonly Tuple[]>,
  avant: Tuple = [],
  apres: Tuple = [],
): Promise<void> {
  if (dialecte === 'sqlite') {
    for (const lot of lots) await insererLignes(tx, dialecte, i, lot, avant, apres);
    return;
  }
  const colonnes = i.colonnes.map(q).join(',');
  const cible = i.remplacer ? TEMPORAIRE : i.table;
  if (i.remplacer)
    await sql
      .raw(`create temp table ${q(TEMPORAIRE)} (like ${q(i.table)}) on commit drop`)
      .execute(tx);
  const copie = `copy ${q(cible)} (${colonnes}) from stdin`;
  copier(copie);
  await tx.executeQuery(CompiledQuery.raw(copie, [texteCopie(lots, avant, apres)]));
  if (!i.remplacer) return;
  const autres = i.colonnes.filter((c) => !i.remplacer?.includes(c));
  await sql
    .raw(
      `insert into ${q(i.table)} (${colonnes}) select ${colonnes} from ${q(TEMPORAIRE)}` +
        ` on conflict (${i.remplacer.map(q).join(',')}) do update set ${autres
          .map((c) => `${q(c)} = excluded.${q(c)}`)
          .join(', ')}`,
    )
    .execute(tx);
}
