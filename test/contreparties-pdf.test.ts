/**
 * The printed cause of the reservation and conversion of stock rights, read back from the PDF
 * (pdfjs-dist) as a legal team reads it: recitals and visas of the contreparties (B2, C2), the
 * annex « Contreparties », the guarantee-based share and the cap quoted as written (I9), the
 * substitution clause (B3), the conversion terms in plain words and the 3,49 volume (I10, I11),
 * long dates (C6) and the « N° RPLS » column only for real 10-character ids (C10).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pdfPageTexts } from './pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import { repoRoot } from './helpers.js';

const examples = join(repoRoot, 'rules/conventions/93/552046484');

let browser: PdfBrowser;

beforeAll(async () => {
  const chromium = chromiumPath();
  if (!existsSync(chromium))
    throw new Error(
      `Chromium est introuvable (${chromium}) : installez-le (apt-get install chromium).`,
    );
  browser = await PdfBrowser.launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Renders a convention (YAML text) and returns its PDF text on one line, spaces normalised. */
async function pdfText(yaml: string, name: string): Promise<string> {
  const templates = loadTemplates();
  const { view } = prepareConvention(Buffer.from(yaml), name, templates);
  const { bytes } = await conventionPdf(view, templates, browser);
  const pages = await pdfPageTexts(bytes);
  // A compound word broken at its hyphen (Gabriel-|Péri, ALS-|IDF) is read back whole.
  return pages
    .join('\n')
    .replace(/\u00ad/g, '')
    .replace(/-\n/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** The text between two markers (both must be present, in this order). */
function between(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  const j = text.indexOf(to, i + from.length);
  expect(i, from).toBeGreaterThanOrEqual(0);
  expect(j, to).toBeGreaterThan(i);
  return text.slice(i, j);
}

describe('Saint-Denis: guarantees, substitution and conversion, in the PDF', () => {
  let text = '';
  beforeAll(async () => {
    const file = join(examples, 'saint-denis/v1.yaml');
    text = await pdfText(readFileSync(file, 'utf8'), relative(repoRoot, file));
  }, 90_000);

  it('has one visa per délibération instead of « Vu les garanties … par commune de … » (C2)', () => {
    expect(text).not.toContain('Vu les garanties d’emprunt accordées');
    expect(text).toContain(
      'Vu la délibération du conseil municipal n° 1998-027 du 16 février 1998 accordant la garantie d’emprunt pour la construction de la résidence Gabriel-Péri',
    );
    expect(text.match(/Vu la délibération du conseil municipal n° /g)).toHaveLength(4);
  });

  it('states the cause as recitals, then the contreparties annex (B2)', () => {
    const preambule = between(text, 'Considérant qu’aux termes', 'Il est convenu ce qui suit');
    expect(preambule).toContain(
      '« en contrepartie d’un apport de terrain, d’un financement ou d’une garantie financière, contracter des obligations de réservation d’un flux annuel de logements (…), lors d’une mise en location initiale ou ultérieure »',
    );
    expect(preambule).toContain(
      'Considérant que le réservataire a accordé sa garantie à l’emprunt de 3 480 000 € contracté par le bailleur pour la construction de la résidence Président-Wilson (25 avenue du Président-Wilson, 56 logements), par délibération du conseil municipal n° 2008-214 du 16 octobre 2008, jusqu’au 31 mars 2048 ;',
    );
    expect(preambule).toContain('détaillés à l’annexe 2');
    const annexe = between(text, 'Annexe 2 – Contreparties', 'Annexe 3 –');
    expect(annexe).toContain('Garantie d’emprunt');
    expect(annexe).toContain('délibération du conseil municipal n° 87-015 du 22 janvier 1987');
    expect(annexe).toContain('1 900 000 €');
    expect(annexe).toContain('31 décembre 2026');
  });

  it('states the guarantee-based share and quotes the cap as written (I9)', () => {
    const article = between(text, 'Article 3 – Part du flux réservée', 'Article 4 –');
    expect(article).toContain(
      'La part du flux fondée sur des garanties d’emprunt accordées au bailleur par le réservataire est de 20 %.',
    );
    expect(article).toContain(
      'ne peut globalement représenter plus de 20 % des logements de chaque programme. »',
    );
    expect(article).not.toContain('20 % du flux annuel défini');
  });

  it('replaces the prior stock conventions from the date d’effet, with a transitional rule (B3)', () => {
    const article = between(text, 'Article 3 – Part du flux réservée', 'Article 4 –');
    expect(article).toContain(
      'À compter du 1er janvier 2024, la présente convention se substitue aux stipulations relatives aux réservations de logements des conventions suivantes : « Convention du 9 février 1987 (garantie d’emprunt) »',
    );
    expect(article).toContain(
      'Les droits de suite qui en résultaient sont éteints et remplacés par le volume de droits uniques fixé à l’annexe 3.',
    );
    expect(article).toContain('dispositions transitoires du décret n° 2020-145');
    expect(article).toContain('restent régis par elles jusqu’à leur attribution');
    expect(article).not.toContain('Convention du 3 juin 2005');
  });

  it('converts 3,49 droits uniques, inside the part, explained in plain words (I10, I11)', () => {
    const article = between(text, 'Article 3 – Part du flux réservée', 'Article 4 –');
    expect(article).toContain('en un volume de 3,49 droits uniques');
    expect(article).toContain(
      'Les droits uniques s’imputent sur la part du flux réservée au réservataire et ne s’y ajoutent pas',
    );
    const annexe = between(text, 'Annexe 3 – État des lieux', 'Annexe 4 –');
    expect(annexe).toContain(
      'La dernière attribution n’est pas prise en compte : le calcul ne tient pas compte de la date',
    );
    expect(annexe).toContain('Volume total de droits uniques 3,49');
    expect(annexe).not.toContain('93-552046484-00017');
    expect(annexe).toContain(
      'Une fraction de droit unique ne donne lieu à aucune imputation : elle demeure dans le volume restant à consommer.',
    );
    expect(annexe).toContain('est reporté sur la convention qui lui succède');
    // Long dates in the annex too (C6), parc ids under « Logement » (C10).
    expect(annexe).toContain('31 décembre 2031');
    expect(annexe).not.toMatch(/\d\d\/\d\d\/\d{4}/);
    expect(annexe).toMatch(/Logement Adresse Commune/);
    expect(annexe).not.toContain('N° RPLS');
  });
});

describe('the « N° RPLS » column (C10)', () => {
  it('is printed when every flat carries a 10-character RPLS id (format 2)', async () => {
    let n = 0;
    const yaml = readFileSync(join(examples, 'saint-denis/v1.yaml'), 'utf8')
      .replace(/ {4}- logement: (93-552046484-\d{5})\n/g, (_, id: string) => {
        n++;
        return `    - logement: ${id}\n      rpls: "93000${id.slice(-5)}"\n`;
      })
      .replace(/imputation: sur_la_part/, 'imputation: en_sus_de_la_part')
      .replace(/reliquat_au_terme: reporte/, 'reliquat_au_terme: eteint');
    expect(n).toBe(5);
    expect(yaml).toMatch(/^format: 2\b/m);
    expect(yaml).toContain('imputation: en_sus_de_la_part');
    expect(yaml).toContain('reliquat_au_terme: eteint');
    const text = await pdfText(yaml, 'saint-denis-rpls.yaml');
    const annexe = between(text, 'Annexe 3 – État des lieux', 'Annexe 4 –');
    expect(annexe).toMatch(/N° RPLS Adresse Commune/);
    expect(annexe).toContain('9300000008 4 rue Gabriel-Péri');
    expect(annexe).not.toContain('93-552046484-00008');
    expect(annexe).toContain('au terme de la présente convention est éteint.');
    expect(between(text, 'Article 3 –', 'Article 4 –')).toContain(
      'Les droits uniques s’ajoutent à la part du flux réservée au réservataire',
    );
  }, 90_000);
});

describe('Action Logement: its financements as recitals and annex (B2)', () => {
  it('prints the financing agreements, without a visa (they are not délibérations)', async () => {
    const file = join(examples, 'action-logement/v1.yaml');
    const text = await pdfText(readFileSync(file, 'utf8'), relative(repoRoot, file));
    expect(text).toContain(
      'Considérant que le réservataire a accordé au bailleur un financement de 1 800 000 € au titre de la participation des employeurs à l’effort de construction pour la construction de la résidence Les Hauts-de-Montreuil',
    );
    expect(text).toContain('par convention n° ALS-IDF-2019-0457 du 14 mai 2019');
    // Identified as a signature needs: legal form and SIREN (CCH art. L. 313-19).
    expect(text).toContain(
      'Action Logement Services, la société mentionnée à l’article L. 313-19 du code de la construction et de l’habitation, société par actions simplifiée, immatriculée sous le numéro SIREN 824 541 148, dont le siège est situé 19-21 quai d’Austerlitz, 75013 Paris',
    );
    expect(text).not.toMatch(/Vu la convention n°/);
    expect(between(text, 'Annexe 2 – Contreparties', 'Annexe 3 –')).toContain(
      'Financement au titre de la participation des employeurs',
    );
  }, 90_000);
});

describe('Saint-Denis: one consumption rule for the droits uniques, in article 3 and annex 3 (I10)', () => {
  /** The rule as article 3 prints it, and as annex 3 prints it. */
  async function regles(yaml: string, name: string): Promise<{ article: string; annexe: string }> {
    const text = await pdfText(yaml, name);
    const article = between(text, 'Article 3 –', 'Article 4 –');
    const annexe = between(text, 'Consommation des droits uniques', 'Annexe 4 –');
    const regle = (s: string): string =>
      /Les droits uniques s’(?:imputent|ajoutent).*?(?:volume restant à consommer\.|n’est pas reportée\.|l’année suivante\.|atteint l’unité\.)/.exec(
        s,
      )?.[0] ?? '';
    return { article: regle(article), annexe: regle(annexe) };
  }

  it('prints the same rule, word for word, in both places (the example: at the pace of the flux)', async () => {
    const file = join(examples, 'saint-denis/v1.yaml');
    const { article, annexe } = await regles(readFileSync(file, 'utf8'), relative(repoRoot, file));
    expect(article).toContain(
      'chaque logement attribué au réservataire au titre de cette part consomme un droit unique',
    );
    expect(article).toContain('Une fraction de droit unique ne donne lieu à aucune imputation');
    expect(annexe).toBe(article);
  }, 90_000);

  it('follows the keys: a yearly volume, fractions rounded down, on top of the part', async () => {
    const yaml = readFileSync(join(examples, 'saint-denis/v1.yaml'), 'utf8')
      .replace('mode: proportion_flux', 'mode: volume_annuel\n    volume_annuel: 1')
      .replace('imputation: sur_la_part', 'imputation: en_sus_de_la_part')
      .replace('fractions: cumulees', 'fractions: arrondi_inferieur');
    expect(yaml).toContain('volume_annuel: 1');
    const { article, annexe } = await regles(yaml, 'saint-denis-volume.yaml');
    expect(article).toContain('dans la limite des droits ouverts par l’échéancier de consommation');
    expect(article).toContain(
      'Les droits ouverts de chaque année sont arrondis à l’unité inférieure',
    );
    expect(article).toContain('n’est pas décompté sur cette part');
    expect(annexe).toBe(article);
  }, 90_000);
});

describe('Saint-Denis: the état des lieux keeps its Total with its last row (layout)', () => {
  it('prints the Total on the page of the last flat, never alone under a repeated header', async () => {
    const file = join(examples, 'saint-denis/v1.yaml');
    const templates = loadTemplates();
    const { view } = prepareConvention(readFileSync(file), relative(repoRoot, file), templates);
    const { bytes } = await conventionPdf(view, templates, browser);
    const pages = (await pdfPageTexts(bytes)).map((p) => p.replace(/[\s\u00a0\u202f]+/g, ' '));
    const last = '93-552046484-00012';
    const page = pages.findIndex((p) => p.includes(last));
    expect(page).toBeGreaterThan(0);
    // The detailed table's Total (3,49) follows its last row on the same page.
    expect(pages[page]).toMatch(new RegExp(`${last} .*? Total 3,49`));
  }, 90_000);
});
