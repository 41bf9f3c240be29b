/**
 * The consolidated version and the technical annexes, read back from the PDF as a legal team
 * reads them (B7, C17, I17, I28, C7, C8): the version n° 2 is an informative document (its
 * heading says which texts are authentic, no « Entre les soussignés », no signature section,
 * no signature field), the avenant declares its comparative tables informative and names every
 * article it amends, and the annexes « Récapitulatif » and « Identification » are labelled
 * technical, without contractual value, the only places with file keys and software provenance.
 * Chromium is required (Debian: `apt-get install -y chromium`); these tests are never skipped.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfPageTexts } from './pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAvenant } from '../src/avenant/render-avenant.js';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import { repoRoot, runCli } from './helpers.js';

const exemples = join(repoRoot, 'rules', 'conventions', '93/552046484');
const etatV1 = join(exemples, 'etat-93/v1.yaml');
const etatV2 = join(exemples, 'etat-93/v2.yaml');
const actionLogement = join(exemples, 'action-logement/v1.yaml');
const flat = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ');
/** The signatures recorded in a YAML (État v1 records both), as one block. */
const SIGNATURES = /^signatures:.*\n(?:[ ]+.*\n)*/m;

/** A copy of État v1 in a temporary folder, `edit` applied to its YAML. */
function copieV1(prefixe: string, edit: (yaml: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), prefixe)), 'v1.yaml');
  const yaml = readFileSync(etatV1, 'utf8');
  expect(yaml).toMatch(SIGNATURES);
  writeFileSync(file, edit(yaml));
  return file;
}

let browser: PdfBrowser;

beforeAll(async () => {
  const chromium = chromiumPath();
  if (!existsSync(chromium))
    throw new Error(
      `Chromium est introuvable (${chromium}) : ces tests en ont besoin et ne sont jamais ` +
        'sautés. Installez-le : `sudo apt-get install -y chromium`, ou indiquez son chemin dans ' +
        'CONVFLUX_CHROMIUM.',
    );
  browser = await PdfBrowser.launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  return (await pdfPageTexts(bytes)).map(flat);
}

interface Lu {
  bytes: Uint8Array;
  pages: string[];
  text: string;
}

async function convention(file: string): Promise<Lu> {
  const templates = loadTemplates();
  const { view } = prepareConvention(readFileSync(file), relative(repoRoot, file), templates);
  const { bytes } = await conventionPdf(view, templates, browser);
  const pages = await pageTexts(bytes);
  return { bytes, pages, text: pages.join(' ') };
}

async function widgets(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let n = 0;
  for (let p = 1; p <= doc.numPages; p++)
    for (const a of (await (await doc.getPage(p)).getAnnotations()) as { subtype: string }[])
      if (a.subtype === 'Widget') n++;
  await doc.destroy();
  return n;
}

/** The text from the first page holding `titre` to the end. */
const depuis = (lu: Lu, titre: string): { avant: string; apres: string } => {
  const at = lu.text.indexOf(titre);
  expect(at, titre).toBeGreaterThan(0);
  return { avant: lu.text.slice(0, at), apres: lu.text.slice(at) };
};

describe('the consolidated version n° 2 (etat-93/v2.yaml)', () => {
  let v2: Lu;
  beforeAll(async () => {
    v2 = await convention(etatV2);
  }, 60_000);

  it('is headed as an informative document and says which texts are authentic', () => {
    expect(v2.pages[0]).toContain('Version n° 2, consolidée après l’avenant n° 1');
    expect(v2.pages[0]).toContain(
      'Version consolidée à titre d’information – seuls font foi la convention et ses avenants signés par les parties.',
    );
    expect(v2.pages[0]).toContain(
      'dans sa rédaction issue de l’avenant n° 1, qui prend effet le 1er juillet 2025',
    );
    expect(v2.pages[0]).toContain('Il n’est pas signé et ne comporte aucun champ de signature.');
    // Every page says so in its footer, and asks for no initials.
    for (const page of v2.pages) {
      expect(page).toContain('· version 2 consolidée, à titre d’information (projet) ·');
      expect(page).not.toContain('Paraphes');
    }
  });

  it('names the parties without « Entre les soussignés », and has no signature section nor field', async () => {
    expect(v2.text).not.toContain('Entre les soussignés');
    expect(v2.text).toContain('Parties à la convention : Exemple Habitat');
    expect(v2.text).not.toContain('Fait en deux exemplaires');
    expect(v2.text).not.toMatch(/Signatures Fait en|Pour le bailleur/);
    const lib = await PDFDocument.load(v2.bytes);
    expect(lib.getForm().getFields()).toHaveLength(0);
    expect(await widgets(v2.bytes)).toBe(0);
  });

  it('prints article 14 as version n° 1 does: nothing that no avenant instruction introduces (C17)', async () => {
    const v1 = await convention(etatV1);
    // (without the running footer of a page break, which names each version's own state)
    const article14 = (lu: Lu): string =>
      (
        /Article 14 – Durée, entrée en vigueur et prise d’effet (.*?) Article 15 – /.exec(
          lu.text,
        )?.[1] ?? ''
      )
        .replace(/ ?Convention de réservation en flux – .*? page \d+ \/ \d+/g, '')
        .trim();
    expect(article14(v2)).toContain('Elle prend effet le 1er janvier 2024');
    expect(article14(v2)).not.toContain('version n° 2');
    expect(article14(v2)).not.toContain('1er juillet 2025');
    expect(article14(v2)).toBe(article14(v1));
    // The date of the last signature is on v1's title page only, never in the article.
    expect(article14(v1)).not.toContain('signature a été apposée');
  }, 60_000);

  it('names its indicative objective without its history (C8)', () => {
    expect(v2.text).toContain('Logements récents hors QPV');
    expect(v2.text).not.toContain('(avenant n° 1)');
  });
});

describe('the technical annexes (I28, C7)', () => {
  let v1: Lu;
  beforeAll(async () => {
    v1 = await convention(etatV1);
  }, 60_000);

  it('are labelled without contractual value, and article 1 names the contractual annexes', () => {
    // (pdfjs may join a heading and the next line without a space)
    expect(v1.text).toMatch(
      /Annexe 2 – Récapitulatif des stipulations ?Annexe technique, sans valeur contractuelle/,
    );
    expect(v1.text).toMatch(
      /Annexe 3 – Identification du document ?Annexe technique, sans valeur contractuelle/,
    );
    expect(v1.text).toContain('L’annexe 1 fait partie intégrante de la présente convention.');
    expect(v1.text).toContain(
      'Les annexes 2 et 3, annexes techniques établies pour l’identification et la lecture du document, n’ont pas de valeur contractuelle.',
    );
    expect(v1.text).not.toContain('Les annexes font partie intégrante');
  });

  it('never print « Version signée » when the YAML records no signature', async () => {
    expect(v1.text).not.toContain('Version signée');
    // État v1 records its signatures: the same text, frozen and not yet signed.
    const arretee = await convention(
      copieV1('convflux-arretee-', (yaml) =>
        yaml.replace(SIGNATURES, '').replace(/^statut: signee$/m, 'statut: arretee'),
      ),
    );
    expect(arretee.text).not.toContain('Version signée');
    expect(arretee.text).toContain('Statut du texte Texte arrêté, en attente de signature');
    expect(arretee.text).not.toContain('date de la dernière signature');
  }, 60_000);

  it('hold the file keys and the software provenance, nothing before them does', () => {
    const { avant, apres } = depuis(v1, 'Annexe 2 – Récapitulatif des stipulations');
    expect(avant).not.toMatch(/\/(flux|decompte|designation|refus|objectifs|duree)\//);
    expect(avant).not.toContain('convflux');
    expect(apres).toContain('/decompte/ponderation/orientation');
    const identification = depuis(v1, 'Annexe 3 – Identification du document').apres;
    expect(identification).toMatch(/Produit par convflux \d+\.\d+\.\d+/);
  });

  it('point the bailleur’s refusal at /refus/bailleur (Action Logement, C7)', async () => {
    const al = await convention(actionLogement);
    // refus.bailleur is printed as the incomplete-file procedure (« Dossier incomplet »).
    expect(al.text).toMatch(/Dossier incomplet : suite .{0,80}? \/refus\/bailleur /);
    expect(al.text).not.toMatch(/Dossier incomplet : suite [^/]{0,80}\/refus (?!\/)/);
  }, 60_000);

  it('print « Texte signé le … » once every party’s signature is recorded', async () => {
    expect(v1.text).toContain('Statut du texte Texte signé le 26 février 2024');
    // Other dates in place of État v1's (one `signatures:` key: a duplicate makes the YAML invalid).
    const file = copieV1('convflux-signe-', (yaml) =>
      yaml.replace(
        SIGNATURES,
        'signatures:\n  - partie: bailleur\n    date: 2023-12-12\n  - partie: reservataire\n    date: 2023-12-20\n',
      ),
    );
    const lu = await convention(file);
    expect(lu.text).toContain('Statut du texte Texte signé le 20 décembre 2023');
    expect(lu.text).toContain(
      'Entrée en vigueur le 20 décembre 2023, date de la dernière signature',
    );
  }, 60_000);
});

describe('the avenant n° 1 (I17, B7)', () => {
  let av: Lu;
  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'convflux-avenant-')), 'avenant.pdf');
    const result = await renderAvenant(etatV1, etatV2, { browser, out, cwd: repoRoot });
    expect(result.ok).toBe(true);
    const bytes = readFileSync(out);
    const pages = await pageTexts(bytes);
    av = { bytes, pages, text: pages.join(' ') };
  }, 60_000);

  it('declares its comparative tables informative', () => {
    expect(av.text).toContain(
      'Les tableaux comparatifs sont fournis à titre d’information ; seules les stipulations des articles 1 à 7 du présent avenant ont valeur contractuelle.',
    );
  });

  it('names every article and annex it amends, and leaves the technical annexes alone', () => {
    expect(av.text).toContain(
      'Il modifie les articles 5, 6 et 9 de la convention, ainsi que son annexe 1.',
    );
    expect(av.text).not.toContain('Modification de l’annexe 2');
    expect(av.text).toMatch(
      /Identification du document ?Annexe technique, sans valeur contractuelle/,
    );
    expect(av.text).not.toContain('Version signée');
    expect(av.text).not.toContain('version signée');
  });
});

describe('a signed version printed again (etat-93/v1.yaml, statut: signee)', () => {
  let v1: Lu;
  beforeAll(async () => {
    v1 = await convention(etatV1);
  }, 60_000);

  it('says it is a copy of the signed original, on its title page and in every footer', () => {
    expect(v1.pages[0]).toContain(
      'Copie du texte signé – seul fait foi l’original électronique signé par les parties',
    );
    for (const page of v1.pages) {
      expect(page).toContain('· version 1 (copie du texte signé) ·');
      expect(page).not.toContain('Paraphes');
    }
  });

  it('prints who signed and when in place of the empty fields, and has no field', async () => {
    const section = /Signatures La présente convention a été signée (.*?) Annexe 1/.exec(
      v1.text,
    )?.[1];
    expect(section).toBeDefined();
    expect(section).toContain('Seul fait foi l’original électronique signé');
    expect(section).toMatch(
      /Pour le bailleur Exemple Habitat Mme Claire Martin Directrice générale Signé électroniquement le 12 février 2024/,
    );
    expect(section).toMatch(
      /Pour l’État Pour le préfet de la Seine-Saint-Denis et par délégation Mme Sophie Bernard .* Signé électroniquement le 26 février 2024/,
    );
    expect(section).not.toContain('Nom : …');
    expect(section).not.toMatch(/\bSignature\b/);
    expect(await widgets(v1.bytes)).toBe(0);
  });

  it('names who actually signed when the record says someone else signed', async () => {
    const file = copieV1('convflux-copie-nom-', (yaml) =>
      yaml.replace(
        /- partie: reservataire\n(\s+)date: 2024-02-26/,
        '- partie: reservataire\n$1date: 2024-02-26\n$1nom: M. Paul Durand',
      ),
    );
    const lu = await convention(file);
    expect(lu.text).toMatch(
      /Pour l’État Pour le préfet de la Seine-Saint-Denis et par délégation M\. Paul Durand Signé électroniquement le 26 février 2024/,
    );
  }, 60_000);
});

describe('render --sign of a signed version (CLI)', () => {
  it('is refused before anything is printed: SIGNATURE_TEXTE_SIGNE on its statut line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-sign-signee-'));
    const file = join(dir, 'v1.yaml');
    copyFileSync(etatV1, file);
    const out = join(dir, 'v1.pdf');
    const p12 = join(repoRoot, 'test/fixtures/sign/test-signataire.p12');
    const r = runCli(['render', file, '--out', out, '--json', '--sign', p12]);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as { diagnostics: { code: string; line: number }[] };
    expect(json.diagnostics.map((d) => d.code)).toEqual(['SIGNATURE_TEXTE_SIGNE']);
    expect(json.diagnostics[0]?.line).toBe(
      readFileSync(file, 'utf8').split('\n').indexOf('statut: signee') + 1,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('render --sign of a consolidated version (CLI)', () => {
  it('is refused before anything is printed: SIGNATURE_VERSION_CONSOLIDEE on its version line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-sign-consolidee-'));
    const file = join(dir, 'v2.yaml');
    copyFileSync(etatV2, file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('statut: projet', 'statut: signee'));
    const out = join(dir, 'v2.pdf');
    const r = runCli([
      'render',
      file,
      '--out',
      out,
      '--json',
      '--sign',
      join(repoRoot, 'test/fixtures/sign/test-signataire.p12'),
    ]);
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as { diagnostics: { code: string; line: number }[] };
    expect(json.diagnostics.map((d) => d.code)).toEqual(['SIGNATURE_VERSION_CONSOLIDEE']);
    expect(json.diagnostics[0]?.line).toBe(
      readFileSync(file, 'utf8').split('\n').indexOf('version: 2') + 1,
    );
    expect(existsSync(out)).toBe(false);
  });
});
