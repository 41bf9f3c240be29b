/**
 * Issue 14: a bailleur's parc as its files write it imports whole. The financing of the RPLS
 * nomenclature (« financement initial », arrêté du 5 janvier 2010), by its code (« 52 ») or its
 * label (« HLM/O », « PLA d'intégration (LLTS dans les DOM) »), is read as the parc's category
 * convflux's table gives (src/input/financement-lu.ts), and « T5 et plus », « 5 pièces et plus »,
 * « 6 et + »… as T5 and T6 — where every such row was rejected (LIGNE_VALEUR_INCONNUE) and the
 * whole parc with it. A value the table does not read (PAP locatif, autre financement, a typo) is
 * still rejected with its line and the list of the four. The real CLI: evaluate on the example's
 * parc respelt gives the same JSON as on the example's parc; --explain shows each flat's category.
 * The service's imports: test/server/imports-rpls.test.ts, imports-typologies.test.ts.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-financements-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PARC = readFileSync(join(repoRoot, 'test/fixtures/exemple-93/logements.csv'), 'utf8');
const EVENTS = join(repoRoot, 'test/fixtures/exemple-93/evenements.csv');
const COLONNES = PARC.split('\n')[0]?.split(',') ?? [];
const FINANCEMENT = COLONNES.indexOf('financement');
const TYPOLOGIE = COLONNES.indexOf('typologie');

/** Each category's spellings in a bailleur's RPLS export, taken in turn along the file. */
const FINANCEMENTS: Record<string, string[]> = {
  PLAI: [
    '10',
    "PLA d'intégration (LLTS dans les DOM)",
    'PLA-I',
    '11',
    'PLA LM/PLATS/PLA Insertion (LLSS dans les DOM)',
    'PLA Loyer Minoré / PLA Très Social / PLA Insertion',
  ],
  PLUS: ['13', 'HLM/O', '52', 'PLA ordinaire', 'HBM', 'PLR/PSR', 'PLUS/LLS dans les DOM', '12'],
  PLS: ['14', 'PLS/PPLS/PCLS/PLA CFF', 'PCL (conventionné ou non)', '17', 'PLA CFF'],
  PLI: ['16', 'ILN', 'ILM', '54'],
};
const TYPOLOGIES: Record<string, string[]> = {
  T5: ['T5 et plus', 'T5+', '5 pièces et plus', '5 et +', 'T5 ET PLUS'],
  T6: ['6 pièces et plus', '6 et +', 'T6 et +', 'T6'],
};

/** The example's parc respelt (or line 4's financing replaced by `autre`). */
function parc(nom: string, autre?: string): string {
  const vus: Record<string, number> = {};
  const suivante = (graphies: Record<string, string[]>, v: string): string => {
    const g = graphies[v] ?? [v];
    const n = (vus[v] = (vus[v] ?? -1) + 1);
    return g[n % g.length] ?? v;
  };
  const lignes = PARC.trimEnd()
    .split('\n')
    .map((l, i) => {
      if (i === 0) return l;
      const cellules = l.split(',');
      const f = cellules[FINANCEMENT] ?? '';
      cellules[FINANCEMENT] = autre !== undefined && i === 3 ? autre : suivante(FINANCEMENTS, f);
      cellules[TYPOLOGIE] = suivante(TYPOLOGIES, cellules[TYPOLOGIE] ?? '');
      return cellules.join(',');
    });
  const d = join(dir, nom);
  mkdirSync(d);
  writeFileSync(join(d, 'logements.csv'), `${lignes.join('\n')}\n`);
  return d;
}

const evaluer = (cwd: string, ...plus: string[]) =>
  runCli(
    [
      'evaluate',
      '--rules',
      join(repoRoot, 'rules'),
      '--parc',
      'logements.csv',
      '--events',
      EVENTS,
      '--annee',
      '2025',
      '--json',
      ...plus,
    ],
    cwd,
    64 << 20,
  );

/** The id of the first flat whose `colonne` holds `ecrit`. */
function flatEcrit(d: string, colonne: number, ecrit: string): string {
  const lignes = readFileSync(join(d, 'logements.csv'), 'utf8').split('\n');
  const ligne = lignes.find((l, i) => i > 0 && l.split(',')[colonne] === ecrit);
  expect(ligne, ecrit).toBeDefined();
  return ligne?.split(',')[0] ?? '';
}

describe('parc financings and typologies as a bailleur’s RPLS export writes them', () => {
  const respelt = parc('rpls');

  it('reads every financing of the table and « T5 et plus »: evaluate gives the same JSON', () => {
    const texte = readFileSync(join(respelt, 'logements.csv'), 'utf8');
    for (const v of [',HLM/O,', ',52,', ',PLA-I,', ',ILN,', ',T5 et plus,', ',6 et +,'])
      expect(texte).toContain(v);
    const origine = join(dir, 'origine');
    mkdirSync(origine);
    writeFileSync(join(origine, 'logements.csv'), PARC);
    const a = evaluer(origine);
    const b = evaluer(respelt);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });

  it.each([
    ['HLM/O', 'PLUS'],
    ['52', 'PLUS'],
    ["PLA d'intégration (LLTS dans les DOM)", 'PLAI'],
    ['PCL (conventionné ou non)', 'PLS'],
    ['ILN', 'PLI'],
  ])('--explain shows the flat written « %s » as %s', (ecrit, lu) => {
    const r = evaluer(respelt, '--explain', flatEcrit(respelt, FINANCEMENT, ecrit));
    expect(r.code, r.stderr).toBe(0);
    const { parc: lue } = JSON.parse(r.stdout) as { parc: { financement: string } };
    expect(lue.financement).toBe(lu);
  });

  it('--explain shows « T5 et plus » as T5 and « 6 pièces et plus » as T6', () => {
    for (const [ecrit, lu] of [
      ['T5 et plus', 'T5'],
      ['6 pièces et plus', 'T6'],
    ] as const) {
      const r = evaluer(respelt, '--explain', flatEcrit(respelt, TYPOLOGIE, ecrit));
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { parc: { typologie: string } }).parc.typologie).toBe(lu);
    }
  });

  it.each(['PAP locatif', '99', 'Autre financement', '55', 'PLUX'])(
    'still rejects « %s » with its line and the four categories',
    (v) => {
      const r = evaluer(parc(`autre-${v.replaceAll(' ', '_')}`, v));
      expect(r.code).toBe(1);
      const { rejets } = JSON.parse(r.stdout) as {
        rejets: { line: number; code: string; message: string }[];
      };
      expect(rejets.map((d) => [d.line, d.code, d.message])).toEqual([
        [
          4,
          'LIGNE_VALEUR_INCONNUE',
          `Valeur "${v}" inconnue pour « financement ». Valeurs permises : PLAI, PLUS, PLS, PLI.`,
        ],
      ]);
    },
  );
});
