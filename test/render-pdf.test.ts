/**
 * `convflux render` end to end, with the real Chromium and the real PDF readers: the produced
 * PDF is read back (text per page with pdfjs-dist, objects with pdf-lib) and checked as a legal
 * team would: articles, figures, typography, footer on every page, metadata, signature fields,
 * tagging, embedded fonts, byte-identical output, and no network request.
 *
 * Chromium is required (Debian: `apt-get install -y chromium`; .ci/run installs it): without
 * it these tests fail with that instruction, they are never skipped.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfPageTexts as pageTexts } from './pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import type { ConventionView } from '../src/render/view-model.js';
import { cliPath, repoRoot, runCli } from './helpers.js';

const FINE = '\u202f';
const NBSP = '\u00a0';
const examplesDir = join(repoRoot, 'rules', 'conventions');
const etatV1 = join(examplesDir, '93/552046484/etat-93/v1.yaml');

function exampleFiles(dir = examplesDir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...exampleFiles(path));
    else if (entry.name.endsWith('.yaml')) out.push(path);
  }
  return out.sort();
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let browser: PdfBrowser;

beforeAll(async () => {
  const chromium = chromiumPath();
  if (!existsSync(chromium))
    throw new Error(
      `Chromium est introuvable (${chromium}) : les tests du rendu PDF en ont besoin et ne sont ` +
        'jamais sautés. Installez-le : `sudo apt-get install -y chromium` (Debian/Ubuntu), ou ' +
        'indiquez son chemin dans CONVFLUX_CHROMIUM. `.ci/run` l’installe quand il manque.',
    );
  browser = await PdfBrowser.launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

interface Rendered {
  view: ConventionView;
  bytes: Uint8Array;
  pages: string[];
}

/** Renders one convention file and reads the text of each page back with pdfjs. */
async function render(file: string): Promise<Rendered> {
  const templates = loadTemplates();
  const { view } = prepareConvention(readFileSync(file), relative(repoRoot, file), templates);
  const { bytes } = await conventionPdf(view, templates, browser);
  return { view, bytes, pages: await pageTexts(bytes) };
}

/** The fingerprint the État v1 was sealed with (its `empreinte` key). */
const sceau = (): string =>
  (parse(readFileSync(etatV1, 'utf8')) as { empreinte: string }).empreinte;

/** Text on one line, spaces of every kind as one plain space (pdfjs reports them as U+0020). */
const flat = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ');

/**
 * The État v1 of the examples is signed: printed again, it is a copy without fields
 * (test/consolidation-pdf.test.ts). Its text as printed for signature is the same YAML with
 * `statut: arretee` and no recorded signatures (both outside the seal, which still holds).
 */
const etatV1Arretee = ((): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'convflux-render-arretee-')), 'v1.yaml');
  const yaml = readFileSync(etatV1, 'utf8')
    .replace(/^statut: signee$/m, 'statut: arretee')
    .replace(/^signatures:.*\n(?:[ ]+.*\n)*/m, '');
  writeFileSync(file, yaml);
  return file;
})();

describe('the État convention (etat-93/v1.yaml as printed for signature: statut arretee)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(etatV1Arretee);
  }, 60_000);

  it('has several pages, every article in order, the visas and the annexes', () => {
    expect(r.pages.length).toBeGreaterThan(1);
    const text = flat(r.pages.join('\n'));
    const titles = [
      'Objet et périmètre',
      'Assiette du flux',
      'Part du flux réservée',
      'Publics bénéficiaires',
      'Objectifs contractuels et indicatifs',
      'Décompte et pondération',
      'Orientation des logements et désignation des candidats',
      'Examen des candidatures et information du réservataire',
      'Refus',
      'Bilan annuel',
      'Échanges d’informations',
      'Protection des données à caractère personnel',
      'Gouvernance et suivi',
      'Durée, entrée en vigueur et prise d’effet',
      'Révision',
      'Résiliation',
      'Règlement des différends',
    ];
    let last = -1;
    titles.forEach((title, i) => {
      const at = text.indexOf(`Article ${String(i + 1)} – ${title}`);
      expect(at, title).toBeGreaterThan(last);
      last = at;
    });
    for (const visa of [
      'Vu le code de la construction et de l’habitation, notamment ses articles L. 441-1 et R. 441-5 à R. 441-5-4, en particulier son article R. 441-5-2 ;',
      'Vu la loi n° 2018-1021 du 23 novembre 2018 portant évolution du logement, de l’aménagement et du numérique (loi ELAN), notamment son article 114',
      'Vu le décret n° 2020-145 du 20 février 2020',
    ])
      expect(text).toContain(visa);
    expect(text).not.toContain('Vu l’article R. 441-5-2');
    for (const annexe of [
      'Annexe 1 – Objectifs contractuels et indicatifs',
      'Annexe 2 – Récapitulatif des stipulations',
      'Annexe 3 – Identification du document',
    ])
      expect(text).toContain(annexe);
  });

  it('states the parties, the figures and the delays of the YAML', () => {
    const text = flat(r.pages.join('\n'));
    expect(text).toContain(
      'Exemple Habitat, société anonyme d’habitations à loyer modéré, dont le siège est situé 8 rue de l’Exemple, 93100 Montreuil, immatriculée sous le numéro SIREN 552 046 484',
    );
    expect(text).toContain(
      'L’État, représenté par Mme Sophie Bernard, secrétaire générale de la préfecture',
    );
    expect(text).toContain(
      'La part des logements réservés par le préfet représente 30 % (trente pour cent) du flux annuel défini à l’article 2, dont 5 % (cinq pour cent) au bénéfice des agents civils et militaires de l’État.',
    );
    expect(text).not.toContain('Le bailleur réserve au réservataire');
    expect(text).toContain(
      'La part du flux annuel de logements réservés par le préfet sur le patrimoine du bailleur situé en dehors des quartiers prioritaires de la politique de la ville (hors QPV) est d’au moins 30 % (trente pour cent).',
    );
    expect(text).toContain(
      'le réservataire dispose d’un délai d’un (1) mois pour désigner trois (3) candidats par logement',
    );
    expect(text).toContain(
      'Le logement ainsi repris est néanmoins décompté au titre des droits du réservataire (1 point)',
    );
    expect(text).toContain('compte, à titre provisoire, pour 0,5 point');
    expect(text).toContain('avant le 28 février de chaque année');
    expect(text).toContain(
      'Le premier bilan porte sur l’année 2024 ; il est transmis avant le 28 février 2025.',
    );
    expect(text).toContain(
      'après une mise en demeure restée sans suite pendant un délai de deux (2) mois, résilier la présente convention',
    );
    expect(text).toContain('du 1er janvier 2024 au 31 décembre 2026 inclus, soit trois ans');
    for (const commune of [
      'Saint-Denis',
      'Montreuil',
      'Aubervilliers',
      'Bobigny',
      'Pantin',
      'Bondy',
    ])
      expect(text).toMatch(new RegExp(`${commune} Commune 930\\d\\d 30 %`));
    for (const exclusion of [
      'mutations de locataires au sein du parc social du bailleur',
      'L. 741-1 et L. 741-2',
      'L. 521-3-1 à L. 521-3-3',
      'vente de logements locatifs sociaux',
    ])
      expect(text).toContain(exclusion);
    for (const party of [
      'Refus du candidat',
      'Refus de la commission d’attribution',
      'Refus du réservataire',
      'Dossier incomplet',
    ])
      expect(text).toContain(party);
    // R. 441-5-1 quoted as found (first paragraph only: the second was not found, I26)
    expect(text).toContain(
      '« Avant le 28 février de chaque année, l’organisme bailleur transmet à l’ensemble des réservataires un bilan annuel des logements proposés, ainsi que des logements attribués au cours de l’année précédente, par réservataire et par typologie de logement, type de financement, localisation hors et en quartier politique de la ville, commune et période de construction. »',
    );
    expect(text).not.toContain('En Île-de-France, le bilan est accompagné');
    expect(text).toContain(
      'Les parties conviennent en outre que le bilan est accompagné d’une prévision pour l’année en cours',
    );
  });

  it('keeps French typography in the text layer: ’, « », narrow no-break spaces', async () => {
    const text = r.pages.join('\n');
    expect(text).toContain('l’État');
    expect(text).not.toContain('\u02bc');
    expect(text).not.toContain("'");
    expect(flat(text)).toContain('« le bailleur »');
    expect(text).not.toMatch(/\d%/);
    // pdfjs reports every space as U+0020: the fonts' ToUnicode maps say which glyph is which.
    const doc = await PDFDocument.load(r.bytes);
    const maps = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.has(PDFName.of('ToUnicode')))
      .map((font) => {
        const stream = doc.context.lookup(font.get(PDFName.of('ToUnicode')));
        if (!(stream instanceof PDFRawStream)) return '';
        return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      });
    expect(
      maps.some((m) => /<202F>/i.test(m)),
      'a glyph for U+202F (espace fine insécable)',
    ).toBe(true);
    expect(
      maps.some((m) => /<00A0>/i.test(m)),
      'a glyph for U+00A0 (espace insécable)',
    ).toBe(true);
    expect(
      maps.some((m) => /<02BC>/i.test(m)),
      'no apostrophe written as U+02BC',
    ).toBe(false);
  });

  it('prints page x sur y and id, version and content hash on every page', () => {
    const n = r.pages.length;
    const footer = `93-552046484-etat-93 · version 1 · empreinte ${r.view.document.empreinteCourte}`;
    // The sealed fingerprint written in the YAML (convflux seal), its first 12 hex digits.
    expect(r.view.document.empreinteCourte).toBe(sceau().slice(7, 19));
    r.pages.forEach((page, i) => {
      expect(flat(page), `page ${String(i + 1)}`).toContain(
        `page ${String(i + 1)} sur ${String(n)}`,
      );
      expect(flat(page), `page ${String(i + 1)}`).toContain(footer);
    });
  });

  it('carries fixed metadata: dates = date d’effet, YAML SHA-256, title, XMP', async () => {
    const yamlSha = sha256(readFileSync(etatV1Arretee));
    const doc = await getDocument({ data: new Uint8Array(r.bytes), verbosity: 0 }).promise;
    const { info, metadata } = (await doc.getMetadata()) as unknown as {
      info: Record<string, unknown> & { Custom?: Record<string, string> };
      metadata: { get: (name: string) => unknown } | null;
    };
    expect(info['CreationDate']).toBe('D:20240101000000Z');
    expect(info['ModDate']).toBe('D:20240101000000Z');
    expect(info['Title']).toBe(
      'Convention de réservation de logements locatifs sociaux en flux entre Exemple Habitat et l’État (Préfet de la Seine-Saint-Denis) – version 1',
    );
    expect(info['Author']).toContain('Exemple Habitat');
    expect(String(info['Keywords'])).toContain(`yaml-sha256:${yamlSha}`);
    expect(String(info['Producer'])).toMatch(/^convflux .*Chromium/);
    expect(info.Custom?.['ConvfluxYamlSha256']).toBe(yamlSha);
    expect(info.Custom?.['ConvfluxEmpreinte']).toBe(sceau());
    expect(metadata?.get('dc:title')).toContain('Convention de réservation');
    expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
    await doc.destroy();
    const raw = Buffer.from(r.bytes).toString('latin1');
    expect(raw).toContain(`<convflux:yamlSha256>${yamlSha}</convflux:yamlSha256>`);
    expect(raw).toContain('<xmp:CreateDate>2024-01-01T00:00:00Z</xmp:CreateDate>');
  });

  it('has one empty signature field per signatory, on the signature page, tagged as a form', async () => {
    const signataires = (parse(readFileSync(etatV1, 'utf8')) as { signataires: unknown[] })
      .signataires;
    const doc = await getDocument({ data: new Uint8Array(r.bytes), verbosity: 0 }).promise;
    const fields: { page: number; name: string; type: string; rect: number[] }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of (await (await doc.getPage(n)).getAnnotations()) as {
        subtype: string;
        fieldType?: string;
        fieldName?: string;
        rect: number[];
      }[])
        if (a.subtype === 'Widget')
          fields.push({ page: n, name: a.fieldName ?? '', type: a.fieldType ?? '', rect: a.rect });
    }
    expect(fields).toHaveLength(signataires.length);
    expect(fields.map((f) => f.type)).toEqual(['Sig', 'Sig']);
    expect(fields.map((f) => f.name)).toEqual([
      'Signature 1 – bailleur – Mme Claire Martin',
      'Signature 2 – réservataire – Mme Sophie Bernard',
    ]);
    const signaturePage = r.pages.findIndex((p) => flat(p).includes('signée électroniquement')) + 1;
    for (const f of fields) {
      expect(f.page).toBe(signaturePage);
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = f.rect;
      // A usable zone: about 78 mm × 32 mm (points).
      expect(x2 - x1).toBeGreaterThan(150);
      expect(y2 - y1).toBeGreaterThan(80);
    }
    const tree = JSON.stringify(await (await doc.getPage(signaturePage)).getStructTree());
    expect(tree).toContain('"role":"Form"');
    await doc.destroy();
    // The AcroForm lists them (pdf-lib reads the form as signing tools do).
    const lib = await PDFDocument.load(r.bytes);
    expect(
      lib
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(fields.map((f) => f.name));
  });

  it('embeds and subsets its own fonts only (no system font)', async () => {
    const doc = await PDFDocument.load(r.bytes);
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter(
        (o): o is PDFDict =>
          o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
      );
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of fonts) {
      const name = String(font.get(PDFName.of('FontName')));
      expect(name).toMatch(/^\/[A-Z]{6}\+Convflux(Serif|Sans)-/);
      expect(font.has(PDFName.of('FontFile2')), name).toBe(true);
    }
  });
});

describe('every example convention', () => {
  it('renders, with a signature field per signatory, and byte-identical on a second render', async () => {
    const first = new Map<string, string>();
    for (const file of exampleFiles()) {
      const r = await render(file);
      first.set(file, sha256(r.bytes));
      const yaml = parse(readFileSync(file, 'utf8')) as {
        version: number;
        statut: string;
        signataires?: unknown[];
      };
      const lib = await PDFDocument.load(r.bytes);
      expect(lib.getPageCount(), file).toBeGreaterThan(1);
      // A consolidated version (n° 2 and following) is printed for information, a signed one as
      // a copy of the signed original: no field.
      expect(lib.getForm().getFields(), file).toHaveLength(
        yaml.version > 1 || yaml.statut === 'signee' ? 0 : (yaml.signataires?.length ?? 2),
      );
      const n = r.pages.length;
      r.pages.forEach((page, i) => {
        expect(flat(page), `${file} page ${String(i + 1)}`).toContain(
          `${r.view.document.id} · version ${String(r.view.document.version)}`,
        );
        expect(flat(page)).toContain(`page ${String(i + 1)} sur ${String(n)}`);
      });
    }
    // Second pass, in the other order and two at a time: pages are reused, bytes do not change.
    const files = exampleFiles().reverse();
    const again = await Promise.all(files.map(async (f) => [f, sha256((await render(f)).bytes)]));
    for (const [file, hash] of again) expect(hash, file).toBe(first.get(file ?? ''));
  });

  it('never reaches the network (every request was a data: URL of the document)', () => {
    expect(browser.requests.blocked).toEqual([]);
    expect(browser.requests.allowed).toBeGreaterThan(0);
  });
});

describe('the stock conversion annex (saint-denis/v1.yaml)', () => {
  it('prints the état des lieux as annex 3 (after the contreparties), the flats and totals in the text layer', async () => {
    const file = join(examplesDir, '93/552046484/saint-denis/v1.yaml');
    const source = parse(readFileSync(file, 'utf8')) as {
      conversion_stock: { etat_des_lieux: { logement: string }[] };
    };
    const { view, pages } = await render(file);
    const flatPages = pages.map(flat);
    const titles = flatPages.flatMap((p) =>
      [...p.matchAll(/Annexe (\d) – (\S+)/g)].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`),
    );
    expect(titles).toEqual([
      '1 Objectifs',
      '2 Contreparties',
      '3 État',
      '4 Récapitulatif',
      '5 Identification',
    ]);
    const annexe = flatPages.findIndex((p) =>
      p.includes('Annexe 3 – État des lieux des réservations et conversion des droits de suite'),
    );
    const suivante = flatPages.findIndex((p) => p.includes('Annexe 4 – Récapitulatif'));
    expect(suivante).toBeGreaterThan(annexe);
    const texte = flatPages.slice(annexe, suivante).join(' ');
    for (const { logement } of source.conversion_stock.etat_des_lieux)
      expect(texte).toContain(logement);
    expect(texte).toContain(`Volume total de droits uniques ${view.conversion.total}`);
    expect(flatPages.join(' ')).toContain(
      `en un volume de ${view.conversion.totalEnDroits}, sur la base`,
    );
    expect(flatPages.join(' ')).toContain('figurant à l’annexe 3');
  }, 60_000);
});

describe('long tables', () => {
  it('never split a row across pages, and repeat their header on each page', async () => {
    const source = readFileSync(etatV1, 'utf8');
    const data = parse(source) as {
      objectifs: { indicatifs: unknown[] };
    };
    data.objectifs.indicatifs = Array.from({ length: 45 }, (_, i) => ({
      libelle: `Objectif témoin ${String(i + 1)} : logements familiaux pour les ménages prioritaires du territoire`,
      criteres: {
        typologie: ['T3', 'T4', 'T5'],
        financement: ['PLAI', 'PLUS'],
        qpv: false,
        periode_construction: { debut: 1900 + i, fin: 1960 + i },
      },
      part: 0.01,
    }));
    const templates = loadTemplates();
    const { view } = prepareConvention(
      Buffer.from(JSON.stringify(data)),
      'test/longue.yaml',
      templates,
    );
    const { bytes } = await conventionPdf(view, templates, browser);
    const pages = (await pageTexts(bytes)).map(flat);
    const annexe = pages.findIndex((p) => p.includes('Annexe 1 – Objectifs'));
    let pagesWithRows = 0;
    for (let i = 0; i < 45; i++) {
      // In the annex table, a row is its number, label, criteria (with the years) and part.
      const label = `Objectif témoin ${String(i + 1)} :`;
      const years = `Construits de ${String(1900 + i)} à ${String(1960 + i)} inclus`;
      const onPages = pages
        .map((p, n) => (n >= annexe && p.includes(label) ? n : -1))
        .filter((n) => n >= 0);
      expect(onPages, label).toHaveLength(1);
      expect(pages[onPages[0] ?? 0], `${label} and its criteria on the same page`).toContain(years);
    }
    for (const [n, page] of pages.entries())
      if (n >= annexe && page.includes('Objectif témoin')) {
        pagesWithRows++;
        expect(page, `page ${String(n + 1)}`).toMatch(/N° Objectif Critères Part souhaitée/);
      }
    expect(pagesWithRows).toBeGreaterThan(1);
  });
});

describe('request interception', () => {
  it('aborts anything that is not inline, and the PDF is still produced', async () => {
    const before = browser.requests.blocked.length;
    const pdf = await browser.pdf(
      '<html><head><link rel="stylesheet" href="https://fonts.example.invalid/a.css"></head>' +
        '<body><p>x</p><img src="http://127.0.0.1:9/logo.png"></body></html>',
      { header: '<span></span>', footer: '<span></span>' },
    );
    expect(pdf.length).toBeGreaterThan(0);
    expect(browser.requests.blocked.slice(before).sort()).toEqual([
      'http://127.0.0.1:9/logo.png',
      'https://fonts.example.invalid/a.css',
    ]);
    browser.requests.blocked.length = before;
  });
});

describe('a Chromium that dies while printing', () => {
  it('is said (not a bare protocol error), and closing what is left still works', async () => {
    const own = await PdfBrowser.launch();
    const profile = own.chromium.userDataDir;
    expect(existsSync(profile)).toBe(true);
    own.chromium.kill();
    await expect(
      own.pdf('<p>x</p>', { header: '<span></span>', footer: '<span></span>' }),
    ).rejects.toThrow(/^Chromium s’est arrêté pendant l’impression \(SIGKILL, /);
    await own.close();
    expect(own.chromium.running).toBe(false);
    expect(existsSync(profile)).toBe(false);
  });
});

describe('convflux render (CLI)', () => {
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-render-'));
    cpSync(examplesDir, join(dir, 'conventions'), { recursive: true });
    return dir;
  }

  it('renders a folder, one PDF per convention, same bytes as the library (--json)', async () => {
    const dir = tree();
    const r = runCli(['render', join(dir, 'conventions'), '--out', join(dir, 'pdf'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      documents: {
        id: string;
        version: number;
        output: string;
        pages: number;
        sha256: string;
        signatureFields: string[];
      }[];
    };
    expect(out.ok).toBe(true);
    // rules/conventions/ holds both example départements: 4 conventions of the 35, 6 of the 93.
    expect(out.documents.map((d) => d.id.slice(0, 2))).toEqual([
      ...Array<string>(4).fill('35'),
      ...Array<string>(6).fill('93'),
    ]);
    for (const d of out.documents) {
      expect(existsSync(d.output), d.output).toBe(true);
      expect(sha256(readFileSync(d.output))).toBe(d.sha256);
      expect(d.pages).toBeGreaterThan(1);
      // A consolidated version is informative, a signed one (both État v1) a copy: no field.
      const signed = ['93-552046484-etat-93', '35-353017015-etat-35'].includes(d.id);
      expect(d.signatureFields).toHaveLength(d.version > 1 || signed ? 0 : 2);
    }
    // Another process, another browser, a file copied elsewhere: the same bytes.
    const etat = out.documents.find((d) => d.id === '93-552046484-etat-93' && d.version === 1);
    expect(etat?.sha256).toBe(sha256((await render(etatV1)).bytes));
  });

  it('writes a single file to --out, or the HTML with --html', () => {
    const dir = tree();
    const file = join(dir, 'conventions/93/552046484/montreuil/v1.yaml');
    const pdf = runCli(['render', file, '--out', join(dir, 'convention.pdf')]);
    expect(pdf.code).toBe(0);
    expect(pdf.stdout).toMatch(/→ .*convention\.pdf \(\d+ pages, 2 champs de signature, /);
    expect(readFileSync(join(dir, 'convention.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const html = runCli(['render', file, '--html', '--out', join(dir, 'html/')]);
    expect(html.code).toBe(0);
    const text = readFileSync(join(dir, 'html', '93-552046484-montreuil-v1.html'), 'utf8');
    expect(text).toContain(`15${FINE}%`);
    expect(text).toContain(`«${NBSP}le bailleur${NBSP}»`);
    expect(text).toContain('data:font/woff2;base64,');
  });

  it('refuses a convention with errors: diagnostics, exit 1, no PDF', () => {
    const dir = tree();
    const file = join(dir, 'conventions/93/552046484/montreuil/v1.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('part: 0.15', 'part: "15 %"'));
    const r = runCli(['render', file, '--out', join(dir, 'out/')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/v1\.yaml:\d+:\d+ {2}erreur SCHEMA_/);
    expect(r.stdout).toContain('non rendu');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('says how to install Chromium when it is missing (exit 2)', () => {
    const r = spawnSync(
      process.execPath,
      [cliPath, 'render', etatV1, '--out', join(tmpdir(), 'never.pdf')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, CONVFLUX_CHROMIUM: '/nonexistent/chromium', NO_COLOR: '1' },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Chromium introuvable (/nonexistent/chromium)');
    expect(r.stderr).toContain('apt-get install -y chromium');
  });

  it('says why a Chromium that cannot start failed, with what it wrote (exit 2, no browser left)', () => {
    const dir = tree();
    const fake = join(dir, 'chromium');
    writeFileSync(
      fake,
      '#!/bin/sh\necho "chromium: error while loading shared libraries: libnss3.so" >&2\nexit 127\n',
      { mode: 0o755 },
    );
    const r = spawnSync(
      process.execPath,
      [cliPath, 'render', etatV1, '--out', join(dir, 'x.pdf')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, CONVFLUX_CHROMIUM: fake, NO_COLOR: '1', TMPDIR: dir },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Chromium s’est arrêté au démarrage (code 127)');
    expect(r.stderr).toContain('libnss3.so');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    // The temporary profile folder (made in TMPDIR) is removed.
    expect(readdirSync(dir).filter((f) => f.startsWith('convflux-chromium-'))).toEqual([]);
  });
});
