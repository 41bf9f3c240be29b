/**
 * Parties and authority (B1, C1, C12, C15), the signing workflow and entry into force (I2, C9),
 * the format version and `convflux migrate`, through the real CLI: the PDF text read back, the
 * diagnostics of `check` by statut and format, the seal kept from `arretee` to `signee` in
 * format 2 and unchanged for format-1 files, and `migrate` on a draft and on a sealed file.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPageTexts } from './pdf-text.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
interface Diag {
  code: string;
  severity: string;
  line: number;
  pointer: string;
  reference?: { article: string };
}

/** The real CLI, without blocking the test worker (Chromium renders take a while). */
function cli(args: string[], cwd = repoRoot): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

async function diagnostics(file: string, cwd: string): Promise<{ run: Run; diags: Diag[] }> {
  const run = await cli(['check', file, '--json'], cwd);
  const diags = (JSON.parse(run.stdout) as { diagnostics: Diag[] }).diagnostics.filter(
    (d) => d.code !== 'HORS_ARBORESCENCE',
  );
  return { run, diags };
}

/** Text of a PDF on one line, spaces of every kind as one plain space. */
async function pdfText(file: string): Promise<string> {
  const pages = await pdfPageTexts(readFileSync(file));
  // A line broken after a hyphen (« Seine-⏎Saint-Denis ») is one word.
  return pages
    .join('\n')
    .replace(/-\n/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

const examples = join(repoRoot, 'rules/conventions/93/552046484');
const fixtures = join(repoRoot, 'test/fixtures/format-1');

/** A copy of the example set (and the format-1 fixtures) in a fresh layout. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-parties-'));
  cpSync(examples, join(dir, 'conventions/93/552046484'), { recursive: true });
  mkdirSync(join(dir, 'format-1'));
  cpSync(fixtures, join(dir, 'format-1'), { recursive: true });
  return dir;
}

describe('the printed parties and entry into force (PDF read back)', () => {
  const dir = workspace();
  const texts = new Map<string, string>();
  beforeAll(async () => {
    // The format-1 copy of Action Logement is rendered apart: with the example set it would be
    // a second version 1 of the same convention.
    for (const files of [
      ['conventions/93/552046484/etat-93/v1.yaml', 'conventions/93/552046484/montreuil/v1.yaml'],
      ['format-1/action-logement-v1.yaml'],
    ]) {
      const r = await cli(['render', ...files, '--out', 'pdf/'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    for (const [cle, nom] of [
      ['etat', '93-552046484-etat-93-v1.pdf'],
      ['montreuil', '93-552046484-montreuil-v1.pdf'],
      ['al', '93-552046484-action-logement-v1.pdf'],
    ] as const)
      texts.set(cle, await pdfText(join(dir, 'pdf', nom)));
  }, 240_000);

  it('names the bailleur’s legal form, siège and SIREN, and each signatory with its authority', () => {
    const etat = texts.get('etat') ?? '';
    expect(etat).toContain(
      'Exemple Habitat, société anonyme d’habitations à loyer modéré, dont le siège est situé 8 rue de l’Exemple, 93100 Montreuil, immatriculée sous le numéro SIREN 552 046 484, représentée par Mme Claire Martin, directrice générale, dûment habilitée par délibération du conseil d’administration n° 2023-18 du 22 juin 2023, ci-après dénommée « le bailleur »',
    );
    expect(etat).toContain(
      'L’État, représenté par Mme Sophie Bernard, secrétaire générale de la préfecture de la Seine-Saint-Denis, agissant par délégation de signature du préfet de la Seine-Saint-Denis, donnée par arrêté n° 2023-2104 du 4 septembre 2023',
    );
    const montreuil = texts.get('montreuil') ?? '';
    expect(montreuil).toContain(
      'Commune de Montreuil, collectivité territoriale, code officiel géographique 93048, dont le siège est situé place Jean-Jaurès, 93100 Montreuil, représentée par Mme Nadia Haddad, maire de Montreuil, dûment habilitée par délibération du conseil municipal n° 2023-145 du 14 décembre 2023',
    );
  });

  it('never stutters, also for a format-1 file whose signatory is a title', () => {
    const al = texts.get('al') ?? '';
    expect(al).toContain(
      'Exemple Habitat, organisme de logement social, immatriculé sous le numéro SIREN 552 046 484, représenté par son directeur général,',
    );
    // C12: the words of R. 441-5 I.
    expect(al).toContain(
      'Action Logement Services, la société mentionnée à l’article L. 313-19 du code de la construction et de l’habitation, représentée par son directeur régional Île-de-France',
    );
    for (const text of texts.values()) {
      expect(text).not.toMatch(/directeur général, directeur général/i);
      expect(text).not.toMatch(/préfet de la Seine-Saint-Denis, préfet de la Seine-Saint-Denis/i);
      expect(text).not.toMatch(/maire de \S+, maire/i);
      expect(text).not.toMatch(/Préfet de la Seine-Saint-Denis Le préfet de la Seine-Saint-Denis/);
    }
  });

  it('says when the convention enters into force, and prints the date once every party signed', () => {
    const etat = texts.get('etat') ?? '';
    expect(etat).toContain(
      'Elle entre en vigueur à la date de sa signature par la dernière des parties. Elle prend effet le 1er janvier 2024',
    );
    // The date of the last signature is a fact, printed on the title page, not in the article.
    expect(etat).toContain('Entrée en vigueur le 26 février 2024, date de la dernière signature');
    // Title page, the recorded signature in the signature section (a copy) and annex 3 (status).
    expect(etat.match(/26 février 2024/g)).toHaveLength(3);
    expect(etat).not.toContain('La dernière signature');
    expect(etat).toContain(
      'Les attributions prononcées entre le 1er janvier 2024 et son entrée en vigueur sont décomptées au titre de la présente convention.',
    );
    const montreuil = texts.get('montreuil') ?? '';
    expect(montreuil).toContain(
      'par la dernière des parties et, le cas échéant, de sa transmission au représentant de l’État dans le département.',
    );
    expect(montreuil).not.toContain('La dernière signature');
    expect(montreuil).not.toContain('date de la dernière signature');
  });

  it('says how the electronic original is kept (C9), with no paper « exemplaires »', () => {
    for (const [cle, text] of texts) {
      // The État's v1 is signed: printed again, it is a copy of the signed original.
      if (cle === 'etat') {
        expect(text).toContain('La présente convention a été signée électroniquement');
        expect(text).toContain('Seul fait foi l’original électronique signé');
      } else {
        expect(text).toContain(
          'La présente convention est signée électroniquement par chacune des parties',
        );
        expect(text).toContain('Elle est établie en un original électronique');
      }
      expect(text).not.toContain('exemplaires originaux');
    }
  });
});

describe('check: what a signature needs, by statut and format', () => {
  const dir = workspace();
  const rel = 'conventions/93/552046484/montreuil/v1.yaml';
  const file = join(dir, rel);
  const original = readFileSync(file, 'utf8');
  /** The example without the mayor's habilitation number nor the bailleur's siège. */
  const incomplet = original
    .replace(/^ {2}siege: 8 rue.*\n/m, '')
    .replace(/^ {6}numero: "2023-145"\n/m, '')
    .replace(/(nom: Mme Claire Martin.*\n.*\n) {4}habilitation:\n(?: {6}.*\n)+/, '$1');
  const codes = [
    'PARTIE_SIEGE_ABSENT',
    'PARTIE_HABILITATION_ABSENTE',
    'PARTIE_DELIBERATION_SANS_NUMERO',
  ];

  it('warns on a projet, with positions and the article', async () => {
    writeFileSync(file, incomplet);
    const { run, diags } = await diagnostics(rel, dir);
    expect(run.code).toBe(0);
    expect(diags.map((d) => d.code).sort()).toEqual([...codes].sort());
    for (const d of diags) {
      expect(d.severity).toBe('warning');
      expect(d.line).toBeGreaterThan(0);
      expect(d.reference?.article).toBe('CCH art. R. 441-5 I');
    }
  });

  it('refuses them on an arretee version of format 2 (errors, exit 1)', async () => {
    writeFileSync(file, incomplet.replace(/^statut: projet/m, 'statut: arretee'));
    const { run, diags } = await diagnostics(rel, dir);
    expect(run.code).toBe(1);
    for (const code of codes)
      expect(diags.find((d) => d.code === code)?.severity, code).toBe('error');
    // …and the seal is refused while they are missing.
    expect((await cli(['seal', rel], dir)).code).toBe(1);
  });

  it('on a file without format (format 1), says them in one warning, even arretee', async () => {
    writeFileSync(
      file,
      incomplet.replace(/^format: 2.*\n/m, '').replace(/^statut: projet/m, 'statut: arretee'),
    );
    const run = await cli(['check', rel, '--json'], dir);
    const diags = (JSON.parse(run.stdout) as { diagnostics: (Diag & { message: string })[] })
      .diagnostics;
    for (const code of codes) expect(diags.map((d) => d.code)).not.toContain(code);
    const resume = diags.filter((d) => d.code === 'FORMAT_1_SIGNATURE_INCOMPLETE');
    expect(resume).toHaveLength(1);
    expect(resume[0]?.severity).toBe('warning');
    expect(resume[0]?.message).toContain(
      'siège du bailleur ; habilitation de « Mme Claire Martin » ; numéro de la délibération de « Mme Nadia Haddad »',
    );
    expect(diags.find((d) => d.code === 'ARRETEE_SANS_EMPREINTE')?.severity).toBe('error');
  });

  it('signee means every party has signed; signatures on a projet are flagged', async () => {
    writeFileSync(file, original.replace(/^statut: projet/m, 'statut: arretee'));
    expect((await cli(['seal', rel], dir)).code).toBe(0);
    const sealed = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      sealed
        .replace(/^statut: arretee/m, 'statut: signee')
        .replace(
          /^(empreinte: .*)$/m,
          '$1\nsignatures:\n  - { partie: bailleur, date: 2024-03-04 }',
        ),
    );
    let { run, diags } = await diagnostics(rel, dir);
    expect(run.code).toBe(1);
    expect(diags.map((d) => d.code)).toEqual(['SIGNATURE_PARTIE_MANQUANTE']);
    writeFileSync(
      file,
      original.replace(
        /^statut: projet$/m,
        'statut: projet\nsignatures:\n  - { partie: bailleur, date: 2024-03-04 }',
      ),
    );
    ({ run, diags } = await diagnostics(rel, dir));
    expect(run.code).toBe(0);
    expect(diags.map((d) => [d.code, d.severity])).toEqual([['SIGNATURES_SUR_PROJET', 'warning']]);
  });
});

describe('the seal: format 2 keeps it through the signatures, format 1 is unchanged', () => {
  it('a seal written before format 2 still holds (the État v1 as it was sealed)', async () => {
    const dir = workspace();
    const { diags } = await diagnostics('format-1/etat-93-v1.yaml', dir);
    expect(readFileSync(join(dir, 'format-1/etat-93-v1.yaml'), 'utf8')).toContain(
      'empreinte: sha256:fc91206a91200fb2c4f021ba7cb03b54a4098d670c395eaac67e147ae8cd8d60',
    );
    expect(diags.filter((d) => d.severity === 'error')).toEqual([]);
    // In format 1 the statut is sealed content: changing it breaks the seal.
    const file = join(dir, 'format-1/etat-93-v1.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^statut: signee/m, 'statut: arretee'));
    const after = await diagnostics('format-1/etat-93-v1.yaml', dir);
    expect(after.diags.map((d) => d.code)).toContain('ARRETEE_MODIFIEE');
  });
});

describe('convflux migrate', () => {
  it('adds format: 2 and the commented blanks to a draft, keeping every line and comment', async () => {
    const dir = workspace();
    const file = join(dir, 'format-1/montreuil-v1.yaml');
    const before = readFileSync(file, 'utf8');
    const r = await cli(['migrate', 'format-1/montreuil-v1.yaml'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('format 2');
    const after = readFileSync(file, 'utf8');
    // Every line of the draft is still there, in the same order.
    let at = 0;
    for (const line of before.split('\n')) {
      const found = after.indexOf(line, at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found + line.length;
    }
    expect(after).toMatch(/^version: 1\nformat: 2\n/m);
    expect(after).toMatch(/^ {2}# forme_juridique: À REMPLIR/m);
    expect(after).toMatch(/^ {2}# siege: À REMPLIR/m);
    expect(after).toMatch(
      /^ {4}# habilitation: \{ nature: deliberation, organe: conseil municipal/m,
    );
    expect(after).toMatch(/^# contreparties: # À REMPLIR/m);
    expect(after).toMatch(/^# juridiction: /m);
    // Still a valid draft: the blanks are warnings until the text is frozen.
    const { run, diags } = await diagnostics('format-1/montreuil-v1.yaml', dir);
    expect(run.code).toBe(0);
    expect(diags.every((d) => d.severity === 'warning')).toBe(true);
    expect(diags.map((d) => d.code)).toContain('PARTIE_FORME_JURIDIQUE_ABSENTE');
    // Once is enough.
    const again = await cli(['migrate', 'format-1/montreuil-v1.yaml'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('déjà au format 2');
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('never rewrites a sealed file, and says why (exit 1); usage and missing files exit 2', async () => {
    const dir = workspace();
    const file = join(dir, 'format-1/etat-93-v1.yaml');
    const before = readFileSync(file);
    const r = await cli(['migrate', 'format-1/etat-93-v1.yaml', '--json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; diagnostics: Diag[] };
    expect(out.ok).toBe(false);
    expect(out.diagnostics).toMatchObject([
      { code: 'MIGRATION_VERSION_SCELLEE', severity: 'error', pointer: '/empreinte' },
    ]);
    expect(out.diagnostics[0]?.line).toBeGreaterThan(0);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await cli(['migrate'], dir)).code).toBe(2);
    expect((await cli(['migrate', 'nulle/part.yaml'], dir)).code).toBe(2);
    expect((await cli(['help', 'migrate'], dir)).stdout).toContain('convflux migrate FICHIER…');
  });
});
