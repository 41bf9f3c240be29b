/**
 * `convflux evaluate --csv` prints the conventions' table on stdout and, on stderr, what the table
 * leaves out: the rejected rows (their file, line and code), the files' notes and the input
 * counts — a run exiting 1 said nothing of why. The real CLI, on small files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'convflux-csv-stderr-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const L = '93-552046484-00301';

describe('evaluate --csv', () => {
  it('says on stderr the rows it rejected, and why it exits 1', () => {
    const parc = join(dir, 'parc.csv');
    const events = join(dir, 'evenements.csv');
    writeFileSync(
      parc,
      'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux\n' +
        `${L},552046484,93,93048,200057875,false,T4,PLS,1991,\n`,
    );
    writeFileSync(
      events,
      'id,date,type,logement,reservataire\n' +
        `Z1,2025-02-01,liberation,${L},\n` +
        `Z2,2025-02-02,orientation,${L},inconnu\n`,
    );
    const args = ['evaluate', '--rules', 'rules/conventions/93/552046484'];
    const r = runCli([...args, '--parc', parc, '--events', events, '--annee', '2025', '--csv']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^annee,date,convention,/);
    expect(r.stdout).not.toContain('RESERVATAIRE_INCONNU');
    expect(r.stderr).toContain('Lignes rejetées (1) :');
    expect(r.stderr).toMatch(/evenements\.csv:3 {2}erreur RESERVATAIRE_INCONNU/);
    expect(r.stderr).toContain('2 événement(s) (1 utilisé(s), 0 après le 2025-12-31, 1 rejeté(s))');

    // --tolerant: exit 0, the rows still named; a clean run writes nothing on stderr; a named
    // file's context note goes there.
    const tolerant = runCli([
      ...args,
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
      '--csv',
      '--tolerant',
    ]);
    expect([tolerant.code, tolerant.stderr.includes('RESERVATAIRE_INCONNU')]).toEqual([0, true]);
    writeFileSync(events, `id,date,type,logement,reservataire\nZ1,2025-02-01,liberation,${L},\n`);
    const net = runCli([...args, '--parc', parc, '--events', events, '--annee', '2025', '--csv']);
    expect([net.code, net.stderr]).toEqual([0, '']);
    const nommee = runCli([
      'evaluate',
      '--rules',
      'rules/conventions/93/552046484/montreuil/v1.yaml',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
      '--csv',
    ]);
    expect(nommee.code).toBe(0);
    expect(nommee.stderr).toMatch(
      /^rules\/conventions\/93\/552046484\/montreuil\/v1\.yaml {2}info CONVENTIONS_CONTEXTE/,
    );
  });
});
