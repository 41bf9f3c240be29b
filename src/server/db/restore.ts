/**
 * `convflux db restore`: a dump (dump.ts) back into a database of either dialect. Refuses a dump
 * of a schema newer than this build's migrations, and a database that already holds rows (unless
 * `force`: then they are deleted in the same transaction). The target is first migrated to the
 * dump's schema, the rows inserted in ONE transaction (every table, auto-incremented keys such as
 * `evenement.seq` kept; on PostgreSQL the sequences are moved past them), then the schema is
 * brought to this build's latest migration. A truncated dump rolls everything back.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { fournisseurMigrations, migrations } from './migrations.js';
import { migrer, type Base } from './open-database.js';
import type { Database } from './schema.js';
import { FORMAT_DUMP, VERSION_DUMP, type EnteteDump, type EnteteTable } from './dump.js';
import { migrationsAppliquees, tablesDecrites, type TableDecrite } from './tables.js';

/** A restore this database or this dump does not allow (nothing was written). */
export class RestaurationRefusee extends Error {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {
    super(fr);
  }
}

type Ligne = Record<string, unknown>;
type Dynamique = Kysely<Record<string, Ligne>>;

function verifierEntete(entete: unknown, connues: string[]): EnteteDump {
  const e = entete as Partial<EnteteDump> | null;
  if (e?.format !== FORMAT_DUMP || !Array.isArray(e.migrations))
    throw new RestaurationRefusee(
      'ce fichier n’est pas un dump de convflux (en-tête absent)',
      'this file is not a convflux dump (no header)',
    );
  if (e.version !== VERSION_DUMP)
    throw new RestaurationRefusee(
      `format de dump ${String(e.version)} inconnu de cette version de convflux`,
      `dump format ${String(e.version)} is unknown to this version of convflux`,
    );
  const inconnues = e.migrations.filter((m) => !connues.includes(m));
  if (inconnues.length)
    throw new RestaurationRefusee(
      `le dump vient d’un schéma plus récent (migrations inconnues : ${inconnues.join(', ')}) : mettez convflux à jour`,
      `the dump comes from a newer schema (unknown migrations: ${inconnues.join(', ')}): upgrade convflux`,
    );
  return e as EnteteDump;
}

/** The target at the dump's schema level at least (never downgraded). */
async function preparerSchema(base: Base, dump: EnteteDump): Promise<void> {
  const appliquees = await migrationsAppliquees(base.db);
  const cible = dump.migrations.at(-1);
  if (cible === undefined || appliquees.includes(cible)) return;
  const migrator = new Migrator({ db: base.db, provider: fournisseurMigrations(base.dialecte) });
  const { error } = await migrator.migrateTo(cible);
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
}

async function tablesNonVides(db: Kysely<Database>, tables: TableDecrite[]): Promise<string[]> {
  const pleines: string[] = [];
  for (const t of tables) {
    const { rows } = await sql<{
      un: number;
    }>`select 1 as un from ${sql.table(t.nom)} limit 1`.execute(db);
    if (rows.length) pleines.push(t.nom);
  }
  return pleines;
}

interface Courante {
  entete: EnteteTable;
  cible: TableDecrite;
  lot: Ligne[];
  lignes: number;
}

function ouvrirTable(value: unknown, tables: TableDecrite[]): Courante {
  const entete = value as EnteteTable;
  const cible = tables.find((t) => t.nom === entete.table);
  const absente = entete.colonnes.find((c) => !cible?.colonnes.some((d) => d.nom === c.nom));
  if (!cible || absente)
    throw new RestaurationRefusee(
      `le dump a une table ou une colonne que cette base n’a pas : ${entete.table}${absente ? `.${absente.nom}` : ''}`,
      `the dump has a table or column this database lacks: ${entete.table}${absente ? `.${absente.nom}` : ''}`,
    );
  return { entete, cible, lot: [], lignes: 0 };
}

function decoder(c: Courante, valeurs: unknown[]): Ligne {
  const row: Ligne = {};
  c.entete.colonnes.forEach((col, i) => {
    const v = valeurs[i] ?? null;
    row[col.nom] = col.type === 'octets' && typeof v === 'string' ? Buffer.from(v, 'base64') : v;
  });
  return row;
}

async function vider(trx: Transaction<Database>, c: Courante | undefined): Promise<void> {
  if (!c?.lot.length) return;
  await (trx as unknown as Dynamique).insertInto(c.entete.table).values(c.lot).execute();
  c.lot = [];
}

/** PostgreSQL: each serial's sequence continues after the largest restored value. */
async function avancerSequences(trx: Transaction<Database>, tables: TableDecrite[]): Promise<void> {
  for (const t of tables)
    for (const c of t.colonnes.filter((col) => col.auto))
      await sql`select setval(pg_get_serial_sequence(${t.nom}, ${c.nom}), coalesce(max(${sql.ref(c.nom)}), 0) + 1, false) from ${sql.table(t.nom)}`.execute(
        trx,
      );
}

/**
 * A file that is not a whole dump, as zlib or JSON.parse finds it (their messages are English and
 * name no file): cut inside its gzip stream, not gzip, or a line that is not JSON.
 */
function refusDuFichier(e: unknown): unknown {
  const code = e instanceof Error && 'code' in e ? e.code : undefined;
  if (code === 'Z_BUF_ERROR') return tronque();
  if (code === 'Z_DATA_ERROR' || e instanceof SyntaxError)
    return new RestaurationRefusee(
      'ce fichier n’est pas un dump de convflux (pas un fichier gzip de lignes JSON) : rien n’a été restauré',
      'this file is not a convflux dump (not a gzip file of JSON lines): nothing was restored',
    );
  return e;
}

function tronque(): RestaurationRefusee {
  return new RestaurationRefusee(
    'dump tronqué (pas de ligne de fin, ou un nombre de lignes qui ne correspond pas) : rien n’a été restauré',
    'truncated dump (no end line, or row counts that do not match): nothing was restored',
  );
}

async function inserer(
  trx: Transaction<Database>,
  base: Base,
  lignes: AsyncIterator<string>,
  tables: TableDecrite[],
  force: boolean,
): Promise<Record<string, number>> {
  if (base.dialecte === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
  if (force)
    for (const t of [...tables].reverse())
      await (trx as unknown as Dynamique).deleteFrom(t.nom).execute();
  const comptes: Record<string, number> = {};
  let c: Courante | undefined;
  for (let r = await lignes.next(); !r.done; r = await lignes.next()) {
    if (!r.value) continue;
    const value: unknown = JSON.parse(r.value);
    if (Array.isArray(value)) {
      if (!c) throw tronque();
      c.lot.push(decoder(c, value));
      c.lignes++;
      if (c.lot.length * c.entete.colonnes.length >= 20_000 || c.lot.length >= 500)
        await vider(trx, c);
      continue;
    }
    await vider(trx, c);
    const v = value as { table?: string; fin?: boolean; lignes?: Record<string, number> };
    if (v.fin === true) {
      if (c) comptes[c.entete.table] = c.lignes;
      for (const [t, n] of Object.entries(v.lignes ?? {})) if (comptes[t] !== n) throw tronque();
      if (base.dialecte === 'postgres') await avancerSequences(trx, tables);
      return comptes;
    }
    if (c) comptes[c.entete.table] = c.lignes;
    c = ouvrirTable(value, tables);
  }
  throw tronque();
}

/** Restores `fichier` into `base` (opened without migrating); returns each table's row count. */
export async function restaurer(
  base: Base,
  fichier: string,
  options: { force?: boolean } = {},
): Promise<Record<string, number>> {
  const rl = createInterface({
    input: createReadStream(fichier).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const lignes = rl[Symbol.asyncIterator]();
  try {
    const premiere = await lignes.next();
    const entete = verifierEntete(
      premiere.done ? null : JSON.parse(premiere.value),
      Object.keys(migrations(base.dialecte)),
    );
    await preparerSchema(base, entete);
    const tables = await tablesDecrites(base.db, base.dialecte);
    const pleines = await tablesNonVides(base.db, tables);
    if (pleines.length && options.force !== true)
      throw new RestaurationRefusee(
        `la base n’est pas vide (tables ${pleines.join(', ')}) : restaurez dans une base neuve, ou --force pour remplacer son contenu`,
        `the database is not empty (tables ${pleines.join(', ')}): restore into a new database, or --force to replace its content`,
      );
    const comptes = await base.db
      .transaction()
      .execute((trx) => inserer(trx, base, lignes, tables, options.force === true));
    await migrer(base);
    return comptes;
  } catch (e) {
    throw refusDuFichier(e);
  } finally {
    rl.close();
  }
}
