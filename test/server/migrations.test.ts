/**
 * The schema's migrations through the real `convflux serve` process, on SQLite and PostgreSQL:
 * from an empty database every migration applies; from the previous schema (0001 with rows in
 * it) the server brings the database to the latest schema and the rows survive (an import of
 * then is answered with no remarques); the import's `remarques` column is there from empty; two servers
 * starting at once on the same new PostgreSQL database both come up (the migrator's lock).
 */
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fournisseurMigrations, migrations } from '../../src/server/db/migrations.js';
import type { Base } from '../../src/server/db/open-database.js';
import { migrationsAppliquees } from '../../src/server/db/tables.js';
import { ouvrirBase } from './base-directe.js';
import { admin, BASES, demarrerServeur, nouvelleBase } from './harness.js';

const INDEX_0002 = [
  'audit_quand',
  'convention_version_bailleur_departement',
  'evenement_bailleur_enregistre',
  'logement_bailleur_departement',
];

async function index(base: Base): Promise<string[]> {
  const q =
    base.dialecte === 'sqlite'
      ? sql<{ nom: string }>`select name as nom from sqlite_master where type = 'index'`
      : sql<{
          nom: string;
        }>`select indexname as nom from pg_indexes where schemaname = current_schema()`;
  return (await q.execute(base.db)).rows.map((r) => r.nom);
}

async function etat(args: string[]): Promise<{ migrations: string[]; index: string[] }> {
  const base = await ouvrirBase(args, true);
  try {
    return { migrations: await migrationsAppliquees(base.db), index: await index(base) };
  } finally {
    await base.close();
  }
}

describe.each(BASES)('migrations (%s)', (nom) => {
  it('applies every migration to an empty database', async () => {
    const args = await nouvelleBase(nom);
    const s = await demarrerServeur(nom, args);
    await s.stop();
    const e = await etat(args);
    expect(e.migrations).toEqual(Object.keys(migrations(nom)).sort());
    expect(e.index).toEqual(expect.arrayContaining(INDEX_0002));
    const b = await ouvrirBase(args, true);
    try {
      const q =
        nom === 'sqlite'
          ? sql<{ nom: string }>`select name as nom from pragma_table_info('import')`
          : sql<{ nom: string }>`select column_name as nom from information_schema.columns
              where table_schema = current_schema() and table_name = 'import'`;
      expect((await q.execute(b.db)).rows.map((r) => r.nom)).toContain('remarques');
    } finally {
      await b.close();
    }
  });

  it('brings a database of the previous schema, rows in it, to the latest', async () => {
    const args = await nouvelleBase(nom);
    const base = await ouvrirBase(args, true);
    try {
      const migrator = new Migrator({ db: base.db, provider: fournisseurMigrations(nom) });
      const r = await migrator.migrateTo('0001-initial');
      expect(r.error).toBeUndefined();
      for (const [i, id] of ['L1', 'L2'].entries()) {
        await base.db
          .insertInto('logement')
          .values({ bailleur: '552046484', id, departement: '93', donnees: '{}', import_id: null })
          .execute();
        await base.db
          .insertInto('evenement')
          .values({
            bailleur: '552046484',
            id: `e${String(i)}`,
            date: '2026-01-02',
            type: 'liberation',
            logement: id,
            donnees: '{}',
            classement: 'valide',
            enregistre_le: '2026-01-02T00:00:00.000Z',
            enregistre_par: 'test',
            import_id: null,
          })
          .execute();
      }
      // An import of the first schema: no remarques were kept then (0008 adds them, empty).
      await base.db
        .insertInto('import')
        .values({
          id: 'i0',
          bailleur: '552046484',
          nature: 'parc',
          format: 'csv',
          statut: 'termine',
          lignes: 2,
          acceptees: 2,
          rejets: '[]',
          cree_le: '2026-01-02T00:00:00.000Z',
          cree_par: 'test',
        })
        .execute();
      await base.db
        .insertInto('audit')
        .values({
          quand: '2026-01-02T00:00:00.000Z',
          qui: 't',
          action: 'a',
          objet: 'o',
          details: '{}',
        })
        .execute();
    } finally {
      await base.close();
    }
    const avant = await etat(args);
    expect(avant.migrations).toEqual(['0001-initial']);
    expect(avant.index).not.toContain('logement_bailleur_departement');
    const s = await demarrerServeur(nom, args);
    try {
      // The import made before 0008 is answered with no remarques, not a missing field.
      const i = await (await admin(s)).get<Record<string, unknown>>('/api/imports/i0');
      expect(i.status).toBe(200);
      expect(i.body).toMatchObject({ id: 'i0', statut: 'termine', rejets: [], remarques: [] });
    } finally {
      await s.stop();
    }
    const apres = await etat(args);
    expect(apres.migrations).toEqual(Object.keys(migrations(nom)).sort());
    expect(apres.index).toEqual(expect.arrayContaining(INDEX_0002));
    const b = await ouvrirBase(args, true);
    try {
      const seqs = await b.db
        .selectFrom('evenement')
        .select(['seq', 'logement'])
        .orderBy('seq')
        .execute();
      expect(seqs).toEqual([
        { seq: 1, logement: 'L1' },
        { seq: 2, logement: 'L2' },
      ]);
      expect(await b.db.selectFrom('logement').select('id').orderBy('id').execute()).toEqual([
        { id: 'L1' },
        { id: 'L2' },
      ]);
      expect(
        await b.db.selectFrom('audit').select(['qui', 'action']).where('qui', '=', 't').execute(),
      ).toEqual([{ qui: 't', action: 'a' }]);
    } finally {
      await b.close();
    }
  });
});

describe('migration lock (postgres)', () => {
  it('lets two servers start at once on the same new database', async () => {
    const args = await nouvelleBase('postgres');
    const [a, b] = await Promise.all([
      demarrerServeur('postgres', args),
      demarrerServeur('postgres', args),
    ]);
    await Promise.all([a.stop(), b.stop()]);
    // One first administrator between them, every migration applied once.
    expect([a.motDePasseAdmin, b.motDePasseAdmin].filter(Boolean).length).toBe(1);
    const e = await etat(args);
    expect(e.migrations).toEqual(Object.keys(migrations('postgres')).sort());
  });
});
