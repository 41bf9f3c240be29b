/**
 * How `check` (and `evaluate --rules`) find convention files: nothing is skipped without a word,
 * symbolic links are followed (a loop is reported, never a hang), an unreadable folder is a
 * diagnostic and not a crash, an empty folder fails; and `check` stays linear with many
 * diagnostics in one file, capped per file with a summary line. Every case runs the real CLI on
 * files generated here.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  statSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { cliPath, repoRoot, runCli } from '../helpers.js';

interface CheckJson {
  ok: boolean;
  diagnostics: Diagnostic[];
  stats: { files: number; contextFiles: number; errors: number; warnings: number };
}

const EXAMPLE = join(repoRoot, 'rules', 'conventions', '93', '552046484');
const scratch: string[] = [];

/** A fresh world-readable folder (the unreadable-folder case runs the CLI as another user). */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-collecte-'));
  chmodSync(dir, 0o755);
  scratch.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of scratch) {
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function check(args: string[], cwd: string): { code: number; out: CheckJson } {
  const r = runCli(['check', ...args, '--json'], cwd);
  return { code: r.code, out: JSON.parse(r.stdout) as CheckJson };
}

const codes = (out: CheckJson): string[] => out.diagnostics.map((d) => d.code);

/** An Action Logement convention whose `version` disagrees with its path: one sure error. */
function brokenConvention(): string {
  return readFileSync(join(EXAMPLE, 'action-logement', 'v1.yaml'), 'utf8').replace(
    /^version: 1$/m,
    'version: 7',
  );
}

describe('check: nothing skipped without a word', () => {
  it('follows a symlinked folder and a symlinked file, and reports a link loop without hanging', () => {
    const root = tempDir();
    const store = join(root, 'store');
    mkdirSync(join(store, 'action-logement'), { recursive: true });
    writeFileSync(join(store, 'action-logement', 'v1.yaml'), brokenConvention());
    writeFileSync(join(store, 'montreuil.yaml'), brokenConvention());
    const tree = join(root, 'conventions', '93', '552046484');
    mkdirSync(join(tree, 'montreuil'), { recursive: true });
    symlinkSync(join(store, 'action-logement'), join(tree, 'action-logement'));
    symlinkSync(join(store, 'montreuil.yaml'), join(tree, 'montreuil', 'v1.yaml'));
    symlinkSync(join(root, 'conventions'), join(tree, 'boucle'));
    const { code, out } = check(['conventions'], root);
    expect(code).toBe(1);
    const files = new Set(out.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    expect(files).toContain('conventions/93/552046484/action-logement/v1.yaml');
    expect(files).toContain('conventions/93/552046484/montreuil/v1.yaml');
    const loop = out.diagnostics.find((d) => d.code === 'LIEN_BOUCLE');
    expect(loop?.file).toBe('conventions/93/552046484/boucle');
    expect(out.stats.files).toBe(2);
  });

  it('reads upper-case .YAML and .Yml files as conventions', () => {
    const root = tempDir();
    const dir = join(root, '93', '552046484', 'action-logement');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'v1.YAML'), brokenConvention());
    writeFileSync(join(dir, 'v2.Yml'), brokenConvention().replace('version: 7', 'version: 2'));
    const { code, out } = check(['.'], root);
    expect(code).toBe(1);
    expect(out.stats.files).toBe(2);
    const incoherent = out.diagnostics.filter((d) => d.code === 'CHEMIN_INCOHERENT');
    expect(incoherent.map((d) => d.file)).toContain('93/552046484/action-logement/v1.YAML');
    expect(codes(out)).not.toContain('HORS_ARBORESCENCE');
  });

  it('names every entry it does not read: other files, hidden names, a broken link', () => {
    const root = tempDir();
    const dir = join(root, '93', '552046484', 'action-logement');
    mkdirSync(dir, { recursive: true });
    cpSync(join(EXAMPLE, 'action-logement', 'v1.yaml'), join(dir, 'v1.yaml'));
    writeFileSync(join(dir, 'notes.txt'), 'à relire\n');
    writeFileSync(join(dir, 'v1.pdf'), '%PDF-1.7\n');
    writeFileSync(join(dir, '.brouillon.yaml'), 'id: x\n');
    symlinkSync(join(root, 'nulle-part.yaml'), join(dir, 'v2.yaml'));
    const { out } = check(['.'], root);
    const ignored = out.diagnostics.filter((d) => d.code === 'ENTREE_IGNOREE');
    const named = ignored.map((d) => String(d.params['entrees'])).join(', ');
    expect(named).toContain('notes.txt');
    expect(named).toContain('v1.pdf');
    expect(named).toContain('.brouillon.yaml');
    const broken = out.diagnostics.find((d) => d.code === 'FICHIER_IGNORE');
    expect(broken?.file).toBe('93/552046484/action-logement/v2.yaml');
    expect(broken?.severity).toBe('warning');
    expect(broken?.message).toMatch(/lien symbolique cassé/);
    // The broken v2 is not « missing »: nothing claims a version is absent.
    expect(codes(out)).not.toContain('VERSION_MANQUANTE');
  });

  it('reports a folder named v1.yaml, and its sibling v2 does not say « il manque la version 1 »', () => {
    const root = tempDir();
    const dir = join(root, '93', '552046484', 'etat-93');
    mkdirSync(join(dir, 'v1.yaml'), { recursive: true });
    cpSync(join(EXAMPLE, 'etat-93', 'v2.yaml'), join(dir, 'v2.yaml'));
    const { code, out } = check(['.'], root);
    expect(code).toBe(1);
    expect(out.diagnostics.find((d) => d.code === 'DOSSIER_NOM_CONVENTION')?.file).toBe(
      '93/552046484/etat-93/v1.yaml',
    );
    expect(codes(out)).not.toContain('VERSION_MANQUANTE');
    const nc = out.diagnostics.find((d) => d.code === 'VERSION_NON_COMPARABLE');
    expect(nc?.file).toBe('93/552046484/etat-93/v2.yaml');
    expect(nc?.message).not.toMatch(/il manque/);
  });

  it('an unparsable v1 gives its own error, and v2 (checked alone) says v1 could not be read', () => {
    const root = tempDir();
    const dir = join(root, '93', '552046484', 'etat-93');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'v1.yaml'), 'id: [non fermé\n');
    cpSync(join(EXAMPLE, 'etat-93', 'v2.yaml'), join(dir, 'v2.yaml'));
    const all = check(['.'], root).out;
    expect(codes(all)).toContain('YAML_SYNTAXE');
    expect(codes(all)).not.toContain('VERSION_MANQUANTE');
    const alone = check(['93/552046484/etat-93/v2.yaml'], root).out;
    expect(codes(alone)).toEqual(['VERSION_NON_COMPARABLE']);
    expect(alone.diagnostics[0]?.params['fichier']).toBe('93/552046484/etat-93/v1.yaml');
  });

  it('fails on a folder with no convention, naming the folder and the layout', () => {
    const root = tempDir();
    mkdirSync(join(root, 'vide', 'sous-dossier'), { recursive: true });
    writeFileSync(join(root, 'vide', 'LISEZMOI.md'), '# rien\n');
    const { code, out } = check(['vide'], root);
    expect(code).toBe(1);
    const d = out.diagnostics.find((x) => x.code === 'DOSSIER_SANS_CONVENTION');
    expect(d?.file).toBe('vide');
    expect(d?.message).toContain('<département>/<SIREN>/<réservataire>/v<N>.yaml');
    expect(out.diagnostics.find((x) => x.code === 'ENTREE_IGNOREE')?.params['entrees']).toBe(
      'LISEZMOI.md',
    );
    const text = runCli(['check', 'vide'], root);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/1 erreur/);
  });
});

describe('check: an unreadable sub-folder', () => {
  it('is reported as DOSSIER_ILLISIBLE and the rest is still checked (no crash)', () => {
    const root = tempDir();
    const tree = join(root, '93', '552046484');
    mkdirSync(join(tree, 'action-logement'), { recursive: true });
    writeFileSync(join(tree, 'action-logement', 'v1.yaml'), brokenConvention());
    cpSync(join(EXAMPLE, 'montreuil'), join(tree, 'montreuil'), { recursive: true });
    chmodSync(join(tree, 'montreuil'), 0o000);
    // root reads through chmod 000: run the CLI as an unprivileged user then.
    const asRoot = process.getuid?.() === 0;
    const command = asRoot ? 'setpriv' : process.execPath;
    const args = [
      ...(asRoot ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : []),
      cliPath,
      'check',
      '.',
      '--json',
    ];
    // The unprivileged user must reach the CLI: a clone under a 0700 folder gets the traverse
    // bit (x, never r or w) on its ancestors for this test, put back afterwards.
    const restore = asRoot ? openAncestors(cliPath) : [];
    let r;
    try {
      r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 20_000 });
    } finally {
      for (const [dir, mode] of restore) chmodSync(dir, mode);
    }
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as CheckJson;
    expect(r.status).toBe(1);
    const d = out.diagnostics.find((x) => x.code === 'DOSSIER_ILLISIBLE');
    expect(d?.file).toBe('93/552046484/montreuil');
    expect(d?.message).toMatch(/permission refusée \(EACCES\)/);
    expect(codes(out)).toContain('CHEMIN_INCOHERENT');
    expect(codes(out)).not.toContain('ERREUR_INTERNE');
  });
});

describe('evaluate --rules: a skipped convention is never a silent drop', () => {
  it('reads a symlinked réservataire and an upper-case .YAML, and names a broken link', () => {
    const root = tempDir();
    const store = join(root, 'store');
    const tree = join(root, 'conventions', '93', '552046484');
    cpSync(EXAMPLE, tree, { recursive: true });
    renameSync(join(tree, 'action-logement'), store);
    symlinkSync(store, join(tree, 'action-logement'));
    renameSync(join(tree, 'montreuil', 'v1.yaml'), join(tree, 'montreuil', 'v1.YAML'));
    symlinkSync(join(root, 'absent.yaml'), join(tree, 'saint-denis', 'v2.yaml'));
    const fixtures = join(repoRoot, 'test', 'fixtures', 'exemple-93');
    const r = runCli(
      [
        'evaluate',
        '--rules',
        'conventions',
        '--parc',
        join(fixtures, 'logements.csv'),
        '--events',
        join(fixtures, 'evenements.csv'),
        '--annee',
        '2025',
        '--tolerant',
        '--json',
      ],
      root,
    );
    const out = JSON.parse(r.stdout) as { diagnostics?: Diagnostic[] };
    expect(r.stdout).toContain('action-logement');
    expect(r.stdout).toContain('montreuil');
    const broken = out.diagnostics?.find((d) => d.code === 'FICHIER_IGNORE');
    expect(broken?.file).toBe('conventions/93/552046484/saint-denis/v2.yaml');
  });
});

describe('check: many diagnostics in one file', () => {
  it('90 000 unknown keys (< 1 MiB) are checked in well under 10 s, capped with a summary', () => {
    const root = tempDir();
    const lines: string[] = [];
    for (let i = 0; i < 90_000; i++) lines.push(`k${String(i)}: 1`);
    const text = `${lines.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
    writeFileSync(join(root, 'cles.yaml'), text);
    // CPU time of the CLI process (the machine may be shared: wall time only guards against a hang).
    const probe = join(repoRoot, 'dist', 'bench', 'rss-probe.js');
    const r = spawnSync(
      process.execPath,
      ['--import', probe, cliPath, 'check', 'cles.yaml', '--json'],
      { cwd: root, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(r.status).toBe(1);
    const cpuMicros = Number(/convflux-bench-maxrss=\d+ cpu=(\d+)/.exec(r.stderr)?.[1]);
    expect(cpuMicros / 1e6).toBeLessThan(10);
    const out = JSON.parse(r.stdout) as CheckJson;
    expect(out.diagnostics.length).toBe(201);
    const summary = out.diagnostics.find((d) => d.code === 'DIAGNOSTICS_MASQUES');
    expect(summary?.message).toMatch(/^… et \d+ autres diagnostics de ce fichier non affichés/);
    const hidden = Number(summary?.params['nombre']);
    // Every unknown key is counted in the totals, shown or not.
    expect(out.stats.errors).toBeGreaterThanOrEqual(90_000);
    expect(out.stats.errors).toBe(200 + hidden);
  }, 60_000);

  it('counts the diagnostics not shown in the text summary line', () => {
    const root = tempDir();
    const lines = Array.from({ length: 500 }, (_, i) => `k${String(i)}: 1`);
    writeFileSync(join(root, 'cles.yaml'), `${lines.join('\n')}\n`);
    const { out } = check(['cles.yaml'], root);
    const plain = runCli(['check', 'cles.yaml'], root);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('info DIAGNOSTICS_MASQUES');
    expect(out.stats.errors).toBeGreaterThanOrEqual(500);
    expect(plain.stdout.trim().split('\n').at(-1)).toBe(
      `${String(out.stats.errors)} erreurs, 0 avertissement dans 1 fichier.`,
    );
  });
});

/** Adds o+x to the ancestors of `path` that lack it; returns their former modes. */
function openAncestors(path: string): [string, number][] {
  const changed: [string, number][] = [];
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      changed.push([dir, mode]);
      chmodSync(dir, mode | 0o001);
    }
  }
  return changed;
}
