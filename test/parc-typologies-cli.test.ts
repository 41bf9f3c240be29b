/**
 * A parc's typologie as files spell it — « t3 », « T 2 », « T6 et plus », « T6 ET PLUS », « T6+ »
 * — is read as its code (T3, T2, T6: the schema's T6 is « T6 et plus ») where every such row was
 * rejected (LIGNE_VALEUR_INCONNUE); a value naming no one code (« T4 et plus », « T7 ») is still
 * refused with the list of the codes (« T5 et plus », read as T5 since 5 December 2026:
 * parc-financements-cli.test.ts). The real CLI: evaluate on the example's parc respelt gives
 * the same JSON as on the example's parc. The imports: imports-typologies.test.ts.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-typologies-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PARC = readFileSync(join(repoRoot, 'test/fixtures/exemple-93/logements.csv'), 'utf8');
const EVENTS = join(repoRoot, 'test/fixtures/exemple-93/evenements.csv');
const COLONNE = PARC.split('\n')[0]?.split(',').indexOf('typologie') ?? -1;

/** Each code's spellings, taken in turn along the file. */
const GRAPHIES: Record<string, string[]> = {
  T1: ['t1', 'T 1'],
  T2: ['T 2', 't2', 'T2'],
  T3: ['t3', 'T\u00a03', 'T3'],
  T4: ['T 4', 't 4'],
  T5: ['t5', 'T5'],
  T6: ['T6 et plus', 'T6 ET PLUS', 'T6+', 't 6 et plus', 'T 6 +'],
};

/** The example's parc with its typologies respelt (or line 4's replaced by `autre`). */
function parc(nom: string, autre?: string): string {
  const vus: Record<string, number> = {};
  const lignes = PARC.trimEnd()
    .split('\n')
    .map((l, i) => {
      if (i === 0) return l;
      const cellules = l.split(',');
      const t = cellules[COLONNE] ?? '';
      const g = GRAPHIES[t] ?? [t];
      const n = (vus[t] = (vus[t] ?? -1) + 1);
      cellules[COLONNE] = autre !== undefined && i === 3 ? autre : (g[n % g.length] ?? t);
      return cellules.join(',');
    });
  const d = join(dir, nom);
  mkdirSync(d);
  writeFileSync(join(d, 'logements.csv'), `${lignes.join('\n')}\n`);
  return d;
}

const evaluer = (cwd: string) =>
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
    ],
    cwd,
    64 << 20,
  );

describe('parc typologies as files spell them', () => {
  it('reads « t3 », « T 2 », « T6 et plus », « T6+ » as their codes: evaluate gives the same JSON', () => {
    const respelt = parc('graphies');
    expect(readFileSync(join(respelt, 'logements.csv'), 'utf8')).toContain(',T6 et plus,');
    const origine = join(dir, 'origine');
    mkdirSync(origine);
    writeFileSync(join(origine, 'logements.csv'), PARC);
    const a = evaluer(origine);
    const b = evaluer(respelt);
    expect(b.stderr).not.toContain('typologie');
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });

  it.each(['T4 et plus', 'T7', 'F3'])('still refuses « %s », with the list of the codes', (v) => {
    const r = evaluer(parc(`autre-${v.replaceAll(' ', '_')}`, v));
    expect(r.code).toBe(1);
    const { rejets } = JSON.parse(r.stdout) as {
      rejets: { line: number; code: string; message: string }[];
    };
    expect(rejets.map((d) => [d.line, d.code, d.message])).toEqual([
      [
        4,
        'LIGNE_VALEUR_INCONNUE',
        `Valeur "${v}" inconnue pour « typologie ». Valeurs permises : T1, T2, T3, T4, T5, T6.`,
      ],
    ]);
  });
});
