/**
 * Options a command refuses together (a usage error, exit 2) are said in its help, on both
 * options' lines, in French and English — `help evaluate` listed --explain and --csv without a
 * word that the pair is refused. Each pair the help names is refused by the real CLI, and the
 * message names both options.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, OPTIONS, type OptionName } from '../src/cli/command-table.js';
import { ENTREES_EXEMPLE_93, runCli } from './helpers.js';

/** A command line that runs without the pair (its inputs), for each command that has a pair. */
const ENTREES: Record<string, readonly string[]> = {
  evaluate: ENTREES_EXEMPLE_93,
  simulate: ENTREES_EXEMPLE_93,
  orient: ENTREES_EXEMPLE_93.slice(0, 4),
  echeancier: [
    '--parc',
    'test/fixtures/exemple-93/logements.csv',
    '--events',
    'test/fixtures/exemple-93/evenements.csv',
    '--date',
    '2025-06-15',
  ],
  cotation: [
    '--grille',
    'rules/cotation/246700488/v1.yaml',
    '--demandes',
    'test/fixtures/cotation/demandes-strasbourg.csv',
    '--date',
    '2025-06-30',
  ],
};

const ligne = (aide: string, option: string): string =>
  aide.split('\n').find((l) => l.trimStart().startsWith(`--${option} `)) ?? '';

const argument = (o: OptionName): string[] =>
  OPTIONS[o].type === 'string' ? [`--${o}`, '0671119000001'] : [`--${o}`];

const paires = COMMANDS.flatMap((c) =>
  c.options.flatMap((o) =>
    (o.exclut ?? []).map((x) => ({
      nom: `${c.name} --${o.name} --${x}`,
      commande: c.name,
      o: o.name,
      x,
    })),
  ),
);

describe('options that exclude each other', () => {
  it('help evaluate says --explain and --csv cannot be combined, on both lines', () => {
    const fr = runCli(['help', 'evaluate']).stdout;
    expect(ligne(fr, 'explain')).toMatch(/ ; pas avec --csv$/);
    expect(ligne(fr, 'csv')).toMatch(/ ; pas avec --json ni --explain$/);
    const en = runCli(['help', 'evaluate', '--lang', 'en']).stdout;
    expect(ligne(en, 'explain')).toMatch(/; not with --csv$/);
    expect(ligne(en, 'csv')).toMatch(/; not with --json or --explain$/);
  });

  it.each(paires)('$nom: refused (exit 2), as the help says', (p) => {
    const entrees = ENTREES[p.commande];
    expect(entrees, `inputs of ${p.commande} for this test`).toBeDefined();
    const aide = runCli(['help', p.commande]).stdout;
    expect(ligne(aide, p.o)).toContain(`pas avec --${p.x}`);
    const r = runCli([p.commande, ...(entrees ?? []), ...argument(p.o), ...argument(p.x)]);
    expect(r.code, r.stderr).toBe(2);
    // On stderr, or in the diagnostics on stdout when --json is one of the pair.
    const message = r.stderr + r.stdout;
    expect(message).toContain(`--${p.o}`);
    expect(message).toContain(`--${p.x}`);
  });
});
