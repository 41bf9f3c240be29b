import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers.js';

const PARC_HEADER =
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux';
const EVENEMENTS_HEADER = 'id,date,type,logement,reservataire,motif,decision,par,candidats';
const TYPES = [
  'liberation',
  'mise_en_service',
  'hors_assiette',
  'orientation',
  'designation',
  'caleol',
  'refus',
  'bail_signe',
  'reprise',
];

/** Runs the real entry point (compiled dist/, built by `npm run build`). */
function gen(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'bench', 'gen-main.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under a folder, relative path → content. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').slice(0, -1);

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-gen-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('npm run gen (idf, csv, small scale)', () => {
  let a = '';
  beforeAll(() => {
    a = join(tmp, 'a');
    const r = gen(['--region', 'idf', '--echelle', '0.02', '--seed', '7', '--out', a]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/logements/);
  });

  it('writes the conventions, the parc and the events with exact headers', () => {
    expect(existsSync(join(a, 'rules', 'conventions'))).toBe(true);
    const parc = lines(join(a, 'logements.csv'));
    const events = lines(join(a, 'evenements.csv'));
    expect(parc[0]).toBe(PARC_HEADER);
    expect(events[0]).toBe(EVENEMENTS_HEADER);
    expect(parc.length).toBeGreaterThan(10_000);
    expect(events.length).toBeGreaterThan(1_000);
    for (const row of parc.slice(1)) {
      const f = row.split(',');
      expect(f).toHaveLength(10);
      expect(f[5]).toMatch(/^(true|false)$/);
      expect(f[6]).toMatch(/^T[1-6]$/);
      expect(f[7]).toMatch(/^(PLAI|PLUS|PLS|PLI)$/);
      expect(f[9]).toMatch(/^(|defense|securite_interieure|sante)$/);
    }
  });

  it('has unique flats and events; every event is about a flat of the parc', () => {
    const parc = new Map(
      lines(join(a, 'logements.csv'))
        .slice(1)
        .map((row) => [row.split(',')[0] ?? '', row.split(',')]),
    );
    expect(parc.size).toBe(lines(join(a, 'logements.csv')).length - 1);
    const ids = new Set<string>();
    const types = new Set<string>();
    for (const row of lines(join(a, 'evenements.csv')).slice(1)) {
      const [id = '', , type = '', logement = '', reservataire = ''] = row.split(',');
      expect(row.split(',')).toHaveLength(9);
      expect(ids.has(id)).toBe(false);
      ids.add(id);
      types.add(type);
      const flat = parc.get(logement);
      expect(flat, logement).toBeDefined();
      if (type === 'orientation') {
        // The réservataire has a convention with the flat's bailleur in its département.
        const [, bailleur = '', departement = ''] = flat ?? [];
        const folder = join(a, 'rules', 'conventions', departement, bailleur, reservataire);
        expect(existsSync(folder), folder).toBe(true);
      }
    }
    for (const type of ['liberation', 'orientation', 'designation', 'caleol', 'bail_signe'])
      expect(types).toContain(type);
    for (const type of types) expect(TYPES).toContain(type);
  });

  it('writes events sorted by date, then by id', () => {
    let previous = '';
    for (const row of lines(join(a, 'evenements.csv')).slice(1)) {
      const [id = '', date = ''] = row.split(',');
      const key = `${date} ${id}`;
      expect(key > previous, `${previous} then ${key}`).toBe(true);
      previous = key;
    }
  });

  it('gives the same bytes for the same seed, others for another seed', () => {
    const b = join(tmp, 'b');
    const c = join(tmp, 'c');
    expect(gen(['--echelle', '0.02', '--seed', '7', '--out', b]).code).toBe(0);
    expect(gen(['--echelle', '0.02', '--seed', '8', '--out', c]).code).toBe(0);
    const ta = tree(a);
    const tb = tree(b);
    expect([...tb.keys()]).toEqual([...ta.keys()]);
    for (const [path, bytes] of ta) expect(tb.get(path)?.equals(bytes), path).toBe(true);
    expect(
      readFileSync(join(c, 'evenements.csv')).equals(readFileSync(join(a, 'evenements.csv'))),
    ).toBe(false);
  });

  it('generates a conventions tree that checks clean', () => {
    const r = runCli(['check', join(a, 'rules'), '--json']);
    expect(r.code, r.stdout.slice(0, 2000)).toBe(0);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      diagnostics: { severity: string; code: string }[];
    };
    expect(report.ok).toBe(true);
    // The generated region is written in format 1 (a benchmark corpus, not conventions to sign):
    // each file gets the one warning listing what format 2 would need; notes say convflux's reading.
    expect(
      report.diagnostics.filter(
        (d) => d.severity !== 'info' && d.code !== 'FORMAT_1_SIGNATURE_INCOMPLETE',
      ),
    ).toEqual([]);
    const autres = report.diagnostics.filter((d) => d.code !== 'FORMAT_1_SIGNATURE_INCOMPLETE');
    expect(new Set(autres.map((d) => d.code))).toEqual(
      new Set(autres.length ? ['GARANTIE_EMPRUNT_LECTURE'] : []),
    );
  });
});

describe('npm run gen (france, ndjson, tiny scale)', () => {
  it('writes JSON lines consistent with the parc, and a tree that checks clean', () => {
    const dir = join(tmp, 'france');
    const r = gen(['--region', 'france', '--echelle', '0.005', '--format', 'ndjson', '--out', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'logements.csv'))).toBe(false);
    const parc = new Set<string>();
    for (const line of lines(join(dir, 'logements.ndjson'))) {
      const row = JSON.parse(line) as Record<string, unknown>;
      expect(typeof row['logement']).toBe('string');
      expect(typeof row['qpv']).toBe('boolean');
      expect(typeof row['annee_construction']).toBe('number');
      parc.add(String(row['logement']));
    }
    expect(parc.size).toBeGreaterThan(10_000);
    let previous = '';
    for (const line of lines(join(dir, 'evenements.ndjson'))) {
      const e = JSON.parse(line) as Record<string, unknown>;
      expect(parc.has(String(e['logement']))).toBe(true);
      expect(TYPES).toContain(e['type']);
      if (e['type'] === 'designation') expect(e['candidats']).toBeTypeOf('number');
      const key = `${String(e['date'])} ${String(e['id'])}`;
      expect(key > previous).toBe(true);
      previous = key;
    }
    expect(runCli(['check', join(dir, 'rules'), '--json']).code).toBe(0);
  });
});

describe('npm run gen usage', () => {
  it('refuses an unknown region with exit code 2', () => {
    const r = gen(['--region', 'mars', '--out', join(tmp, 'mars')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--region/);
    expect(existsSync(join(tmp, 'mars'))).toBe(false);
  });
});
