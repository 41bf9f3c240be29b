/**
 * The préfet's derogation by arrêté (CCH art. R. 441-5-2 I, second alinéa) and the État's article
 * « part réservée » as a legal team reads it: the arrêté files checked by the real CLI (schema,
 * one year at most), applied by `check` to the 30 % cap, by `evaluate` to the dû, and printed in
 * the État convention, whose PDF text is read back (R. 441-5-2 I, II and IV quoted as written).
 *
 * Each case is a copy of the example tree (rules/conventions/) with arrêtés beside it in
 * arretes/93/; the fictitious arrêté of test/fixtures/derogation-93/ sets 32 % for 2025.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { Evaluation } from '../src/engine/evaluation.js';
import { PdfBrowser } from '../src/render/chromium.js';
import { chromiumPath } from '../src/render/chromium-process.js';
import { conventionPdf, prepareConvention } from '../src/render/render-conventions.js';
import { loadTemplates } from '../src/render/templates.js';
import * as cch from '../src/reglementation/textes-cch.js';
import { repoRoot, runCli } from './helpers.js';

const ARRETE = join(repoRoot, 'test/fixtures/derogation-93/arretes/93/2025-securite-publique.yaml');
const ETAT_V1 = 'conventions/93/552046484/etat-93/v1.yaml';
/** Whitespace as one space; a word hyphenated at a line end (« trente- deux ») joined again. */
const flat = (text: string): string =>
  text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/(\p{Ll})- (\p{Ll})/gu, '$1-$2')
    .trim();

/** A copy of rules/conventions/ in a temporary folder, with the given arrêtés in arretes/93/. */
function tree(arretes: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-derogation-'));
  cpSync(join(repoRoot, 'rules', 'conventions'), join(dir, 'conventions'), { recursive: true });
  mkdirSync(join(dir, 'arretes', '93'), { recursive: true });
  for (const [name, data] of Object.entries(arretes))
    writeFileSync(join(dir, 'arretes', '93', `${name}.yaml`), stringify(data));
  return dir;
}

const arreteFixture = (): Record<string, unknown> =>
  parse(readFileSync(ARRETE, 'utf8')) as Record<string, unknown>;

/** The État v1 as a draft for 2025 only, with a part of 32 % (above the 30 % cap). */
function etat2025(dir: string, part = 0.32): string {
  const path = join(dir, ETAT_V1);
  const c = parse(readFileSync(path, 'utf8')) as Record<string, unknown> & {
    flux: Record<string, unknown>;
    objectifs: { contractuels: { part: number }[] };
  };
  delete c['empreinte'];
  c['statut'] = 'projet';
  c['date_effet'] = '2025-01-01';
  c['duree'] = { debut: '2025-01-01', fin: '2025-12-31' };
  c.flux['part'] = part;
  for (const o of c.objectifs.contractuels) o.part = part;
  writeFileSync(path, stringify(c));
  // A single version for 2025: v2 (from 1 July 2025, another term) is left out of these cases.
  rmSync(join(dir, 'conventions/93/552046484/etat-93/v2.yaml'));
  return path;
}

function checkJson(dir: string, ...paths: string[]): { code: number; diagnostics: Diagnostic[] } {
  const r = runCli(['check', ...paths, '--json'], dir);
  return {
    code: r.code,
    diagnostics: (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics,
  };
}

const codes = (ds: Diagnostic[], file?: string): string[] =>
  ds.filter((d) => !file || d.file.endsWith(file)).map((d) => d.code);

describe('arrêté files checked by convflux check', () => {
  it('accepts the fixture arrêté, recognised in arretes/<département>/ (no HORS_ARBORESCENCE)', () => {
    const dir = tree({ '2025-securite-publique': arreteFixture() });
    const r = checkJson(dir, '.');
    expect(codes(r.diagnostics, '2025-securite-publique.yaml')).toEqual([]);
    expect(codes(r.diagnostics)).not.toContain('HORS_ARBORESCENCE');
    expect(r.code).toBe(0);
  });

  it('refuses a derogation longer than one year, at its line', () => {
    const dir = tree({ long: { ...arreteFixture(), id: 'long', fin: '2026-01-01' } });
    const r = checkJson(dir, 'arretes/93/long.yaml');
    const d = r.diagnostics.find((x) => x.code === 'ARRETE_DUREE_EXCESSIVE');
    expect(d?.severity).toBe('error');
    expect(d?.pointer).toBe('/fin');
    expect(d?.line).toBeGreaterThan(0);
    expect(d?.message).toContain('dernier jour possible : 2025-12-31');
    expect(d?.reference?.article).toBe('CCH art. R. 441-5-2 I');
    expect(r.code).toBe(1);
  });

  it('checks the schema, the file name, the folder and the dates', () => {
    const base = arreteFixture();
    const dir = tree({
      motif: { ...base, id: 'motif', motif: 'confort' },
      nom: { ...base, id: 'autre-nom' },
      dossier: { ...base, id: 'dossier', departement: '94' },
      inverse: { ...base, id: 'inverse', debut: '2025-06-01', fin: '2025-01-31' },
      tardif: { ...base, id: 'tardif', date: '2025-02-01' },
    });
    const r = checkJson(dir, 'arretes/');
    expect(codes(r.diagnostics, 'motif.yaml')).toContain('SCHEMA_VALEUR_INCONNUE');
    expect(codes(r.diagnostics, 'nom.yaml')).toEqual(['ARRETE_ID_INCOHERENT']);
    expect(codes(r.diagnostics, 'dossier.yaml')).toEqual(['ARRETE_DEPARTEMENT_INCOHERENT']);
    expect(codes(r.diagnostics, 'inverse.yaml')).toEqual(['ARRETE_DATES_INVERSEES']);
    expect(codes(r.diagnostics, 'tardif.yaml')).toEqual(['ARRETE_DATE_POSTERIEURE']);
  });
});

describe('the 30 % cap with and without an arrêté (convflux check)', () => {
  it('an État part of 32 % is an error without an arrêté', () => {
    const dir = tree();
    etat2025(dir);
    const r = checkJson(dir, ETAT_V1);
    const d = r.diagnostics.find((x) => x.code === 'ETAT_PART_MAX');
    expect(d?.severity).toBe('error');
    expect(r.code).toBe(1);
  });

  it('is accepted while the arrêté covers the version’s period, with a note naming it', () => {
    const dir = tree({ '2025-securite-publique': arreteFixture() });
    etat2025(dir);
    const r = checkJson(dir, ETAT_V1);
    expect(codes(r.diagnostics)).not.toContain('ETAT_PART_MAX');
    const note = r.diagnostics.find((x) => x.code === 'ETAT_PART_DEROGATION');
    expect(note?.severity).toBe('info');
    expect(note?.message).toContain('l’arrêté préfectoral n° 2024-3157 du 2024-12-16');
    expect(note?.pointer).toBe('/flux/part');
  });

  it('stays an error when the arrêté covers only part of the period, or allows less', () => {
    const partiel = tree({ partiel: { ...arreteFixture(), id: 'partiel', fin: '2025-06-30' } });
    etat2025(partiel);
    const r = checkJson(partiel, ETAT_V1);
    expect(codes(r.diagnostics)).toContain('ETAT_PART_MAX');
    const w = r.diagnostics.find((x) => x.code === 'ETAT_DEROGATION_INSUFFISANTE');
    expect(w?.message).toContain('du 2025-07-01 au 2025-12-31');
    const faible = tree({ faible: { ...arreteFixture(), id: 'faible', part_max: 0.31 } });
    etat2025(faible);
    expect(codes(checkJson(faible, ETAT_V1).diagnostics)).toContain('ETAT_PART_MAX');
  });

  it('chains arrêtés: two consecutive years cover a two-year version', () => {
    const base = arreteFixture();
    const dir = tree({
      '2025-securite-publique': base,
      '2026-securite-publique': {
        ...base,
        id: '2026-securite-publique',
        numero: '2025-2980',
        date: '2025-12-15',
        debut: '2026-01-01',
        fin: '2026-12-31',
      },
    });
    const path = etat2025(dir);
    writeFileSync(path, readFileSync(path, 'utf8').replace('fin: 2025-12-31', 'fin: 2026-12-31'));
    const r = checkJson(dir, ETAT_V1);
    expect(codes(r.diagnostics)).not.toContain('ETAT_PART_MAX');
    expect(r.diagnostics.find((x) => x.code === 'ETAT_PART_DEROGATION')?.message).toContain(
      'les arrêtés préfectoraux n° 2024-3157 du 2024-12-16 et n° 2025-2980 du 2025-12-15',
    );
  });

  it('applies the agents’ cap the arrêté allows', () => {
    const path = (dir: string): string => {
      const p = etat2025(dir, 0.3);
      writeFileSync(
        p,
        readFileSync(p, 'utf8').replace(/dont_agents_etat: 0\.05/, 'dont_agents_etat: 0.08'),
      );
      return p;
    };
    const sans = tree();
    path(sans);
    expect(codes(checkJson(sans, ETAT_V1).diagnostics)).toContain('ETAT_AGENTS_PART_MAX');
    const avec = tree({
      agents: { ...arreteFixture(), id: 'agents', part_max: 0.3, dont_agents_max: 0.08 },
    });
    path(avec);
    const r = checkJson(avec, ETAT_V1);
    expect(codes(r.diagnostics)).not.toContain('ETAT_AGENTS_PART_MAX');
    expect(r.diagnostics.find((x) => x.code === 'ETAT_PART_DEROGATION')?.pointer).toBe(
      '/flux/dont_agents_etat',
    );
  });

  it('does not apply an arrêté naming another bailleur', () => {
    const dir = tree({ autre: { ...arreteFixture(), id: 'autre', bailleurs: ['732829320'] } });
    etat2025(dir);
    expect(codes(checkJson(dir, ETAT_V1).diagnostics)).toContain('ETAT_PART_MAX');
  });
});

describe('the État’s dû under an arrêté (convflux evaluate)', () => {
  const evaluate = (dir: string): Evaluation => {
    const r = runCli([
      'evaluate',
      '--rules',
      dir,
      '--parc',
      join(repoRoot, 'test/fixtures/exemple-93/logements.csv'),
      '--events',
      join(repoRoot, 'test/fixtures/exemple-93/evenements.csv'),
      '--annee',
      '2025',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as Evaluation;
  };

  it('uses the part the arrêté sets for the flats freed in its period, and only for the État', () => {
    const sans = evaluate(tree());
    const avec = evaluate(tree({ '2025-securite-publique': arreteFixture() }));
    const etat = (e: Evaluation) => e.conventions.find((c) => c.id === '93-552046484-etat-93');
    const flux = etat(sans)?.flux_annuel ?? 0;
    expect(flux).toBeGreaterThan(0);
    expect(etat(sans)?.du).toBeCloseTo(0.3 * flux, 6);
    expect(etat(avec)?.du).toBeCloseTo(0.32 * flux, 6);
    expect(etat(avec)?.realise).toBe(etat(sans)?.realise);
    const autres = (e: Evaluation) =>
      e.conventions.filter((c) => c.id !== '93-552046484-etat-93').map((c) => [c.id, c.du]);
    expect(autres(avec)).toEqual(autres(sans));
  });

  it('from the day the arrêté starts: a derogation from 1 July counts only the flats freed since', () => {
    const juillet = evaluate(
      tree({
        juillet: { ...arreteFixture(), id: 'juillet', debut: '2025-07-01', fin: '2026-06-30' },
      }),
    );
    const sans = evaluate(tree());
    const du = (e: Evaluation) =>
      e.conventions.find((c) => c.id === '93-552046484-etat-93')?.du ?? 0;
    expect(du(juillet)).toBeGreaterThan(du(sans));
    expect(du(juillet)).toBeLessThan(du(sans) * (0.32 / 0.3));
  });
});

describe('the État convention read back from its PDF', () => {
  let browser: PdfBrowser;
  let text = '';
  let sansArrete = '';
  beforeAll(async () => {
    if (!existsSync(chromiumPath()))
      throw new Error('Chromium est introuvable : apt-get install -y chromium');
    browser = await PdfBrowser.launch();
    const templates = loadTemplates();
    const pdfText = async (path: string): Promise<string> => {
      const { view } = prepareConvention(readFileSync(path), path, templates, 'fr', path);
      const { bytes } = await conventionPdf(view, templates, browser);
      const doc = await getDocument({ data: bytes, isEvalSupported: false, verbosity: 0 }).promise;
      const pages: string[] = [];
      for (let i = 1; i <= doc.numPages; i++) {
        const content = await (await doc.getPage(i)).getTextContent();
        // Items joined as laid out (the « er » of « 1er » is a superscript item of its own).
        pages.push(
          content.items
            .map((it) => ('str' in it ? `${it.str}${it.hasEOL ? '\n' : ''}` : ''))
            .join(''),
        );
      }
      return flat(pages.join(' '));
    };
    const dir = tree({ '2025-securite-publique': arreteFixture() });
    text = await pdfText(etat2025(dir));
    sansArrete = await pdfText(join(repoRoot, 'rules', ETAT_V1));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('quotes R. 441-5-2 I and II as written', () => {
    for (const citation of [
      cch.R441_5_2_I_1,
      cch.R441_5_2_I_2,
      cch.R441_5_2_II_1,
      cch.R441_5_2_II_2,
    ])
      expect(sansArrete).toContain(flat(citation));
  });

  it('words the part as the préfet’s right, with the derogation sentence', () => {
    expect(sansArrete).toContain(
      'La part des logements réservés par le préfet représente 30 % (trente pour cent) du flux annuel défini à l’article 2, dont 5 % (cinq pour cent) au bénéfice des agents civils et militaires de l’État.',
    );
    expect(sansArrete).toContain(
      'Le cas échéant, la part est modifiée de plein droit par l’arrêté préfectoral pris en application du second alinéa du I de l’article R. 441-5-2 du code de la construction et de l’habitation, pour la durée qu’il fixe.',
    );
    expect(sansArrete).not.toContain('Le bailleur réserve au réservataire');
    expect(sansArrete).not.toContain('arrêté du préfet n°');
  });

  it('states how the parties measure the hors-QPV part, and tells the two bases apart', () => {
    expect(sansArrete).toContain('Les parties conviennent de mesurer cette part comme le rapport');
    expect(sansArrete).not.toContain('retenue par convflux');
    expect(sansArrete).toContain(
      'Cette part minimale ne se confond pas avec l’objectif indicatif n° 3 de l’article 5 (50 %)',
    );
  });

  it('prints the arrêté taken by the version’s date d’effet, with its references', () => {
    expect(text).toContain(
      'arrêté du préfet n° 2024-3157 du 16 décembre 2024, pris afin de permettre le logement des personnels chargés de mission de sécurité publique : du 1er janvier 2025 au 31 décembre 2025, la part des logements réservés par le préfet est portée à 32 % (trente-deux pour cent) du flux annuel',
    );
    expect(text).toContain('La part des logements réservés par le préfet représente 32 %');
  });

  it('quotes R. 441-5-2 IV up to where the sources stop, and says so', () => {
    expect(sansArrete).toContain(flat(`« ${cch.R441_5_2_IV_1}`));
    expect(sansArrete).toContain(flat(cch.R441_5_2_IV_2));
    expect(sansArrete).toContain(flat(`${cch.R441_5_2_IV_3_DEBUT} […] »`));
    expect(sansArrete).toContain(flat(cch.TEXTE_NON_CONSULTE));
    expect(sansArrete).toContain(
      'le préfet règle par arrêté les modalités pratiques de mise en œuvre des réservations dont bénéficie l’Etat',
    );
  });
});
