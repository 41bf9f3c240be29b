/**
 * A page that already holds a document's head (fonts, stylesheets) only has the next body swapped
 * in (src/render/page-parts.ts, swap-body.ts): the PDF must be the same bytes as when the whole
 * page is loaded, with the real Chromium.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfBrowser } from '../src/render/chromium.js';
import { conventionHtml, warmupHtml } from '../src/render/html.js';
import { pageParts } from '../src/render/page-parts.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import { repoRoot } from './helpers.js';

const examples = join(repoRoot, 'rules', 'conventions', '35', '353017015');
/** Signed (a copy, no `projet` class on the body) and a draft (`<body class="projet">`). */
const signee = join(examples, 'etat-35', 'v1.yaml');
const projet = join(examples, 'rennes', 'v1.yaml');

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const templates = loadTemplates();
const view = (file: string) =>
  prepareConvention(readFileSync(file), relative(repoRoot, file), templates).view;

describe('pageParts', () => {
  it('cuts a convention into a head shared by every convention, a title and a body', () => {
    const a = conventionHtml(view(signee), templates);
    const b = conventionHtml(view(projet), templates);
    const pa = pageParts(a);
    const pb = pageParts(b);
    expect(pa?.head).toBe(pb?.head);
    expect(pa?.head).toContain('@font-face');
    expect(pa?.head).not.toContain(pa?.title);
    expect(pa?.title).toMatch(/^Convention .* version 1$/);
    expect(pa?.bodyAttributes).toBe('');
    expect(pb?.bodyAttributes).toBe(' class="projet"');
    // Nothing lost: the parts put back together are the page.
    const whole = (p: typeof pb): string =>
      p
        ? p.head.replace('<title>', `<title>${p.title}`) + `<body${p.bodyAttributes}>${p.body}`
        : '';
    expect(whole(pa)).toBe(a);
    expect(whole(pb)).toBe(b);
    expect(pageParts(warmupHtml(templates))?.head).toBe(pa?.head);
  });

  it('leaves a page of another form to be loaded whole', () => {
    expect(pageParts('<html><body><p>x</p></body></html>')).toBeUndefined();
    expect(pageParts('<html><head></head><body><p>x</p></body></html>')).toBeUndefined();
    expect(pageParts('<html><head><title>t</title></head><bodyx></bodyx></html>')).toBeUndefined();
  });
});

/** Image XObjects of a PDF. */
async function images(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.context
    .enumerateIndirectObjects()
    .filter(
      ([, o]) =>
        o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    ).length;
}

describe('a body swapped into a warm page (real Chromium)', () => {
  let browser: PdfBrowser;
  beforeAll(async () => {
    browser = await PdfBrowser.launch({ pages: 1 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  const pdf = async (file: string): Promise<string> =>
    sha256((await conventionPdf(view(file), templates, browser)).bytes);
  /** A page of another head: the next convention is loaded whole. */
  const other = (): Promise<Uint8Array> =>
    browser.pdf('<html><head><title>autre</title></head><body><p>x</p></body></html>', {
      header: '<span></span>',
      footer: '<span></span>',
    });

  it('prints the same bytes as the whole page, draft or signed, in either order', async () => {
    const signeeWhole = await pdf(signee);
    expect(browser.loads).toEqual({ whole: 1, swapped: 0 });
    const projetSwapped = await pdf(projet);
    const signeeSwapped = await pdf(signee);
    expect(browser.loads).toEqual({ whole: 1, swapped: 2 });
    await other();
    const projetWhole = await pdf(projet);
    expect(browser.loads).toEqual({ whole: 3, swapped: 2 });
    expect(signeeSwapped).toBe(signeeWhole);
    expect(projetSwapped).toBe(projetWhole);
    expect(projetSwapped).not.toBe(signeeSwapped);
  }, 180_000);

  it('sets the title with its entities resolved, and prints the images of the new body', async () => {
    const page = (title: string, body: string): string =>
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>` +
      `<style>p { color: #333; }</style></head><body class="a &amp; b">${body}</body></html>`;
    // A 1×1 PNG, inline (the request filter lets data: URLs through).
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
    const options = { header: '<span></span>', footer: '<span></span>' };
    const before = { ...browser.loads };
    const first = await browser.pdf(page('premier', '<p>x</p>'), options);
    const raw = await browser.pdf(
      page('A &amp; B – l’État', `<p>y</p><img src="${png}">`),
      options,
    );
    expect(browser.loads.swapped).toBe(before.swapped + 1);
    const doc = await PDFDocument.load(raw, { updateMetadata: false });
    expect(doc.getTitle()).toBe('A & B – l’État');
    expect(await images(first)).toBe(0);
    expect(await images(raw)).toBe(1);
  }, 60_000);
});
