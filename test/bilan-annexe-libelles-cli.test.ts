/**
 * The addressee's annex of the bilan (`convflux bilan --reservataire`) says its columns in the
 * synthesis's words: « Déc. » (the points counted) was read as the CALEOL's decisions, which the
 * synthesis and `evaluate` (« déc. attr. ») call decisions. Read back from the HTML the PDF is
 * printed from and from the workbook's sheet; the annex's totals are the synthesis's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BilanDocument } from '../src/bilan/bilan-render.js';
import { runCli } from './helpers.js';

const BASE = '93-552046484-bilan-2025-etat-93';
const COLONNES = [
  'Proposés',
  'Logements attribués',
  'Décisions d’attribution',
  'Baux signés',
  'Réalisé (points)',
];

/** The text of an HTML page: tags out, entities of the template's apostrophes kept as written. */
const texte = (html: string): string =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\s\u00a0\u202f]+/g, ' ');

describe('the annex of a réservataire’s copy of the bilan', () => {
  let dir: string;
  let document: BilanDocument | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'convflux-annexe-'));
    const r = runCli([
      'bilan',
      '--rules',
      'rules/',
      '--parc',
      'test/fixtures/exemple-93/logements.csv',
      '--events',
      'test/fixtures/exemple-93/evenements.csv',
      '--annee',
      '2025',
      '--reservataire',
      'etat-93',
      '--html',
      '--json',
      '--out',
      dir,
    ]);
    expect(r.code, r.stderr).toBe(0);
    document = (JSON.parse(r.stdout) as { documents: BilanDocument[] }).documents[0];
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('names its columns in full, as the synthesis does, with a legend that says each', () => {
    const html = readFileSync(join(dir, `${BASE}.html`), 'utf8');
    const annexe = texte(
      html.slice(
        html.lastIndexOf('Annexe A – Logements proposés et attribués'),
        html.lastIndexOf('Annexe B – Identification des données'),
      ),
    );
    expect(annexe).not.toMatch(/Prop\.|Attr\.|Déc\.|Baux(?! signés)/);
    expect(annexe).toContain(`Construction ${COLONNES.join(' ')} `);
    // A cycle opened in 2024 (flat 00245) is there for its points of 2025 only: the heading says so.
    expect(annexe).toContain(
      'ou décompté pour lui (un cycle ouvert une année antérieure y figure pour ses points de l’année)',
    );
    expect(annexe).toMatch(
      /93-552046484-00245 T4 PLUS QPV Aubervilliers \(93001\) 1990–2004 0 0 0 0 0,5 /,
    );
    expect(annexe).toContain(
      'Décisions d’attribution : décisions de la CALEOL dans ses cycles (un logement attribué, refusé par le ménage puis attribué à nouveau en compte deux) ; Réalisé (points) : logements décomptés par la convention, dont le total est la colonne Réalisé de la synthèse.',
    );
    // Its total row: the synthesis's État figures (proposés, attribués, décisions, baux, réalisé).
    const t = document?.totaux.find((x) => x.convention === '93-552046484-etat-93');
    const total = [t?.proposes, t?.attribues, t?.decisions, t?.baux, t?.realise].map((n) =>
      String(n).replace('.', ','),
    );
    expect(annexe).toContain(`Total ${total.join(' ')} `);
  });

  it('gives the workbook’s sheet the same headers and totals', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, `${BASE}.xlsx`));
    const ws = wb.getWorksheet('Annexe logements');
    const lignes: unknown[][] = [];
    ws?.eachRow((row) => lignes.push((row.values as unknown[]).slice(1)));
    const entete = lignes.find((l) => l[0] === 'Logement') ?? [];
    expect(entete.slice(6)).toEqual(COLONNES);
    const total = lignes.find((l) => l[0] === 'Total') ?? [];
    const t = document?.totaux.find((x) => x.convention === '93-552046484-etat-93');
    expect(total.slice(6).map(Number)).toEqual([
      t?.proposes,
      t?.attribues,
      t?.decisions,
      t?.baux,
      t?.realise,
    ]);
  });
});
