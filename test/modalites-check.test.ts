/**
 * `convflux check` on `refus.bailleur` and `modalites` (the real CLI on a private copy of the
 * example tree): the bailleur cannot refuse a complete file outside the CALEOL, so the clause is
 * said to be the incomplete-file procedure (a note, with L. 441-2 and R. 441-3); a delegated
 * management names its delegate; a collectivité's quarter of priority attributions is not lower.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { repoRoot, runCli } from './helpers.js';

const ETAT = 'conventions/93/552046484/etat-93/v2.yaml';
const MONTREUIL = 'conventions/93/552046484/montreuil/v1.yaml';

/** Edits one example in a private copy of the tree and checks it (--json). */
function check(file: string, edit: (text: string) => string): { code: number; d: Diagnostic[] } {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-modalites-'));
  cpSync(join(repoRoot, 'rules', 'conventions'), join(dir, 'conventions'), { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const r = runCli(['check', file, '--json'], dir);
  return { code: r.code, d: (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics };
}

const REFUS_BAILLEUR =
  '  bailleur:\n    decompte: false\n    nouvelle_designation: true\n    delai: 1 mois\n\nmodalites:';

describe('convflux check on refus.bailleur', () => {
  it('says why the clause is only the incomplete-file procedure (info, L. 441-2 / R. 441-3)', () => {
    const r = check(ETAT, (t) => t.replace(/\nmodalites:/, `\n${REFUS_BAILLEUR}`));
    expect(r.code).toBe(0);
    const note = r.d.find((x) => x.code === 'REFUS_BAILLEUR_DOSSIER_INCOMPLET');
    expect(note?.severity).toBe('info');
    expect(note?.pointer).toBe('/refus/bailleur');
    expect(note?.message).toContain('seule attribue les logements');
    expect(note?.reference?.article).toBe('CCH art. L. 441-2 et R. 441-3');
  });

  it('says nothing when the clause is not written', () => {
    const r = check(ETAT, (t) => t);
    expect(r.code).toBe(0);
    expect(r.d).toEqual([]);
  });
});

describe('convflux check on modalites', () => {
  it('warns on a delegated management without delegate, and on a delegate without it', () => {
    const sans = check(ETAT, (t) => t.replace('gestion: directe', 'gestion: deleguee'));
    expect(sans.d.map((x) => [x.code, x.severity, x.pointer])).toEqual([
      ['GESTION_DELEGUEE_SANS_DELEGATAIRE', 'warning', '/modalites/gestion'],
    ]);
    const avec = check(ETAT, (t) =>
      t.replace('gestion: directe', 'gestion: directe\n  delegataire: Commune de Bondy'),
    );
    expect(avec.d.map((x) => x.code)).toEqual(['DELEGATAIRE_SANS_GESTION_DELEGUEE']);
  });

  it('warns when a commune stipulates less than the quarter of priority attributions', () => {
    const moins = check(MONTREUIL, (t) =>
      t.replace(
        /\nobjectifs:/,
        '\nmodalites:\n  publics_prioritaires:\n    part_attributions: 0.10\n\nobjectifs:',
      ),
    );
    const w = moins.d.find((x) => x.code === 'PUBLICS_PART_INFERIEURE_AU_QUART');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toContain('10\u202f%');
    expect(w?.reference?.article).toBe('CCH art. L. 441-1');
    const quart = check(MONTREUIL, (t) =>
      t.replace(
        /\nobjectifs:/,
        '\nmodalites:\n  publics_prioritaires:\n    part_attributions: 0.25\n\nobjectifs:',
      ),
    );
    expect(quart.d).toEqual([]);
  });
});
