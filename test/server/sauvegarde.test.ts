/**
 * `convflux db dump` / `convflux db restore` through the CLI process, on SQLite and PostgreSQL:
 * a round trip keeps every row of every table (bytes, event seq values with their gaps), across
 * dialects too; the sequences continue after the restored values; a non-empty database, a dump of
 * a newer schema and a truncated dump are refused with nothing written.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { fournisseurMigrations, migrations } from '../../src/server/db/migrations.js';
import type { Base } from '../../src/server/db/open-database.js';
import { migrationsAppliquees } from '../../src/server/db/tables.js';
import { cli, contenu, ouvrirBase } from './base-directe.js';
import { admin, BASES, demarrerServeur, membre, nouvelleBase, type NomBase } from './harness.js';

const OCTETS = Buffer.from([0, 255, 1, 128, 10, 13, 0x22, 0x5c]);

/** Rows the routes of this branch do not write yet, straight into the tables. */
async function remplir(base: Base): Promise<void> {
  const db = base.db;
  const quand = '2026-11-30T10:00:00.000Z';
  await db
    .insertInto('convention_version')
    .values({
      id: 'c-93/v1',
      convention_id: 'c-93',
      version: 1,
      departement: '93',
      bailleur: '552046484',
      reservataire: 'etat-93',
      statut: 'signee',
      yaml: 'id: c-93\nnom: « accentué » \\ "guillemets"\n',
      sha256: 'a'.repeat(64),
      cree_le: quand,
      cree_par: 'test',
      modifie_le: quand,
    })
    .execute();
  await db
    .insertInto('signature')
    .values({
      version_id: 'c-93/v1',
      partie: 'bailleur',
      signataire: 'X',
      signe_le: quand,
      methode: 'pdf_depose',
      pdf_sha256: null,
      enregistre_le: quand,
      enregistre_par: 'test',
    })
    .execute();
  for (const id of ['L1', 'L2', 'L3'])
    await db
      .insertInto('logement')
      .values({
        bailleur: '552046484',
        id,
        departement: '93',
        donnees: JSON.stringify({ logement: id, commune: '93001' }),
        import_id: null,
      })
      .execute();
  for (const id of ['e1', 'e2', 'e3', 'e4'])
    await db
      .insertInto('evenement')
      .values({
        bailleur: '552046484',
        id,
        date: '2026-01-02',
        type: 'liberation',
        logement: 'L1',
        donnees: JSON.stringify({ id, date: '2026-01-02', type: 'liberation', logement: 'L1' }),
        classement: 'valide',
        enregistre_le: quand,
        enregistre_par: 'test',
        import_id: 'i1',
      })
      .execute();
  await db.deleteFrom('evenement').where('id', '=', 'e2').execute();
  await db
    .insertInto('import')
    .values({
      id: 'i1',
      bailleur: '552046484',
      nature: 'evenements',
      format: 'csv',
      statut: 'termine',
      lignes: 4,
      acceptees: 4,
      rejets: '[]',
      cree_le: quand,
      cree_par: 'test',
    })
    .execute();
  await db
    .insertInto('document')
    .values({
      id: 'd1',
      organisation_id: 'bailleur:552046484',
      nature: 'bilan',
      nom: 'bilan.pdf',
      type_mime: 'application/pdf',
      sha256: 'b'.repeat(64),
      contenu: OCTETS,
      cree_le: quand,
      cree_par: 'test',
    })
    .execute();
}

async function lire(args: string[]): Promise<Record<string, string[]>> {
  const base = await ouvrirBase(args);
  try {
    return await contenu(base);
  } finally {
    await base.close();
  }
}

const autre = (b: NomBase): NomBase => (b === 'sqlite' ? 'postgres' : 'sqlite');

describe.each(BASES)('db dump / restore (%s)', (nom) => {
  let source: string[];
  let dump: string;
  let attendu: Record<string, string[]>;

  beforeAll(async () => {
    source = await nouvelleBase(nom);
    const s = await demarrerServeur(nom, source);
    try {
      const adm = await admin(s);
      await membre(s, adm, { type: 'bailleur', identifiant: '552046484' }, ['lire', 'saisir']);
    } finally {
      await s.stop();
    }
    const base = await ouvrirBase(source);
    await remplir(base);
    await base.close();
    attendu = await lire(source);
    dump = join(source[1] ?? '', 'sauvegarde.ndjson.gz');
    const r = await cli(['db', 'dump', '--out', dump, ...source]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 90_000);

  it('dumps every table, rows included', () => {
    for (const t of ['compte', 'membre', 'organisation', 'session', 'audit', 'evenement'])
      expect(attendu[t]?.length, t).toBeGreaterThan(0);
    const lignes = gunzipSync(readFileSync(dump)).toString().trim().split('\n');
    expect(JSON.parse(lignes[0] ?? '{}')).toMatchObject({
      format: 'convflux-dump',
      migrations: Object.keys(migrations(nom)).sort(),
      dialecte: nom,
    });
    expect(JSON.parse(lignes.at(-1) ?? '{}')).toMatchObject({
      fin: true,
      lignes: { evenement: 3 },
    });
  });

  it.each([nom, autre(nom)])(
    'restores into a new %s database, every table equal',
    async (cible) => {
      const args = await nouvelleBase(cible);
      const r = await cli(['db', 'restore', dump, ...args]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(await lire(args)).toEqual(attendu);
      // The sequences continue after the restored seq values (PostgreSQL: setval).
      const base = await ouvrirBase(args);
      try {
        const { seq } = await base.db
          .insertInto('evenement')
          .values({
            bailleur: '552046484',
            id: 'e5',
            date: '2026-01-03',
            type: 'liberation',
            logement: 'L2',
            donnees: '{}',
            classement: 'valide',
            enregistre_le: '2026-12-01T00:00:00.000Z',
            enregistre_par: 'test',
            import_id: null,
          })
          .returning('seq')
          .executeTakeFirstOrThrow();
        expect(seq).toBe(5);
      } finally {
        await base.close();
      }
      // A second restore into the same (now non-empty) database is refused, unless --force.
      const refus = await cli(['db', 'restore', dump, ...args]);
      expect(refus.code).toBe(2);
      expect(refus.stderr).toMatch(/n’est pas vide/);
      const force = await cli(['db', 'restore', dump, '--force', ...args]);
      expect(force.code).toBe(0);
      expect(await lire(args)).toEqual(attendu);
    },
  );

  it('restores a dump of the previous schema, then migrates it to the latest', async () => {
    const ancienne = await nouvelleBase(nom);
    const base = await ouvrirBase(ancienne, true);
    try {
      const m = new Migrator({ db: base.db, provider: fournisseurMigrations(nom) });
      expect((await m.migrateTo('0001-initial')).error).toBeUndefined();
      await remplir(base);
    } finally {
      await base.close();
    }
    const fichier = join(source[1] ?? '', 'ancienne.ndjson.gz');
    expect((await cli(['db', 'dump', '--out', fichier, ...ancienne])).code).toBe(0);
    const args = await nouvelleBase(nom);
    const r = await cli(['db', 'restore', fichier, ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const b = await ouvrirBase(args, true);
    try {
      expect(await migrationsAppliquees(b.db)).toEqual(Object.keys(migrations(nom)).sort());
      const seqs = await b.db.selectFrom('evenement').select('seq').orderBy('seq').execute();
      expect(seqs.map((e) => e.seq)).toEqual([1, 3, 4]);
    } finally {
      await b.close();
    }
  });

  it('refuses a dump of a newer schema and a truncated dump, writing nothing', async () => {
    const lignes = gunzipSync(readFileSync(dump)).toString().trim().split('\n');
    const entete = JSON.parse(lignes[0] ?? '{}') as { migrations: string[] };
    entete.migrations.push('9999-futur');
    const futur = join(source[1] ?? '', 'futur.ndjson.gz');
    writeFileSync(futur, gzipSync([JSON.stringify(entete), ...lignes.slice(1)].join('\n')));
    const tronque = join(source[1] ?? '', 'tronque.ndjson.gz');
    writeFileSync(tronque, gzipSync(lignes.slice(0, -1).join('\n')));
    const args = await nouvelleBase(nom);
    const r1 = await cli(['db', 'restore', futur, ...args]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/schéma plus récent.*9999-futur/);
    const r2 = await cli(['db', 'restore', tronque, '--lang', 'en', ...args]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/truncated dump/);
    // Cut inside its gzip stream, not gzip, a gzip of another text: zlib's and JSON.parse's
    // English (« unexpected end of file », « incorrect header check ») were printed as they were.
    const coupe = join(source[1] ?? '', 'coupe.ndjson.gz');
    const octets = readFileSync(dump);
    writeFileSync(coupe, octets.subarray(0, Math.floor(octets.length / 2)));
    const texte = join(source[1] ?? '', 'texte.ndjson.gz');
    writeFileSync(texte, 'pas un dump\n');
    const autre = join(source[1] ?? '', 'autre.ndjson.gz');
    writeFileSync(autre, gzipSync('pas du JSON\n'));
    for (const [f, attendu] of [
      [coupe, /^convflux : db : dump tronqué /],
      [texte, /^convflux : db : ce fichier n’est pas un dump de convflux /],
      [autre, /^convflux : db : ce fichier n’est pas un dump de convflux /],
    ] as const) {
      const r = await cli(['db', 'restore', f, ...args]);
      expect(r.code, f).toBe(2);
      expect(r.stderr, f).toMatch(attendu);
    }
    const vide = await lire(args);
    expect(Object.values(vide).flat()).toEqual([]);
  });
});

describe('db: usage', () => {
  it('says how to call it, and refuses to dump a folder without a database', async () => {
    const r = await cli(['db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/convflux db dump --out FICHIER \| convflux db restore FICHIER/);
    const vide = await cli([
      'db',
      'dump',
      '--out',
      'x.ndjson.gz',
      '--data',
      '/nonexistent/convflux',
    ]);
    expect(vide.code).toBe(2);
    expect(vide.stderr).toMatch(/aucune base ici/);
  });

  it('refuses a dump file that does not exist, and a folder to write into that does not, before opening any database', async () => {
    // A missing dump crashed the process (unhandled stream error, a stack trace, exit 1) after
    // creating an empty SQLite file; a missing folder printed Node's English ENOENT.
    const data = mkdtempSync(join(tmpdir(), 'convflux-db-'));
    const restore = await cli([
      'db',
      'restore',
      '/nonexistent/sauvegarde.ndjson.gz',
      '--data',
      data,
    ]);
    expect(restore.code).toBe(2);
    expect(restore.stderr).toMatch(
      /^convflux : db restore : fichier introuvable \(\/nonexistent\/sauvegarde\.ndjson\.gz\)/,
    );
    expect(readdirSync(data)).toEqual([]);
    const dump = await cli(['db', 'dump', '--out', '/nonexistent/x.ndjson.gz', '--lang', 'en']);
    expect(dump.code).toBe(2);
    expect(dump.stderr).toMatch(/^convflux: db dump: no such folder \(\/nonexistent\)/);
  });
});
