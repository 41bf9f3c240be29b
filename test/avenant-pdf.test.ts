/**
 * `convflux render --avenant` end to end with the real Chromium: the PDF is read back with
 * pdfjs-dist (text per page, metadata, signature fields) and pdf-lib, as a legal team would read
 * it. Chromium is required (Debian: `apt-get install -y chromium`); these tests are never skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfPageTexts } from './pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderAvenant } from '../src/avenant/render-avenant.js';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { repoRoot, runCli } from './helpers.js';

const etatDir = join(repoRoot, 'rules', 'conventions', '93/552046484/etat-93');
const etatV1 = join(etatDir, 'v1.yaml');
const etatV2 = join(etatDir, 'v2.yaml');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** Text on one line, spaces of every kind as one plain space. */
const flat = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ');

let browser: PdfBrowser;

beforeAll(async () => {
  const chromium = chromiumPath();
  if (!existsSync(chromium))
    throw new Error(
      `Chromium est introuvable (${chromium}) : les tests de l’avenant PDF en ont besoin et ne sont ` +
        'jamais sautés. Installez-le : `sudo apt-get install -y chromium`, ou indiquez son chemin ' +
        'dans CONVFLUX_CHROMIUM.',
    );
  browser = await PdfBrowser.launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  return (await pdfPageTexts(bytes)).map(flat);
}

async function render(out: string): Promise<{
  bytes: Uint8Array;
  pages: string[];
  result: Awaited<ReturnType<typeof renderAvenant>>;
}> {
  const result = await renderAvenant(etatV1, etatV2, { browser, out, cwd: repoRoot });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ok).toBe(true);
  const bytes = readFileSync(out);
  return { bytes, pages: await pageTexts(bytes), result };
}

describe('the example avenant PDF (etat-93 v1 → v2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-pdf-'));
  let r: Awaited<ReturnType<typeof render>>;
  beforeAll(async () => {
    r = await render(join(dir, 'avenant.pdf'));
  }, 60_000);

  it('contains exactly the changed articles, old and new wording, and the date d’effet', () => {
    const text = r.pages.join(' ');
    expect(text).toContain(
      'AVENANT N° 1 À LA CONVENTION DE RÉSERVATION DE LOGEMENTS LOCATIFS SOCIAUX EN FLUX',
    );
    const amended = [
      ...text.matchAll(/Modification de l’(article|annexe) (\d+) de la convention/g),
    ].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`);
    expect(amended).toEqual(['article 5', 'article 6', 'article 9', 'annexe 1']);
    // Décompte, refus, objectifs indicatifs: quoted. Part, assiette, désignation, durée: not.
    for (const quoted of [
      'Article 5 – Objectifs contractuels et indicatifs',
      'Article 6 – Décompte et pondération',
      'Article 9 – Refus',
      '9.1 Refus du candidat',
      '5.2 Objectifs indicatifs',
    ])
      expect(text, quoted).toContain(quoted);
    for (const absent of [
      'Article 3 – Part du flux réservée',
      'Article 2 – Assiette du flux',
      'Article 7 – Orientation',
      'Article 13 – Durée',
      'Modification de l’article 3',
      'Modification de l’article 7',
    ])
      expect(text, absent).not.toContain(absent);
    expect(text).toContain('0,5 point');
    expect(text).toContain('0,25 point');
    expect(text).toContain('un (1) mois');
    expect(text).toContain('quinze (15) jours');
    expect(text).toContain('Logements récents hors QPV');
    expect(text).toContain('Ancienne rédaction (version n° 1)');
    expect(text).toContain('Nouvelle rédaction (version n° 2)');
    expect(text).toContain(
      'Le présent avenant entre en vigueur à la date de sa signature par la dernière des parties.',
    );
    expect(text).toContain('Il prend effet le 1er juillet 2025 ou, si elle est postérieure');
    expect(text).toContain('Les autres stipulations de la convention demeurent inchangées');
  });

  it('prints page x / y, id, versions and content hashes on every page', () => {
    const n = r.pages.length;
    const { empreintes } = r.result.document ?? { empreintes: ['', ''] };
    const footer = `93-552046484-etat-93 · avenant n° 1 (projet) · v1 ${empreintes[0].slice(7, 19)} → v2 ${empreintes[1].slice(7, 19)}`;
    expect(n).toBeGreaterThan(2);
    r.pages.forEach((page, i) => {
      expect(page, `page ${String(i + 1)}`).toContain(`page ${String(i + 1)} sur ${String(n)}`);
      expect(page, `page ${String(i + 1)}`).toContain(footer);
    });
  });

  it('has one empty signature field per signatory of the new version', async () => {
    const signataires = (parse(readFileSync(etatV2, 'utf8')) as { signataires: unknown[] })
      .signataires;
    const lib = await PDFDocument.load(r.bytes);
    const names = lib
      .getForm()
      .getFields()
      .map((f) => f.getName());
    expect(names).toHaveLength(signataires.length);
    expect(names).toEqual([
      'Signature 1 – bailleur – Mme Claire Martin',
      'Signature 2 – réservataire – Mme Sophie Bernard',
    ]);
    expect(r.result.document?.signatureFields).toEqual(names);
  });

  it('carries fixed metadata: dates = the new date d’effet, both YAML SHA-256', async () => {
    const doc = await getDocument({ data: new Uint8Array(r.bytes), verbosity: 0 }).promise;
    const { info } = (await doc.getMetadata()) as unknown as {
      info: Record<string, unknown> & { Custom?: Record<string, string> };
    };
    await doc.destroy();
    const sha1 = sha256(readFileSync(etatV1));
    const sha2 = sha256(readFileSync(etatV2));
    expect(info['CreationDate']).toBe('D:20250701000000Z');
    expect(info['ModDate']).toBe('D:20250701000000Z');
    expect(info['Title']).toBe(
      'Avenant n° 1 à la convention de réservation de logements locatifs sociaux en flux entre Exemple Habitat et l’État (Préfet de la Seine-Saint-Denis)',
    );
    expect(info.Custom?.['ConvfluxYamlSha256']).toBe(sha2);
    expect(info.Custom?.['ConvfluxYamlSha256Precedente']).toBe(sha1);
    expect(String(info['Keywords'])).toContain(`yaml-sha256:${sha1}`);
    expect(String(info['Keywords'])).toContain(`yaml-sha256:${sha2}`);
    expect(r.result.document?.yamlSha256).toEqual([sha1, sha2]);
  });

  it('is byte-identical when printed again, and never reaches the network', async () => {
    const again = await render(join(dir, 'encore.pdf'));
    expect(sha256(again.bytes)).toBe(sha256(r.bytes));
    expect(browser.requests.blocked).toEqual([]);
  });
});

describe('convflux render --avenant (CLI, PDF)', () => {
  it('writes <id>-avenant-<N>.pdf in the --out folder, same bytes as the library', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-avenant-cli-'));
    const cli = runCli(['render', '--avenant', etatV1, etatV2, '--out', `${dir}/`, '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const out = JSON.parse(cli.stdout) as {
      ok: boolean;
      documents: { output: string; sha256: string; pages: number; modifications: string[] }[];
    };
    expect(out.ok).toBe(true);
    const d = out.documents[0];
    expect(d?.output).toMatch(/93-552046484-etat-93-avenant-1\.pdf$/);
    expect(sha256(readFileSync(d?.output ?? ''))).toBe(d?.sha256);
    const lib = await renderAvenant(etatV1, etatV2, {
      browser,
      out: join(dir, 'bibliotheque.pdf'),
      cwd: repoRoot,
    });
    expect(lib.document?.sha256).toBe(d?.sha256);
  });
});
