/**
 * What `convflux check` says of a text about to be signed (final legal reading of issue 10),
 * through the CLI: Action Logement Services' identification (legal form, SIREN) and the visas
 * of the accord collectif and the CIA (their act and date).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

interface Diag {
  code: string;
  line: number;
  message: string;
}

/** The example tree in a temporary folder, `edit` applied to one of its files. */
function exemple(file: string, edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-texte-signe-'));
  cpSync(join(repoRoot, 'rules/conventions'), join(dir, 'conventions'), { recursive: true });
  const path = join(dir, 'conventions', file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  return path;
}

function check(path: string): Diag[] {
  const r = runCli(['check', path, '--json']);
  return (JSON.parse(r.stdout) as { diagnostics: Diag[] }).diagnostics;
}

describe('Action Logement Services identified (format 2)', () => {
  const file = '93/552046484/action-logement/v1.yaml';

  it('the examples carry its legal form and SIREN: no warning', () => {
    const codes = check(join(repoRoot, 'rules/conventions', file)).map((d) => d.code);
    expect(codes).not.toContain('ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE');
  });

  it('warns on the réservataire line when they are missing or left « À COMPLÉTER »', () => {
    const sans = exemple(file, (y) =>
      y.replace(/^ {2}forme_juridique: société par actions simplifiée.*\n {2}siren: .*\n/m, ''),
    );
    const found = check(sans).filter((d) => d.code === 'ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('reservataire.forme_juridique, reservataire.siren');
    expect(found[0]?.line).toBe(
      readFileSync(sans, 'utf8').split('\n').indexOf('reservataire:') + 1,
    );
    const aCompleter = exemple(file, (y) =>
      y.replace(/forme_juridique: société par actions simplifiée/, 'forme_juridique: À COMPLÉTER'),
    );
    const messages = check(aCompleter)
      .filter((d) => d.code === 'ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE')
      .map((d) => d.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('reservataire.forme_juridique à renseigner');
  });
});
