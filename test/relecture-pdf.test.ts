/**
 * The image review of December 2026 (docs/relecture-2026-12.md), as tests on the text read back
 * from the PDFs a legal team receives: every example convention, the avenant of the only version
 * pair and the bilan of the 93, printed by the real CLI (Chromium) and read by poppler's
 * pdftotext. Each test names the defect it guards against; each failed before its fix.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './helpers.js';
import { pdftotextPages } from './pdftotext.js';

const out = mkdtempSync(join(tmpdir(), 'convflux-relecture-'));
const etat93 = join(repoRoot, 'rules/conventions/93/552046484/etat-93');
const documents = new Map<string, string[]>();

/** The pages of a printed document, by the start of its file name. */
function pages(prefix: string): string[] {
  const found = [...documents.entries()].find(([name]) => name.startsWith(prefix));
  if (!found) throw new Error(`document absent : ${prefix}`);
  return found[1];
}

/** One document's text on one line, every kind of space as one space. */
function flat(prefix: string): string {
  return pages(prefix)
    .join('\n')
    .replace(/-\n/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** The running footer (document id, paraphs, page number) closing each page. */
const PIED =
  /page \d+ (sur|\/) \d+|^Paraphes|empreinte [0-9a-f]{12}|^bilan \d{2,3}-\d{9} · année|avenant n° \d+ \(/;

/** The last line of a page's body, above its footer. */
function derniereLigne(page: string): string {
  const lignes = page
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  while (lignes.length && PIED.test(lignes.at(-1) ?? '')) lignes.pop();
  return lignes.at(-1) ?? '';
}

/** A heading as the documents print them: article, annex, numbered section or sub-section. */
const TITRE =
  /^(Article \d+ – |Annexe \d+ – |Annexe [A-Z] – |\d+\.(\d+)? [A-ZÉÈÀ]|Signatures$|Préambule$|Objectifs (contractuels|indicatifs)$)/;

/** The real CLI, without blocking the test worker (Chromium renders take a while). */
function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}${stdout}`));
      else resolve();
    });
  });
}

beforeAll(async () => {
  await run(['render', join(repoRoot, 'rules/conventions'), '--out', out]);
  await run([
    'render',
    '--avenant',
    join(etat93, 'v1.yaml'),
    join(etat93, 'v2.yaml'),
    '--out',
    join(out, 'avenant.pdf'),
  ]);
  await run([
    'bilan',
    '--rules',
    join(repoRoot, 'rules/conventions/93'),
    '--parc',
    join(repoRoot, 'test/fixtures/exemple-93/logements.csv'),
    '--events',
    join(repoRoot, 'test/fixtures/exemple-93/evenements.csv'),
    '--annee',
    '2025',
    '--out',
    join(out, 'bilans'),
  ]);
  for (const dir of [out, join(out, 'bilans')])
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.pdf')))
      documents.set(name, pdftotextPages(join(dir, name)));
}, 400_000);

describe('the image review read back from the PDFs', () => {
  it('prints every example convention, the avenant and the bilan', () => {
    // 10 versions under rules/conventions/, one avenant, one bilan.
    expect(documents.size).toBe(12);
  });

  it('numbers every page « page X sur Y »', () => {
    for (const [name, texte] of documents)
      texte.forEach((page, i) => {
        expect(page, `${name} p. ${String(i + 1)}`).toContain(
          `page ${String(i + 1)} sur ${String(texte.length)}`,
        );
      });
  });

  it('never leaves a heading, or a sentence announcing what follows, alone at a page foot', () => {
    // Bilan p. 1 ended on « 1. Synthèse de l’année »; État 35 p. 3 on « Aux termes du I de
    // l’article R. 441-5-2 … : », its quotation on p. 4.
    for (const [name, texte] of documents)
      texte.slice(0, -1).forEach((page, i) => {
        const derniere = derniereLigne(page);
        expect(TITRE.test(derniere), `${name} p. ${String(i + 1)} : ${derniere}`).toBe(false);
        expect(derniere.endsWith(':'), `${name} p. ${String(i + 1)} : ${derniere}`).toBe(false);
      });
  });

  it('names a party once: no « Établissement public territorial Est Ensemble, établissement public territorial »', () => {
    const texte = flat('93-552046484-est-ensemble-v1');
    expect(texte).toContain('Établissement public territorial Est Ensemble, SIREN 200 057 875');
    expect(texte).not.toMatch(/Est Ensemble, établissement public territorial/);
  });

  it('keeps a civility with its name: no line ends on « M. » or « Mme »', () => {
    // « représentée par M.⏎Thomas Petit » (Action Logement 93), « par M.⏎Erwan Gabarit » (35).
    for (const [name, texte] of documents)
      for (const ligne of texte.join('\n').split('\n'))
        expect(ligne.trimEnd(), name).not.toMatch(/(^|\s)(M\.|Mme)$/);
  });

  it('agrees the consolidated version’s « dénommée » with the bailleur, a société', () => {
    expect(flat('93-552046484-etat-93-v1')).toContain('ci-après dénommée « le bailleur »');
    expect(flat('93-552046484-etat-93-v2')).toContain('ci-après dénommée « le bailleur »');
  });

  it('refers to no article the convention does not have (RGPD art. 34 named as such)', () => {
    const articles = (texte: string): number =>
      Math.max(...[...texte.matchAll(/Article (\d+) – /g)].map((m) => Number(m[1])));
    for (const [name] of documents.entries()) {
      if (name.includes('bilan')) continue;
      const texte = flat(name);
      // The avenant quotes the convention's articles: they count as the convention has them.
      const nombre = articles(name === 'avenant.pdf' ? flat('93-552046484-etat-93-v2') : texte);
      for (const m of texte.matchAll(/l’article (\d+)(?![\d-])(.{0,30})/g)) {
        const externe = /^,? ?(du |de la |de l’|des |d’)/.test(m[2] ?? '');
        if (!externe) expect(Number(m[1]), `${name} : ${m[0]}`).toBeLessThanOrEqual(nombre);
      }
    }
  });

  it('signs for the préfet « par délégation » when the signatory holds a délégation de signature', () => {
    for (const prefix of ['93-552046484-etat-93-v1', '35-353017015-etat-35-v1', 'avenant'])
      expect(flat(prefix), prefix).toMatch(/Pour le préfet d(e la |e l’|’)[^ ]+ et par délégation/);
  });

  it('prints every name of the bilan’s charts whole (no label cut with « ... »)', () => {
    const texte = flat('93-552046484-bilan-2025');
    expect(texte).not.toMatch(/\p{L}\.\.\./u);
    expect(texte).toContain('EPT Est Ensemble');
  });
});
