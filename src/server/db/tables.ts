/**
 * The service's tables as the database itself describes them (not as this build's schema.ts
 * believes), in an order where every table comes after the tables its foreign keys point to:
 * what `convflux db dump` writes and `convflux db restore` inserts, on either dialect.
 */
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import type { Dialecte } from './dialect.js';
import type { Database } from './schema.js';

export interface ColonneDecrite {
  nom: string;
  /** `octets` (blob / bytea: base64 in a dump) or `valeur` (text, integer, null). */
  type: 'octets' | 'valeur';
  /** An auto-incremented key (`seq`, `id` serial): its sequence is reset after a restore. */
  auto: boolean;
}

export interface TableDecrite {
  nom: string;
  colonnes: ColonneDecrite[];
}

const INTERNES = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);

/** Child → parents, from the foreign keys the database declares. */
async function dependances(
  db: Kysely<Database>,
  dialecte: Dialecte,
  tables: string[],
): Promise<Map<string, string[]>> {
  const deps = new Map<string, string[]>(tables.map((t) => [t, []]));
  if (dialecte === 'postgres') {
    const { rows } = await sql<{ enfant: string; parent: string }>`
      select tc.table_name as enfant, ccu.table_name as parent
      from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu
        on tc.constraint_name = ccu.constraint_name and tc.table_schema = ccu.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()`.execute(db);
    for (const r of rows) deps.get(r.enfant)?.push(r.parent);
    return deps;
  }
  for (const t of tables) {
    const { rows } = await sql<{
      parent: string;
    }>`select "table" as parent from pragma_foreign_key_list(${t})`.execute(db);
    deps.set(
      t,
      rows.map((r) => r.parent),
    );
  }
  return deps;
}

/** Parents first (tables sorted by name within a level, so the order is stable). */
function ordonner(deps: Map<string, string[]>): string[] {
  const faites: string[] = [];
  const restantes = new Set([...deps.keys()].sort());
  while (restantes.size) {
    const pretes = [...restantes].filter((t) =>
      (deps.get(t) ?? []).every((p) => p === t || !restantes.has(p)),
    );
    // A cycle cannot come from our migrations; take the rest as it is rather than loop forever.
    const lot = pretes.length ? pretes : [...restantes];
    for (const t of lot) {
      faites.push(t);
      restantes.delete(t);
    }
  }
  return faites;
}

/** Every table of the service (the migrator's own excepted), parents before children. */
export async function tablesDecrites(
  db: Kysely<Database>,
  dialecte: Dialecte,
): Promise<TableDecrite[]> {
  const meta = (await db.introspection.getTables()).filter(
    (t) => !INTERNES.has(t.name) && !t.isView,
  );
  const ordre = ordonner(
    await dependances(
      db,
      dialecte,
      meta.map((t) => t.name),
    ),
  );
  return ordre.flatMap((nom) => {
    const t = meta.find((m) => m.name === nom);
    if (!t) return [];
    const colonnes = t.columns.map((c): ColonneDecrite => ({
      nom: c.name,
      type: /^(blob|bytea)$/i.test(c.dataType) ? 'octets' : 'valeur',
      auto: c.isAutoIncrementing,
    }));
    return [{ nom, colonnes }];
  });
}

/** The migrations applied to this database, in order (empty for a new database). */
export async function migrationsAppliquees(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE)) return [];
  const { rows } = await sql<{
    name: string;
  }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name`.execute(db);
  return rows.map((r) => r.name);
}
