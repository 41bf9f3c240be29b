/**
 * The hand-written checks of parc and events rows read from their cells (cellules-logement.ts,
 * cellules-evenement.ts) against the ajv path (parseLogement, parseEvenement) on generated rows,
 * valid and corrupted, written to real CSV files: a row passes the fast check exactly when the
 * ajv path accepts it, with the same values. And lirePartie reads a corrupted parc the same way
 * through the fast check as through the slow path (its in-process callers' path).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseOptions, lirePartie } from '../../src/engine/evaluate.js';
import { CHAMPS_EVENEMENT, LecteurEvenement } from '../../src/input/cellules-evenement.js';
import { CHAMPS_LOGEMENT, LecteurLogement } from '../../src/input/cellules-logement.js';
import { EVENEMENT_COLUMNS, parseEvenement } from '../../src/input/parse-evenement.js';
import { LOGEMENT_COLUMNS, parseLogement } from '../../src/input/parse-logement.js';
import { readTableCells } from '../../src/input/read-table.js';
import { schemaValidator } from '../../src/schema/load-schemas.js';

let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-cellules-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function ecrire(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const path = join(dir, `t${String(n++)}.csv`);
  writeFileSync(path, [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
  return path;
}

/** A value from the good ones, or now and then a corrupted one (near miss, junk, empty). */
const valeur = (bonnes: readonly string[], rare = 0.04): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: Math.round((1 - rare) * 100), arbitrary: fc.constantFrom(...bonnes) },
    {
      weight: Math.round(rare * 100),
      arbitrary: fc.oneof(
        fc.constantFrom('', ' ', 'x', '0', '2A', '1799', '2101', 'T7', 'oui ', 'é', '-1'),
        fc.constantFrom(...bonnes).map((b) => ` ${b}`),
        fc.constantFrom(...bonnes).map((b) => b.slice(1)),
        fc.constantFrom(...bonnes).map((b) => b.toUpperCase()),
        // A control character: a NUL is refused in ids (PostgreSQL cannot store it), the others not.
        fc
          .tuple(fc.constantFrom(...bonnes), fc.constantFrom('\u0000', '\u0001', '\t', '\u007f'))
          .map(([b, c]) => `${b}${c}x`),
        fc.string({ maxLength: 70 }),
      ),
    },
  );

const LOGEMENT = {
  logement: ['93-1', '93-552046484-00001', 'a'.repeat(64), 'é', '93-2', '93-3'],
  bailleur: ['552046484', '552046484', '552046485'],
  departement: ['93', '93', '93', '2A'],
  commune: ['93066', '93066', '93048', '75056'],
  epci: ['', '200057867', '200057867', '200054781'],
  qpv: ['true', 'false', 'oui', 'Non', 'VRAI', '1', '0'],
  typologie: ['T1', 'T3', 'T6'],
  financement: ['PLAI', 'PLUS', 'PLS', 'PLI'],
  annee_construction: ['1800', '1970', '1970', '2100', '02000', '1799', '2101'],
  hors_flux: ['', '', 'defense', 'sante'],
  programme: ['', '93066-B', 'p'.repeat(64)],
  rpls: ['', '', '0123456789', 'ABCDEFGHIJ'],
} satisfies Record<(typeof CHAMPS_LOGEMENT)[number], string[]>;

const EVENEMENT = {
  id: ['E1', 'E00002', 'i'.repeat(128)],
  date: ['2024-01-31', '2024-02-29', '2024-05-01', '2023-02-29', '03/04/2024'],
  type: [
    'liberation',
    'liberation',
    'orientation',
    'designation',
    'caleol',
    'refus',
    'conge',
    'annulation',
  ],
  logement: ['93-1', 'L2', 'l'.repeat(64)],
  reservataire: ['', 'etat-93', 'etat-93', 'est-ensemble', 'etat--93'],
  contingent: ['', '', 'agents_etat'],
  motif: ['', 'mutation_interne', 'relogement_vente'],
  decision: ['', 'attribution', 'refus', 'ajournement'],
  par: ['', 'candidat', 'bailleur'],
  candidats: ['', '', '0', '3', '1.5'],
  public: [
    '',
    'dalo',
    'dalo+prioritaire',
    'dalo|dalo',
    ' + ',
    'prioritaire + premier_quartile_hors_qpv',
  ],
  annule: ['', 'E1', 'E1', 'a'.repeat(129)],
  date_liberation_prevue: ['', '2024-03-01', '2024-06-01', '2023-12-31', '01/05/2024'],
} satisfies Record<(typeof CHAMPS_EVENEMENT)[number], string[]>;

const lignes = (valeurs: Record<string, string[]>, champs: readonly string[]) =>
  fc.array(fc.tuple(...champs.map((c) => valeur(valeurs[c] ?? []))), {
    minLength: 1,
    maxLength: 40,
  });

/**
 * The generated rows are drawn from a fixed seed: the checks below also count the rows the fast
 * path took (at least 21 of the parc's, 11 of the events'), and on random seeds that count fell
 * under its bound now and then (18 parc rows on seed 2, 9 events rows in a CI run) — a test that
 * failed by chance. Seed 1 draws 35 and 27.
 */
const SEED = 1;

describe('fast check of a row read from its cells', () => {
  it('asks for the schemas’ fields, in their order', () => {
    const champs = (name: string) =>
      Object.keys((schemaValidator(name).schema as { properties: object }).properties);
    expect([...CHAMPS_LOGEMENT]).toEqual(champs('logement.schema.json'));
    expect([...CHAMPS_EVENEMENT]).toEqual(champs('evenement.schema.json'));
  });

  it('passes a parc row exactly when parseLogement accepts it, with its values', async () => {
    let rapides = 0;
    await fc.assert(
      fc.asyncProperty(lignes(LOGEMENT, CHAMPS_LOGEMENT), async (rows) => {
        const path = ecrire(CHAMPS_LOGEMENT, rows);
        const lecteur = new LecteurLogement('p.csv', 'fr');
        const options = { lang: 'fr' as const, file: 'p.csv', columns: LOGEMENT_COLUMNS };
        // Compared after the reading (the reader's callbacks must not throw).
        const vus: [unknown, unknown][] = [];
        await readTableCells(path, options, CHAMPS_LOGEMENT, (cells, line, position) => {
          const rapide = lecteur.lire(cells, line, position);
          const lu = parseLogement(cells.row(), line, 'p.csv', 'fr', position);
          const l = lecteur.l as unknown as Record<string, unknown>;
          const valeur = lu.ok ? (lu.value as unknown as Record<string, unknown>) : {};
          vus.push([
            { line, ok: rapide, ...(rapide ? l : {}) },
            {
              line,
              ok: lu.ok,
              ...(lu.ok ? Object.fromEntries(Object.keys(l).map((c) => [c, valeur[c]])) : {}),
            },
          ]);
          if (rapide) rapides++;
        });
        for (const [a, b] of vus) expect(a).toEqual(b);
      }),
      { numRuns: 40, seed: SEED },
    );
    expect(rapides).toBeGreaterThan(20);
  });

  it('passes an events row exactly when parseEvenement accepts it (ISO dates), with its values', async () => {
    let rapides = 0;
    await fc.assert(
      fc.asyncProperty(lignes(EVENEMENT, CHAMPS_EVENEMENT), async (rows) => {
        const path = ecrire(CHAMPS_EVENEMENT, rows);
        const lecteur = new LecteurEvenement();
        const options = { lang: 'fr' as const, file: 'e.csv', columns: EVENEMENT_COLUMNS };
        const vus: [unknown, unknown][] = [];
        await readTableCells(path, options, CHAMPS_EVENEMENT, (cells, line, position) => {
          const rapide = lecteur.lire(cells);
          const row = cells.row();
          // JJ/MM/AAAA dates are converted before parseEvenement: the slow way always.
          const barres = [row['date'], row['date_liberation_prevue']].some(
            (d) => typeof d === 'string' && d.includes('/'),
          );
          const lu = parseEvenement(row, line, 'e.csv', 'fr', position);
          const e = lecteur.e as unknown as Record<string, unknown>;
          const valeur = lu.ok ? (lu.value as unknown as Record<string, unknown>) : {};
          const champs = (o: Record<string, unknown>) =>
            Object.fromEntries(CHAMPS_EVENEMENT.map((c) => [c, o[c]]));
          vus.push([
            { line, ok: rapide, ...(rapide ? champs(e) : {}) },
            { line, ok: lu.ok && !barres, ...(lu.ok && !barres ? champs(valeur) : {}) },
          ]);
          if (rapide) rapides++;
        });
        for (const [a, b] of vus) expect(a).toEqual(b);
      }),
      { numRuns: 40, seed: SEED },
    );
    expect(rapides).toBeGreaterThan(10);
  });

  it('lirePartie reads a corrupted parc alike through the fast check and the slow path', async () => {
    await fc.assert(
      fc.asyncProperty(lignes(LOGEMENT, CHAMPS_LOGEMENT), async (rows) => {
        const parc = ecrire(CHAMPS_LOGEMENT, rows);
        const ids = [...new Set(rows.map((r) => r[0] ?? ''))].filter((id) => id !== '');
        const evenements = ecrire(
          ['id', 'date', 'type', 'logement'],
          ids.map((id, i) => [`E${String(i)}`, '2024-03-01', 'liberation', id]),
        );
        const base = baseOptions({ parc, evenements, annee: 2024, cwd: dir });
        const rapide = await lirePartie(base);
        const lent = await lirePartie(base, () => undefined);
        // The stores hold functions (not comparable): their flats and events are.
        const vue = (l: typeof rapide) => ({
          ...l,
          store: l.store.flats.map((id, k) => [id, l.store.events(k)]),
          phases: {},
        });
        expect(vue(rapide)).toEqual(vue(lent));
      }),
      { numRuns: 25 },
    );
  });
});
