/**
 * The rows an import writes are the same on PostgreSQL (one COPY in its text format) as on SQLite
 * (multi-row INSERTs with bound parameters): values that COPY must escape (backslash, tab,
 * newline, carriage return, a literal `\N`) and others (quotes, accents, an emoji) come back
 * byte for byte; a parc imported again replaces its rows (COPY through a temp table) the same way;
 * events keep the file's order in `seq`. Read straight from each database after imports through
 * the real `convflux serve`.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ouvrirBase } from './base-directe.js';
import { importer, monde, SIREN, type Monde } from './flux-outils.js';
import { BASES, type NomBase } from './harness.js';

/** Flat ids (free text up to 64 characters) that COPY's text format has to escape, and others. */
const IDS = [
  'A\\B',
  'tab\tici',
  'ligne\nsuivante',
  'retour\rchariot',
  '\\N',
  '\\.',
  'fin\\',
  'guillemets "q" é 🏠',
  'simple',
];

const flat = (id: string, programme: string) =>
  JSON.stringify({
    logement: id,
    bailleur: SIREN,
    departement: '93',
    commune: '93066',
    epci: '200057867',
    qpv: false,
    typologie: 'T3',
    financement: 'PLUS',
    annee_construction: 1990,
    programme,
  });

const ndjson = (lignes: string[]) => `${lignes.join('\n')}\n`;

interface Lu {
  logements: string[];
  evenements: string[];
}

/** The import's rows as stored, ids of imports replaced by their rank (they differ by run). */
async function lire(m: Monde): Promise<Lu> {
  const base = await ouvrirBase(m.s.args);
  try {
    const imports = (
      await sql<{ id: string }>`select id from import order by cree_le, id`.execute(base.db)
    ).rows.map((r) => r.id);
    const rang = (id: string | null) => (id === null ? null : imports.indexOf(id));
    const logements = await base.db
      .selectFrom('logement')
      .select(['bailleur', 'id', 'departement', 'donnees', 'import_id'])
      .orderBy('id')
      .execute();
    const evenements = await base.db
      .selectFrom('evenement')
      .select(['bailleur', 'id', 'date', 'type', 'logement', 'donnees', 'classement'])
      .select(['enregistre_par', 'import_id'])
      .orderBy('seq')
      .execute();
    return {
      logements: logements.map((l) => JSON.stringify({ ...l, import_id: rang(l.import_id) })),
      evenements: evenements.map((e) =>
        JSON.stringify({
          ...e,
          // The member's account differs by run: only that it is the same on every row.
          enregistre_par: e.enregistre_par === evenements[0]?.enregistre_par,
          import_id: rang(e.import_id),
        }),
      ),
    };
  } finally {
    await base.close();
  }
}

describe('imports: the same rows on SQLite and PostgreSQL', () => {
  const mondes = new Map<NomBase, Monde>();
  beforeAll(async () => {
    for (const b of BASES) mondes.set(b, await monde(b));
  }, 180_000);
  afterAll(async () => {
    for (const m of mondes.values()) await m.s.stop();
  });

  it('writes values COPY must escape byte for byte, replaces a parc, keeps the events’ order', async () => {
    const lus = new Map<NomBase, Lu[]>();
    for (const [b, m] of mondes) {
      const etapes: Lu[] = [];
      const parc = await importer(
        m.saisie,
        'nature=parc&format=ndjson',
        ndjson(IDS.map((id) => flat(id, 'prog\t\\ 1'))),
        'application/x-ndjson',
      );
      expect(parc.body, b).toMatchObject({ statut: 'termine', acceptees: IDS.length });
      etapes.push(await lire(m));
      // Again with another programme: every flat's row replaced.
      const encore = await importer(
        m.saisie,
        'nature=parc&format=ndjson',
        ndjson(IDS.map((id) => flat(id, 'prog\n2'))),
        'application/x-ndjson',
      );
      expect(encore.body, b).toMatchObject({ statut: 'termine', acceptees: IDS.length });
      const ev = await importer(
        m.saisie,
        'nature=evenements&format=ndjson',
        ndjson(
          [...IDS].reverse().map((id, n) =>
            JSON.stringify({
              id: `E\\${String(n)}\t${id}`,
              date: `2025-07-${String(n + 10)}`,
              type: 'liberation',
              logement: id,
            }),
          ),
        ),
        'application/x-ndjson',
      );
      expect(ev.body, b).toMatchObject({ statut: 'termine', acceptees: IDS.length });
      const fin = await lire(m);
      etapes.push(fin);
      expect(fin.logements, b).toHaveLength(IDS.length);
      const programmes = fin.logements.map((l) => {
        const { donnees } = JSON.parse(l) as { donnees: string };
        return (JSON.parse(donnees) as { programme: string }).programme;
      });
      expect(new Set(programmes), b).toEqual(new Set(['prog\n2']));
      expect(
        fin.evenements.map((e) => (JSON.parse(e) as { logement: string }).logement),
        b,
      ).toEqual([...IDS].reverse());
      lus.set(b, etapes);
    }
    expect(lus.get('postgres')).toEqual(lus.get('sqlite'));
  }, 120_000);

  it('refuses an id holding a NUL (PostgreSQL cannot store it) as a row, with its line, on both', async () => {
    for (const [b, m] of mondes) {
      const parc = await importer(
        m.saisie,
        'nature=parc&format=ndjson',
        ndjson([flat('nul-ok', 'p'), flat('nul\u0000id', 'p')]),
        'application/x-ndjson',
      );
      expect(parc.status, b).toBe(422);
      expect(parc.body.statut, b).toBe('rejete');
      expect(
        parc.body.rejets.map((r) => [r.code, r.line]),
        b,
      ).toEqual([['LIGNE_CHAMP_INVALIDE', 2]]);
      expect(parc.body.rejets[0]?.message, b).toContain('sans caractère nul');
      // A raw NUL byte makes a CSV a binary file (TABLE_FICHIER_BINAIRE); JSON writes it \u0000.
      const ev = await importer(
        m.saisie,
        'nature=evenements&format=ndjson',
        ndjson([
          JSON.stringify({
            id: 'E-nul\u0000',
            date: '2025-07-01',
            type: 'liberation',
            logement: 'nul-ok',
          }),
        ]),
        'application/x-ndjson',
      );
      expect(ev.status, b).toBe(422);
      expect(
        ev.body.rejets.map((r) => [r.code, r.line]),
        b,
      ).toEqual([['LIGNE_CHAMP_INVALIDE', 1]]);
    }
  }, 120_000);
});
