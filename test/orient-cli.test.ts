/**
 * `convflux orient` through the real CLI (compiled dist/) on the bundled example (rules/ and
 * test/fixtures/exemple-93/, its parc with the optional `programme` column): one flat, every open
 * flat, JSON, the « effet filière » option, and each refused input (exit 1 with file:line or the
 * option at fault, exit 2 for usage, never a stack trace).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/engine/evaluation.js';
import type { Suggestion } from '../src/orientation/suggestion.js';
import { repoRoot, runCli } from './helpers.js';

const PARC = 'test/fixtures/exemple-93/logements-programmes.csv';
const EVENTS = 'test/fixtures/exemple-93/evenements.csv';
const BASE = ['orient', '--parc', PARC, '--events', EVENTS];
const FLAT = '93-552046484-00450'; // Bobigny, freed 2025-06-15
const DATE = '2025-06-15';

interface Ligne {
  date: string;
  type: string;
  logement: string;
  reservataire: string;
}
const evenements: Ligne[] = readFileSync(join(repoRoot, EVENTS), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [, date = '', type = '', logement = '', reservataire = ''] = l.split(',');
    return { date, type, logement, reservataire };
  });

let tmp: string;
let defaut: Suggestion;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-orient-'));
  defaut = suggestionJson(['--logement', FLAT, '--date', DATE]);
}, 60_000);
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const suggestionJson = (args: string[]): Suggestion => {
  const r = runCli([...BASE, ...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { ok: boolean; suggestion: Suggestion };
  expect(out.ok).toBe(true);
  return out.suggestion;
};

describe('convflux orient --logement', () => {
  it('prints one line per candidate, the suggestion first, and says the bailleur decides', () => {
    const r = runCli([...BASE, '--logement', FLAT, '--date', DATE]);
    expect(r.code, r.stderr).toBe(0);
    const s = defaut;
    const lignes = r.stdout.trimEnd().split('\n');
    const candidats = lignes.filter((l) => /^( \d\.|\d\d\.| —) /.test(l));
    expect(candidats).toHaveLength(s.candidats.length);
    expect(s.suggestion).toBe(s.candidats[0]?.id);
    expect(lignes[1]).toBe(
      `Suggestion : ${s.candidats[0]?.nom ?? ''}${s.suggestion === 'bailleur' ? '' : ` [${s.suggestion ?? ''}]`}`,
    );
    expect(candidats[0]).toMatch(/^ 1\. /);
    expect(lignes.at(-1)).toMatch(/^Ceci est une suggestion : le bailleur décide/);
    // The residence line names the programme of the flat and the threshold.
    expect(r.stdout).toContain('Résidence (programme 93008-QPV)');
    expect(r.stdout).toContain('plus de 50 % des 10 dernières attributions');
  });

  it('--lang en: the residence, the QPV balance and the candidates’ shares in English (the reasons stay the engine’s French)', () => {
    // They were French in English: « Résidence (programme …) : … seuil de l’effet filière … »,
    // « Équilibre QPV de etat-93 : 6 orientations hors QPV sur 9 … », « (part 35 %) : ».
    const r = runCli([...BASE, '--logement', FLAT, '--date', DATE, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const lignes = r.stdout.trimEnd().split('\n');
    expect(lignes).toContain(
      'Residence (programme 93008-QPV): 6 last attribution(s): action-logement 3, etat-93 2, bailleur 1; « effet filière » threshold: a contingent holding more than 50 % of the programme’s last 10 attributions (a choice of convflux, not a rule of law).',
    );
    expect(lignes).toContain(
      'QPV balance of etat-93: 6 orientation(s) outside QPV out of 9 this year (66.67 %), floor outside QPV 30 %.',
    );
    expect(lignes.find((l) => l.startsWith(' 3. '))).toMatch(
      /^ 3\. Préfet de la Seine-Saint-Denis \[etat-93\] \(share 30 %\): Creuserait/,
    );
    expect(r.stdout).not.toMatch(/Résidence|Équilibre|\(part |\] : /);
    const ouverts = runCli([...BASE, '--all-open', '--date', DATE, '--lang', 'en']);
    expect(ouverts.stdout).toContain(' → contingent propre du bailleur (non réservé): Rattrape');
  });

  it('--json: every réservataire of the bailleur in the département is a candidate, parts sum to one', () => {
    const s = defaut;
    const ids = s.candidats.map((c) => c.id).sort();
    expect(ids).toEqual(
      ['action-logement', 'bailleur', 'est-ensemble', 'etat-93', 'montreuil', 'saint-denis'].sort(),
    );
    const eligibles = s.candidats.filter((c) => c.rang > 0);
    expect(eligibles.map((c) => c.rang)).toEqual(eligibles.map((_, i) => i + 1));
    expect(eligibles.reduce((t, c) => t + c.part, 0)).toBeCloseTo(1, 9);
    // Bobigny is outside the two communes' territories: hard constraints, unranked.
    for (const id of ['montreuil', 'saint-denis']) {
      const c = s.candidats.find((x) => x.id === id);
      expect(c?.rang).toBe(0);
      expect(c?.raisons).toContain('ne couvre pas la commune de Bobigny');
    }
  });

  it('positions count the orientations of the year up to the date, as evaluate does', () => {
    const s = defaut;
    const r = runCli([
      'evaluate',
      '--parc',
      PARC,
      '--events',
      EVENTS,
      '--annee',
      '2025',
      '--date',
      DATE,
      '--json',
      '--tolerant',
    ]);
    const e = JSON.parse(r.stdout) as Evaluation;
    for (const [id, territoire] of [
      ['action-logement', 'departement:93'],
      ['est-ensemble', 'ept:200057875'],
    ] as const) {
      const p = s.candidats
        .find((c) => c.id === id)
        ?.positions.find((x) => x.territoire === territoire);
      const conv = e.conventions.find((c) => c.reservataire.id === id && c.departement === '93');
      expect(p?.oriente).toBe(conv?.orientations);
      // No flat of the example is freed twice by then: the flux is evaluate's too.
      expect(p?.flux).toBe(conv?.flux_annuel);
      expect(p?.ecart).toBeCloseTo((p?.du ?? 0) - (p?.oriente ?? 0), 6);
    }
    // The État's position is Bobigny's: its orientations there, counted from the events file.
    const bobigny = new Set(
      readFileSync(join(repoRoot, PARC), 'utf8')
        .split('\n')
        .filter((l) => l.split(',')[3] === '93008')
        .map((l) => l.split(',')[0]),
    );
    const attendu = evenements.filter(
      (x) =>
        x.type === 'orientation' &&
        x.reservataire === 'etat-93' &&
        x.date >= '2025-01-01' &&
        x.date <= DATE &&
        bobigny.has(x.logement),
    ).length;
    const etat = s.candidats.find((c) => c.id === 'etat-93')?.positions[0];
    expect(etat?.territoire).toBe('commune:93008');
    expect(etat?.oriente).toBe(attendu);
  });

  it('--filiere-fenetre 4 flags the contingent that would hold more than half of the last 4', () => {
    expect(defaut.candidats.filter((c) => c.filiere)).toEqual([]);
    const six = suggestionJson(['--logement', FLAT, '--date', DATE, '--filiere-fenetre', '4']);
    const derniers = six.residence?.dernieres.slice(-3) ?? [];
    const attendus = six.candidats
      .filter((c) => derniers.filter((a) => a.candidat === c.id).length + 1 > 2)
      .map((c) => c.id);
    expect(attendus.length).toBeGreaterThan(0);
    expect(six.candidats.filter((c) => c.filiere).map((c) => c.id)).toEqual(attendus);
    const r = runCli([...BASE, '--logement', FLAT, '--date', DATE, '--filiere-fenetre', '4']);
    expect(r.stdout).toContain('effet filière : ce contingent tiendrait plus de 50 % des 4');
  });
});

describe('convflux orient --all-open', () => {
  it('lists exactly the freed flats not yet oriented at the date, each with its first suggestion', () => {
    const date = '2025-11-22';
    const r = runCli([...BASE, '--all-open', '--date', date, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { logements } = JSON.parse(r.stdout) as { logements: Suggestion[] };
    // From the events file: last liberation ≤ date with nothing after it up to the date.
    const jusqua = evenements.filter((x) => x.date <= date);
    const ouverts = [...new Set(jusqua.map((x) => x.logement))].filter((id) => {
      const siens = jusqua.filter((x) => x.logement === id);
      const lib = siens.filter((x) => x.type === 'liberation').at(-1);
      return lib !== undefined && !siens.some((x) => x.date >= lib.date && x !== lib);
    });
    expect(logements.map((s) => s.logement).sort()).toEqual(ouverts.sort());
    expect(logements.length).toBeGreaterThan(0);
    for (const s of logements) expect(s.suggestion).toBe(s.candidats[0]?.id);
    const texte = runCli([...BASE, '--all-open', '--date', date]);
    expect(texte.code).toBe(0);
    for (const s of logements) expect(texte.stdout).toContain(`${s.liberation}  ${s.logement}`);
    expect(texte.stdout.split('\n')[0]).toBe(
      `${String(logements.length)} logements libérés non encore orientés au ${date} :`,
    );
  });
});

describe('convflux orient: refused inputs', () => {
  it('no event and no --date: exit 2 naming --date (the service names its date parameter)', () => {
    const vide = join(tmp, 'aucun-evenement.csv');
    writeFileSync(vide, 'id,date,type,logement,reservataire,motif,decision,par,candidats\n');
    const r = runCli(['orient', '--parc', PARC, '--events', vide, '--all-open']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Aucun événement lu : donnez la date de la suggestion avec --date AAAA-MM-JJ.',
    );
  });

  it('an unknown flat: exit 1, the option at fault', () => {
    const r = runCli([...BASE, '--logement', 'PAS-DANS-LE-PARC', '--date', DATE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ORIENT_LOGEMENT_INCONNU');
    expect(r.stderr).toContain('--logement PAS-DANS-LE-PARC');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a flat never freed: exit 1 at its parc row', () => {
    const r = runCli([...BASE, '--logement', '93-552046484-00001', '--date', DATE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${PARC}:2`);
    expect(r.stderr).toContain('ORIENT_LOGEMENT_NON_LIBERE');
  });

  it('a flat let again before the date: exit 1 at the event that let it', () => {
    const r = runCli([...BASE, '--logement', '93-552046484-00597', '--date', '2025-11-30']);
    expect(r.code).toBe(1);
    const ligne =
      evenements.findIndex((x) => x.logement === '93-552046484-00597' && x.date === '2025-11-03') +
      2;
    expect(r.stderr).toContain(`${EVENTS}:${String(ligne)}`);
    expect(r.stderr).toContain('ORIENT_LOGEMENT_RELOUE');
  });

  it('a date outside every convention: exit 1, the --date option and the conventions’ terms', () => {
    const events = join(tmp, 'evenements-2031.csv');
    writeFileSync(
      events,
      `${readFileSync(join(repoRoot, EVENTS), 'utf8').trimEnd()}\nE99999,2031-01-05,liberation,93-552046484-00001,,,,,\n`,
    );
    const r = runCli([
      'orient',
      '--parc',
      PARC,
      '--events',
      events,
      '--logement',
      '93-552046484-00001',
      '--date',
      '2031-01-10',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ORIENT_DATE_HORS_CONVENTIONS');
    expect(r.stderr).toContain('--date 2031-01-10');
    expect(r.stderr).toContain('du 2024-01-01 au 2026-12-31');
  });

  it('usage mistakes: exit 2, no stack trace', () => {
    for (const args of [
      ['--logement', FLAT, '--date', '2025-13-01'],
      ['--date', DATE],
      ['--logement', FLAT, '--all-open'],
      ['--logement', FLAT, '--filiere-part', '2'],
    ]) {
      const r = runCli([...BASE, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('help in French, in English with --lang en', () => {
    expect(runCli(['help', 'orient']).stdout).toContain('aide à l’orientation');
    expect(runCli(['help', 'orient', '--lang', 'en']).stdout).toContain('orientation aid');
  });
});
