/**
 * `convflux serve --exemple` through the real process, on SQLite and PostgreSQL: on an empty
 * database it loads the bundled example (conventions of rules/, parc and events of
 * test/fixtures/exemple-93) and prints one account per organisation; the bailleur's figures are
 * then those of `convflux evaluate --json` on the same files. On a non-empty database it loads
 * nothing.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';
import { ditAuService } from './dit-au-service.js';
import { comptes, membreExemple } from './exemple-comptes.js';
import { BASES, demarrerServeur, serveurExemple, type Serveur } from './harness.js';

const BIN = join(repoRoot, 'bin', 'convflux.js');
const FIXTURES = join(repoRoot, 'test', 'fixtures', 'exemple-93');

interface Evaluation {
  ok: boolean;
  conventions: { id: string; flux_annuel: number; [k: string]: unknown }[];
  [k: string]: unknown;
}

/** `convflux evaluate --json` on the example's files (exit 1 is a finding). */
function evaluer(): Promise<Evaluation> {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-exemple-cli-'));
  cpSync(join(repoRoot, 'rules', 'conventions', '93'), join(dir, 'rules', 'conventions', '93'), {
    recursive: true,
  });
  const args = ['evaluate', '--rules', 'rules', '--parc', join(FIXTURES, 'logements.csv')];
  args.push('--events', join(FIXTURES, 'evenements.csv'), '--annee', '2025', '--json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(err));
      else resolve(JSON.parse(out) as Evaluation);
    });
  });
}

/**
 * The figures without the place of each diagnostic in the input: the CLI reads the CSV files
 * (header on line 1), the service writes what it holds as NDJSON (no header).
 */
function sansLieu(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sansLieu);
  if (v === null || typeof v !== 'object') return v;
  const diagnostic = 'code' in v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !(diagnostic && (k === 'file' || k === 'line')))
      .map(([k, x]) => [k, sansLieu(x)]),
  );
}

const dossiers = (chemin: string): string[] =>
  readdirSync(join(repoRoot, chemin), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

describe.each(BASES)('serve --exemple (%s)', (nom) => {
  let s: Serveur;
  beforeAll(async () => {
    s = await serveurExemple(nom);
  }, 120_000);
  afterAll(async () => {
    await s.stop();
  });

  it('prints one account per organisation of the example, once', () => {
    const c = comptes(s.sortie());
    const attendus = ['bailleur:552046484', 'bailleur:353017015'];
    for (const d of ['93', '35'])
      for (const b of dossiers(`rules/conventions/${d}`))
        for (const r of dossiers(`rules/conventions/${d}/${b}`)) attendus.push(`reservataire:${r}`);
    for (const e of dossiers('rules/cotation')) attendus.push(`epci:${e}`);
    expect([...c.keys()].sort()).toEqual([...new Set(attendus)].sort());
    const mots = [...c.values()].map(([, m]) => m);
    for (const m of mots) expect(s.sortie().split(m).length - 1).toBe(1);
  });

  it('gives the bailleur’s member the figures convflux evaluate --json gives on the same files', async () => {
    const c = await membreExemple(s, 'bailleur:552046484');
    const r = await c.get<Evaluation>(
      '/api/bailleurs/552046484/departements/93/figures?annee=2025',
    );
    expect(r.status).toBe(200);
    const attendu = await evaluer();
    expect(attendu.conventions.length).toBeGreaterThan(3);
    expect(sansLieu(r.body.conventions)).toEqual(sansLieu(ditAuService(attendu.conventions)));
    expect(r.body.conventions.map((x) => x.flux_annuel)).toEqual(
      attendu.conventions.map((x) => x.flux_annuel),
    );
    // Every permission: it may record an event too (a saisir route answers, not 403).
    const e = await c.post('/api/bailleurs/552046484/evenements', {});
    expect(e.status).toBe(400);
  }, 60_000);

  it('loads nothing on a database that is not empty', async () => {
    await s.stop();
    s = await demarrerServeur(nom, [...s.args, '--exemple']);
    expect(s.sortie()).toMatch(/la base n’est pas vide, rien n’est chargé/);
    expect(comptes(s.sortie()).size).toBe(0);
  }, 60_000);
});
