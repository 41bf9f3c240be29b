/**
 * `convflux evaluate --json` gives the same bytes in one thread and in two: the flats outside the
 * assiette by motif and the stock's flats by category came in the order the threads' flats met
 * them (the example's « relogement_renouvellement_urbain » first in one thread, after
 * « mutation_interne » in two); they follow the schema's order. The real CLI, on the example.
 */
import { describe, expect, it } from 'vitest';
import { ENTREES_EXEMPLE_93, runCli } from './helpers.js';

const args = ['evaluate', '--rules', 'rules/conventions/93', ...ENTREES_EXEMPLE_93];

describe('evaluate in one thread and in two', () => {
  it('writes the same JSON and the same text, motifs in the schema’s order', () => {
    const un = runCli([...args, '--json', '--workers', '0']);
    const deux = runCli([...args, '--json', '--workers', '2']);
    expect(un.code, un.stderr).toBe(0);
    expect(deux.stdout).toBe(un.stdout);
    const e = JSON.parse(un.stdout) as { hors_assiette: { logements: Record<string, number> } };
    expect(Object.keys(e.hors_assiette.logements)).toEqual([
      'mutation_interne',
      'relogement_renouvellement_urbain',
      'relogement_habitat_indigne',
    ]);
    expect(runCli([...args, '--workers', '2']).stdout).toBe(
      runCli([...args, '--workers', '0']).stdout,
    );
  });
});
