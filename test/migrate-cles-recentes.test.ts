/**
 * `convflux migrate` brings an older draft to the current format, keys added since format 2
 * included (src/convention/migrate-cles-recentes.ts), through the real CLI: keys with a safe
 * default are written with their value from the defaults registry (the rendered text does not
 * change), what needs a human (an act, a SIREN) is a commented « À REMPLIR » blank reported by a
 * warning at its line, and a second run changes nothing.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { casPour } from '../src/convention/defauts.js';
import { repoRoot, runCli } from './helpers.js';

interface Diag {
  code: string;
  severity: string;
  line: number;
  pointer: string;
}
interface Result {
  status: string;
  ajouts: string[];
  defauts: { cle: string; valeur: unknown }[];
  diagnostics: Diag[];
}

const ETAT_93 = 'conventions/93/552046484/etat-93';

/** The État 93 avenant (v2, a draft) as written before the recent keys, with its v1. */
function etatV2Ancien(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-migrate-recent-'));
  mkdirSync(join(dir, ETAT_93), { recursive: true });
  cpSync(join(repoRoot, 'rules', ETAT_93), join(dir, ETAT_93), { recursive: true });
  const file = join(dir, ETAT_93, 'v2.yaml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  doc.deleteIn(['assiette', 'premiere_mise_en_location']);
  doc.delete('visas_locaux');
  for (const key of ['effet_avant_signature', 'designation.a_compter_de'])
    expect(doc.hasIn(key.split('.')), key).toBe(false);
  writeFileSync(file, String(doc));
  return dir;
}

/** The HTML of a version without its fingerprints (they hash the YAML, which gained keys). */
function html(dir: string, out: string): string {
  const r = runCli(['render', join(ETAT_93, 'v2.yaml'), '--html', '--out', `${out}/`], dir);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  return readFileSync(join(dir, out, '93-552046484-etat-93-v2.html'), 'utf8')
    .replace(/empreinte du contenu [0-9a-f]{12}/g, '')
    .replace(/sha256:[0-9a-f]{64}|\b[0-9a-f]{64}\b/g, '');
}

function migrate(dir: string, file: string): Result {
  const r = runCli(['migrate', file, '--json'], dir);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  const out = JSON.parse(r.stdout) as { results: Result[] };
  expect(out.results).toHaveLength(1);
  return out.results[0] as Result;
}

describe('convflux migrate: the keys added since format 2', () => {
  it('writes the safe defaults of a format-2 avenant draft without changing its text', () => {
    const dir = etatV2Ancien();
    const file = join(ETAT_93, 'v2.yaml');
    const before = readFileSync(join(dir, file), 'utf8');
    const htmlAvant = html(dir, 'avant');
    const r = migrate(dir, file);
    expect(r.status).toBe('migrated');
    const after = readFileSync(join(dir, file), 'utf8');
    // Values from the registry, per réservataire type (not hard-coded here).
    const attendu = (cle: string): unknown => {
      const { defaut } = casPour(cle, 'etat');
      return 'valeur' in defaut ? defaut.valeur : undefined;
    };
    const cles = [
      '/effet_avant_signature',
      '/assiette/premiere_mise_en_location',
      '/decompte/ponderation/provisoire_sans_suite',
      '/designation/a_compter_de',
    ];
    expect(r.defauts).toEqual(cles.map((cle) => ({ cle, valeur: attendu(cle) })));
    const data = parse(after) as Record<string, Record<string, unknown>>;
    expect(data['effet_avant_signature']).toBe(false);
    expect(data['assiette']?.['premiere_mise_en_location']).toBe('flux');
    expect(data['designation']?.['a_compter_de']).toBe('orientation');
    expect(
      (data['decompte']?.['ponderation'] as Record<string, unknown>)['provisoire_sans_suite'],
    ).toBe('retire');
    expect(after).toMatch(
      /^date_effet: 2025-07-01\neffet_avant_signature: false # convflux migrate/m,
    );
    // Every line of the draft is still there, in the same order.
    let at = 0;
    for (const line of before.split('\n')) {
      const found = after.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + line.length;
    }
    // Writing a default changes neither the text nor the figures printed.
    expect(html(dir, 'apres')).toBe(htmlAvant);
  }, 120_000);

  it('leaves the acts of the visas to a human: a blank and a warning at its line', () => {
    const dir = etatV2Ancien();
    const file = join(ETAT_93, 'v2.yaml');
    const r = migrate(dir, file);
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const visas = r.diagnostics.filter((d) => d.code === 'MIGRATION_VISA_A_REMPLIR');
    expect(visas.map((d) => [d.severity, d.pointer])).toEqual([
      ['warning', '/visas_locaux/pdalhpd'],
      ['warning', '/visas_locaux/accord_collectif'],
    ]);
    expect(lines[(visas[0]?.line ?? 0) - 1]).toMatch(/^# {3}pdalhpd: \{ acte: "À REMPLIR/);
    expect(lines[(visas[1]?.line ?? 0) - 1]).toMatch(/^# {3}accord_collectif: \{ acte: "À REMPLIR/);
    // Still a valid draft; `check` keeps saying what is missing.
    const check = runCli(['check', file, '--json'], dir);
    expect(check.code, check.stdout).toBe(0);
    const diags = (JSON.parse(check.stdout) as { diagnostics: Diag[] }).diagnostics;
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags.map((d) => d.code)).toContain('VISA_LOCAL_SANS_ACTE');
    // Once is enough: nothing added again, the warnings stay until the blanks are filled.
    const text = readFileSync(join(dir, file), 'utf8');
    const again = migrate(dir, file);
    expect(again.status).toBe('unchanged');
    expect(again.ajouts).toEqual([]);
    expect(again.diagnostics.map((d) => [d.code, d.line])).toEqual(
      visas.map((d) => [d.code, d.line]),
    );
    expect(readFileSync(join(dir, file), 'utf8')).toBe(text);
    const human = runCli(['migrate', file], dir);
    expect(human.stdout).toContain('déjà au format 2, à jour');
    expect(human.stdout).toContain('MIGRATION_VISA_A_REMPLIR');
  }, 120_000);

  it('brings a format-1 Action Logement draft to format 2 with its identification blanks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-migrate-al-'));
    cpSync(join(repoRoot, 'test/fixtures/format-1/action-logement-v1.yaml'), join(dir, 'al.yaml'));
    const r = migrate(dir, 'al.yaml');
    expect(r.status).toBe('migrated');
    const lines = readFileSync(join(dir, 'al.yaml'), 'utf8').split('\n');
    expect(lines).toContain('format: 2');
    expect(r.defauts.map((d) => d.cle)).toEqual([
      '/assiette/premiere_mise_en_location',
      '/designation/a_compter_de',
    ]);
    const blancs = r.diagnostics.filter((d) => d.code === 'MIGRATION_IDENTIFICATION_A_REMPLIR');
    expect(blancs.map((d) => d.pointer)).toEqual([
      '/reservataire/forme_juridique',
      '/reservataire/siren',
    ]);
    expect(lines[(blancs[0]?.line ?? 0) - 1]).toMatch(/^ {2}# forme_juridique: À REMPLIR/);
    expect(lines[(blancs[1]?.line ?? 0) - 1]).toMatch(/^ {2}# siren: "À REMPLIR"/);
    const check = runCli(['check', 'al.yaml', '--json'], dir);
    const diags = (JSON.parse(check.stdout) as { diagnostics: Diag[] }).diagnostics;
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diags.map((d) => d.code)).toContain('ACTION_LOGEMENT_IDENTIFICATION_INCOMPLETE');
  }, 120_000);
});
