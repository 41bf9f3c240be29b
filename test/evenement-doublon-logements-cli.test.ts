/**
 * An event id used on two flats is a duplicate (EVENEMENT_DOUBLON), as it is within one flat and
 * as the service refuses it: the earliest event (by date, then line) keeps the id, the other row
 * is rejected with its line and the first one's. Through the real CLI, in one thread and with the
 * flats shared between worker threads (the two rows in different shards), for `evaluate` and for
 * `bilan`; with two events files the message names the other file. Two bailleurs may number
 * their events alike (the service's ids are unique per bailleur): not a duplicate.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shardOf } from '../src/input/read-table.js';
import { runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-doublon-logements-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const ENTETE =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
const ligneParc = (id: string): string => `${id},552046484,93,93066,200057867,false,T3,PLUS,1990,`;
// Two flats in different shards of two threads, so that the check crosses threads.
const candidats = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'];
const L1 = candidats.find((x) => shardOf(x, 2) === 0) ?? '';
const L2 = candidats.find((x) => shardOf(x, 2) === 1) ?? '';

function ecrire(nom: string, lignes: string[]): string {
  const chemin = join(tmp, nom);
  writeFileSync(chemin, lignes.join('\n') + '\n');
  return chemin;
}

const parc = ecrire('parc.csv', [
  ENTETE,
  ligneParc(L1),
  ligneParc(L2),
  // Another bailleur's flat (no convention in the 93: used, in no flux).
  'AUTRE1,353017015,93,93066,200057867,false,T3,PLUS,1990,',
]);
const ENTETE_EV = 'id,date,type,logement,reservataire,decision,candidats';

interface Sortie {
  conventions: { id: string; flux_annuel: number; realise: number }[];
  rejets: { code: string; file: string; line: number; message: string; params: object }[];
}

const evaluer = (events: string[], workers: string): Sortie => {
  const r = runCli([
    'evaluate',
    '--rules',
    'rules/conventions/93/552046484/etat-93',
    '--parc',
    parc,
    ...events.flatMap((e) => ['--events', e]),
    '--annee',
    '2025',
    '--json',
    '--tolerant',
    '--workers',
    workers,
  ]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Sortie;
};

describe('an event id on two flats', () => {
  it('is a duplicate: the earlier event keeps it, in one thread or across threads', () => {
    expect(L1 && L2).toBeTruthy();
    const events = ecrire('evenements.csv', [
      ENTETE_EV,
      `E1,2025-02-01,liberation,${L1},,,`, // line 2: the later event of the id « X »
      `X,2025-03-01,orientation,${L1},etat-93,,`, // line 3
      `E2,2025-01-15,liberation,${L2},,,`, // line 4
      `X,2025-01-20,orientation,${L2},etat-93,,`, // line 5: earlier, keeps « X »
      `E3,2025-01-25,designation,${L2},etat-93,,3`, // line 6
    ]);
    const seul = evaluer([events], '0');
    expect(seul.rejets.map((d) => [d.code, d.line])).toEqual([['EVENEMENT_DOUBLON', 3]]);
    expect(seul.rejets[0]?.message).toBe('Événement en double : même identifiant qu’à la ligne 5.');
    expect(seul.rejets[0]?.params).toMatchObject({ premiere: 5 });
    // L1's orientation is not read: freed and never oriented, it scores nothing.
    expect(seul.conventions[0]).toMatchObject({ flux_annuel: 2 });
    const partage = evaluer([events], '2');
    expect(partage.rejets).toEqual(seul.rejets);
    expect(partage.conventions).toEqual(seul.conventions);
  });

  it('is no duplicate on another bailleur’s flat', () => {
    const events = ecrire('evenements-bailleurs.csv', [
      ENTETE_EV,
      `E1,2025-02-01,liberation,${L1},,,`,
      'E1,2025-01-01,liberation,AUTRE1,,,',
    ]);
    for (const workers of ['0', '2']) expect(evaluer([events], workers).rejets).toEqual([]);
  });

  it('names the other file when the first event is in another events file', () => {
    const a = ecrire('2024.csv', [ENTETE_EV, `Z,2024-11-02,liberation,${L1},,,`]);
    const b = ecrire('2025.csv', [ENTETE_EV, `Z,2025-01-10,liberation,${L2},,,`]);
    for (const workers of ['0', '2']) {
      const s = evaluer([a, b], workers);
      expect(s.rejets.map((d) => [d.code, d.file.endsWith('2025.csv'), d.line])).toEqual([
        ['EVENEMENT_DOUBLON', true, 2],
      ]);
      expect(s.rejets[0]?.message).toMatch(
        /^Événement en double : même identifiant qu’à la ligne 2 de \S*2024\.csv\.$/,
      );
    }
  });

  it('is rejected by bilan as by evaluate, whatever the threads', () => {
    const events = ecrire('evenements-bilan.csv', [
      ENTETE_EV,
      `E1,2025-02-01,liberation,${L1},,,`,
      `E1,2025-02-03,liberation,${L2},,,`,
    ]);
    const fichiers: string[] = [];
    for (const workers of ['0', '2']) {
      const out = join(tmp, `bilans-${workers}`);
      const r = runCli([
        'bilan',
        '--rules',
        'rules/conventions/93/552046484/etat-93',
        '--parc',
        parc,
        '--events',
        events,
        '--annee',
        '2025',
        '--out',
        out,
        '--html',
        '--tolerant',
        '--workers',
        workers,
      ]);
      expect(r.code, r.stderr).toBe(0);
      fichiers.push(readFileSync(join(out, 'rejets-2025.csv'), 'utf8'));
    }
    expect(fichiers[0]).toContain('EVENEMENT_DOUBLON');
    expect(fichiers[0]).toContain(',3,');
    expect(fichiers[1]).toBe(fichiers[0]);
  });
});
