/**
 * The `Classeur` carries each flat's engine state from one row to the next instead of replaying
 * the flat's history: its classification must be, row for row, the one of `classerEvenement`
 * given the whole history (the replay). Checked on a generated region over two years (year-ends
 * crossed), in file order, then with rows that leave the carried path: a flat's rows out of date
 * order, annulations, rows the engine rejects (their effects must not stay in the carried state),
 * repeated ids.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFlux } from '../../src/bench/generate-flux.js';
import type { ConventionIndex } from '../../src/engine/convention-index.js';
import { loadConventions } from '../../src/engine/load-conventions.js';
import type { Evenement } from '../../src/flux/evenement.js';
import type { Logement } from '../../src/flux/logement.js';
import { parseLogement } from '../../src/input/parse-logement.js';
import { classerEvenement, type ResultatClassement } from '../../src/saisie/classer-evenement.js';
import { Classeur } from '../../src/saisie/classeur.js';

type Ligne = Record<string, unknown>;

let dir: string;
let index: ConventionIndex;
let logements: Map<string, Logement>;
let lignes: Ligne[];

const ndjson = (file: string): Ligne[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Ligne);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'convflux-reprise-'));
  generateFlux({
    region: 'idf',
    out: dir,
    seed: 7,
    annee: 2025,
    annees: 2,
    format: 'ndjson',
    echelle: 0.003,
  });
  index = (await loadConventions([join(dir, 'rules')], { lang: 'fr', cwd: dir })).index;
  logements = new Map();
  ndjson(join(dir, 'logements.ndjson')).forEach((row, i) => {
    const p = parseLogement(row, i + 1, 'logements.ndjson', 'fr');
    if (p.ok) logements.set(p.value.logement, p.value);
  });
  lignes = ['2024', '2025'].flatMap((a) => ndjson(join(dir, `evenements-${a}.ndjson`)));
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Each row against its flat's whole history, replayed (no state carried). */
function rejouer(rows: readonly Ligne[]): ResultatClassement[] {
  const historiques = new Map<string, Evenement[]>();
  const lignesDe = new Map<string, number[]>();
  return rows.map((row, i) => {
    const id = typeof row['logement'] === 'string' ? row['logement'] : '';
    const historique = historiques.get(id) ?? [];
    historiques.set(id, historique);
    const lignesHistorique = lignesDe.get(id) ?? [];
    lignesDe.set(id, lignesHistorique);
    const r = classerEvenement(row, {
      logement: logements.get(id),
      historique,
      lignesHistorique,
      index,
      lang: 'fr',
      file: 'evenements.ndjson',
      line: i + 1,
    });
    if (r.evenement) {
      historique.push(r.evenement);
      lignesHistorique.push(i + 1);
    }
    return r;
  });
}

function classeur(rows: readonly Ligne[]): ResultatClassement[] {
  const c = new Classeur({
    index,
    lang: 'fr',
    file: 'evenements.ndjson',
    logement: (id) => logements.get(id),
  });
  return rows.map((row, i) => c.classer(row, i + 1));
}

const compte = (rs: readonly ResultatClassement[], c: ResultatClassement['classement']) =>
  rs.filter((r) => r.classement === c).length;

/** Rows that leave the carried path, spread among the generated ones. */
function perturber(rows: readonly Ligne[]): Ligne[] {
  const out: Ligne[] = [];
  const vus: Ligne[] = [];
  rows.forEach((row, i) => {
    out.push(row);
    vus.push(row);
    const logement = row['logement'];
    if (i % 7 === 3)
      // Out of date order: a designation dated before the flat's rows so far.
      out.push({
        id: `R${String(i)}`,
        date: '2024-01-02',
        type: 'designation',
        logement,
        reservataire: row['reservataire'] ?? 'x',
      });
    if (i % 11 === 5)
      // Rejected by the engine: a notification outside the cycle, an unknown réservataire.
      out.push(
        {
          // Dated at the year's end: the run crosses delays and the year before it is refused.
          id: `N${String(i)}`,
          date: `${String(row['date']).slice(0, 4)}-12-31`,
          type: 'notification',
          logement,
          reservataire: 'inconnu-1',
        },
        {
          id: `O${String(i)}`,
          date: row['date'],
          type: 'orientation',
          logement,
          reservataire: 'inconnu-2',
        },
      );
    if (i % 13 === 8) {
      // An annulation of an earlier row of the flat, then one of a row that does not exist.
      const cible = [...vus].reverse().find((v) => v['logement'] === logement && v !== row);
      out.push({
        id: `A${String(i)}`,
        date: row['date'],
        type: 'annulation',
        logement,
        annule: cible?.['id'] ?? 'absent',
      });
    }
    if (i % 17 === 2) out.push({ ...row }); // the same id again
  });
  return out;
}

describe('Classeur: each flat’s engine state carried forward', () => {
  it('classifies the generated rows (two years, file order) as the replay does', () => {
    const attendu = rejouer(lignes);
    const obtenu = classeur(lignes);
    expect(lignes.length).toBeGreaterThan(1000);
    expect(compte(attendu, 'anomalie')).toBeGreaterThan(0);
    expect(obtenu).toEqual(attendu);
  });

  it('classifies rows out of order, annulations, rejected rows and repeated ids as the replay does', () => {
    const rows = perturber(lignes);
    const attendu = rejouer(rows);
    const obtenu = classeur(rows);
    expect(compte(attendu, 'invalide')).toBeGreaterThan(100);
    expect(compte(attendu, 'anomalie')).toBeGreaterThan(100);
    expect(obtenu).toEqual(attendu);
  });
});
