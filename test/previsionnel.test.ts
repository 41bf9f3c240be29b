/**
 * `convflux previsionnel` through the real process: the rotation arithmetic against a small
 * fixture computed by hand (test/fixtures/previsionnel-mini/, the computation is in the
 * comments), the exit codes, the diagnostics of a bad forecast file with file:line, the PDF read
 * back as text and the workbook read back with exceljs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import { pdfPageTexts } from './pdf-text.js';

const MINI = 'test/fixtures/previsionnel-mini';
const tmp = mkdtempSync(join(tmpdir(), 'convflux-previsionnel-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function args(out: string, o: { prevision?: string; events?: string; annee?: string } = {}) {
  return [
    'previsionnel',
    '--rules',
    `${MINI}/conventions`,
    '--prevision',
    o.prevision ?? `${MINI}/prevision-2026.yaml`,
    '--parc',
    `${MINI}/logements.csv`,
    '--events',
    o.events ?? `${MINI}/evenements.csv`,
    '--annee',
    o.annee ?? '2026',
    '--out',
    join(tmp, out),
  ];
}

interface Cellule {
  commune: string;
  typologie: string;
  logements: number;
  liberations: number;
  taux: number;
  origine: string;
  convention?: string;
  brutCentiemes: number;
  deductions: Record<string, number>;
  netCentiemes: number;
}
interface Sortie {
  ok: boolean;
  previsionnel: {
    methode: { anneesObservees: number[] };
    cellules: Cellule[];
    dus: { convention: string; fluxNetCentiemes: number; duCentiemes: number }[];
    etatDesLieux: {
      lignes: {
        commune: string;
        convention: string;
        logements: number;
        droitsCentiemes: number;
        consommationAnneeCentiemes: number;
      }[];
    };
  } | null;
  diagnostics: { code: string; file: string; line: number; severity: string }[];
  csv: { fichier: string; lignes: number }[];
  classeur: { fichier: string } | null;
}

const json = (out: string, o?: Parameters<typeof args>[1]) => {
  const r = runCli([...args(out, o), '--html', '--json']);
  return { ...r, sortie: JSON.parse(r.stdout) as Sortie };
};
const cellule = (s: Sortie, commune: string, typologie: string): Cellule | undefined =>
  s.previsionnel?.cellules.find((c) => c.commune === commune && c.typologie === typologie);

describe('convflux previsionnel: rotation arithmetic (hand-computed fixture)', () => {
  const { code, sortie } = json('observe');

  it('observes the three previous years that hold liberations', () => {
    expect(code).toBe(0);
    // Liberations of the bailleur's flux flats: 2023 (S01, S02, M01), 2024 (S03, S11, M01, M04),
    // 2025 (S04, S05, S06, M01, M02, M03). S07 in 2022 is before N-3; M05 is `defense` (stock);
    // X01 belongs to another bailleur; S08's mise_en_service is not rotation.
    expect(sortie.previsionnel?.methode.anneesObservees).toEqual([2023, 2024, 2025]);
  });

  it('gross forecast per commune × typologie = liberations ÷ observed years', () => {
    // 93048 T2: flats M01–M04 (M05 is in stock), liberations M01×3 + M04 + M02 + M03 = 6;
    //   6 / 3 years = 2.00; rate 6 / (4 flats × 3 years) = 0.5.
    expect(cellule(sortie, '93048', 'T2')).toMatchObject({
      logements: 4,
      liberations: 6,
      taux: 0.5,
      origine: 'observe',
      brutCentiemes: 200,
    });
    // 93066 T2: flats S01–S10, liberations S01 S02 S03 S04 S05 S06 = 6 → 2.00; rate 6/30 = 0.2.
    expect(cellule(sortie, '93066', 'T2')).toMatchObject({
      logements: 10,
      liberations: 6,
      taux: 0.2,
      brutCentiemes: 200,
    });
    // 93066 T3: flats S11–S15, one liberation (S11) → 1/3 = 0.333… → 0.33; rate 1/15.
    const t3 = cellule(sortie, '93066', 'T3');
    expect(t3).toMatchObject({ logements: 5, liberations: 1, brutCentiemes: 33 });
    expect(t3?.taux).toBeCloseTo(1 / 15, 10);
    expect(sortie.previsionnel?.cellules).toHaveLength(3);
  });

  it('deductions: split by gross forecast (largest remainder), net never below 0', () => {
    // mutation_interne 1 (100 hundredths), no commune: weights 200, 200, 33 (Σ 433).
    //   100×200/433 = 46.19 → 46 (remainder 20000 − 46×433 = 82), twice;
    //   100×33/433 = 7.62 → 7 (remainder 3300 − 7×433 = 269); Σ 99, the last hundredth goes
    //   to the largest remainder: 93066 T3 → 8.
    // relogement_renouvellement_urbain 1 at commune 93048 → all on 93048 T2 (its only cell).
    expect(cellule(sortie, '93048', 'T2')?.deductions).toEqual({
      mutation_interne: 46,
      relogement_renouvellement_urbain: 100,
    });
    expect(cellule(sortie, '93066', 'T2')?.deductions).toEqual({ mutation_interne: 46 });
    expect(cellule(sortie, '93066', 'T3')?.deductions).toEqual({ mutation_interne: 8 });
    // Net: 200 − 46 − 100 = 54; 200 − 46 = 154; 33 − 8 = 25.
    expect(cellule(sortie, '93048', 'T2')?.netCentiemes).toBe(54);
    expect(cellule(sortie, '93066', 'T2')?.netCentiemes).toBe(154);
    expect(cellule(sortie, '93066', 'T3')?.netCentiemes).toBe(25);
  });

  it('each réservataire’s due: its part × the net flux of its territory, its own exclusions', () => {
    const du = (id: string) => sortie.previsionnel?.dus.find((d) => d.convention === id);
    // Montreuil (15 %, commune 93048) deducts only mutation_interne (fixture's convention):
    //   200 − 46 = 154 hundredths; 0.15 × 1.54 = 0.231 → 0.23.
    expect(du('93-552046484-montreuil')).toMatchObject({ fluxNetCentiemes: 154, duCentiemes: 23 });
    // Saint-Denis (20 %, commune 93066) deducts every category: 154 + 25 = 179;
    //   0.20 × 1.79 = 0.358 → 0.36.
    expect(du('93-552046484-saint-denis')).toMatchObject({
      fluxNetCentiemes: 179,
      duCentiemes: 36,
    });
  });

  it('aggregated état des lieux: the conventions’ conversion_stock per commune', () => {
    // Saint-Denis' état des lieux (5 flats in 93066), from 2024-01-01, rates 0.09 (93066 T1/T2),
    // 0.04 (Plaine Commune T5/T6), 0.06 otherwise:
    //   T1 to 2031-12-31: 8 years × 0.09 = 0.72; T2 to 2029-06-30: 5.5 × 0.09 = 0.495 → 0.50;
    //   T3 to 2048-03-31: 24.25 × 0.06 = 1.455 → 1.46; T4 to 2026-12-31: 3 × 0.06 = 0.18;
    //   T5 to 2039-09-30: 15.75 × 0.04 = 0.63. Σ = 3.49.
    // proportion_flux over 2024–2026 (366 + 365 + 365 days): 349 × 365/1096 = 116.2 → 116 in 2026
    //   (2024 takes the last hundredth: remainder 598 against 249).
    expect(sortie.previsionnel?.etatDesLieux.lignes).toEqual([
      {
        commune: '93066',
        convention: '93-552046484-saint-denis',
        reservataire: expect.objectContaining({ id: 'saint-denis' }) as unknown,
        logements: 5,
        droitsCentiemes: 349,
        consommationAnneeCentiemes: 116,
      },
    ]);
  });

  it('writes a CSV per table beside the document, and the workbook', () => {
    const csv = readFileSync(join(tmp, 'observe', 'previsionnel-552046484-93-2026.csv'), 'utf8');
    const lignes = csv.trim().split('\n');
    expect(lignes).toHaveLength(4);
    expect(lignes[0]).toMatch(/^annee,commune,nom_commune,typologie,logements,/);
    expect(lignes.find((l) => l.includes(',93048,'))).toMatch(/,2,.*,0\.54$/);
    expect(sortie.csv.map((c) => c.fichier.replace(/.*\//, ''))).toEqual([
      'previsionnel-552046484-93-2026.csv',
      'previsionnel-552046484-93-2026-deductions.csv',
      'previsionnel-552046484-93-2026-dus.csv',
      'previsionnel-552046484-93-2026-etat-des-lieux.csv',
    ]);
  });
});

describe('convflux previsionnel: without history', () => {
  it('uses the rates the conventions agreed (conversion_stock.taux_rotation)', () => {
    const { code, sortie } = json('stipule', { events: `${MINI}/evenements-vides.csv` });
    expect(code).toBe(0);
    expect(sortie.previsionnel?.methode.anneesObservees).toEqual([]);
    // Saint-Denis' rates (the only convention with some): 93066 T1/T2 0.09, otherwise 0.06.
    //   93048 T2: 4 × 0.06 = 0.24; 93066 T2: 10 × 0.09 = 0.90; 93066 T3: 5 × 0.06 = 0.30.
    expect(cellule(sortie, '93048', 'T2')).toMatchObject({
      taux: 0.06,
      origine: 'stipule',
      convention: '93-552046484-saint-denis',
      brutCentiemes: 24,
    });
    expect(cellule(sortie, '93066', 'T2')).toMatchObject({ taux: 0.09, brutCentiemes: 90 });
    expect(cellule(sortie, '93066', 'T3')).toMatchObject({ taux: 0.06, brutCentiemes: 30 });
  });
});

describe('convflux previsionnel: no history and no agreed rate', () => {
  // A tree with Montreuil's convention only (no conversion_stock, so no agreed rate): the
  // conventions of the same bailleur × département are always loaded together.
  const seule = (out: string, prevision: string) =>
    runCli([
      'previsionnel',
      '--rules',
      `${MINI}/sans-taux/conventions`,
      '--prevision',
      prevision,
      '--parc',
      `${MINI}/logements.csv`,
      '--events',
      `${MINI}/evenements-vides.csv`,
      '--annee',
      '2026',
      '--out',
      join(tmp, out),
      '--html',
      '--json',
    ]);
  const fichier = (name: string, defaut?: string): string => {
    const path = join(tmp, name);
    writeFileSync(
      path,
      [
        'bailleur: "552046484"',
        'departement: "93"',
        'annee: 2026',
        ...(defaut ? [`taux_rotation_defaut: ${defaut}`] : []),
        'deductions: []',
        '',
      ].join('\n'),
    );
    return path;
  };

  it('without taux_rotation_defaut: PREVISION_ROTATION_INCONNUE, exit 1', () => {
    const r = seule('inconnue', fichier('sans-defaut.yaml'));
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Sortie;
    expect(s.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'PREVISION_ROTATION_INCONNUE', severity: 'error' }),
    );
    expect(s.previsionnel).toBeNull();
  });

  it('with taux_rotation_defaut: flats × that rate, Montreuil’s due on its commune', () => {
    const r = seule('defaut', fichier('defaut.yaml', '0.05'));
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as Sortie;
    // 93048 T2: 4 flats × 0.05 = 0.20; 93066 T2: 10 × 0.05 = 0.50; 93066 T3: 5 × 0.05 = 0.25.
    expect(cellule(s, '93048', 'T2')).toMatchObject({ origine: 'defaut', brutCentiemes: 20 });
    expect(cellule(s, '93066', 'T2')).toMatchObject({ brutCentiemes: 50 });
    expect(cellule(s, '93066', 'T3')).toMatchObject({ brutCentiemes: 25 });
    // No deduction: Montreuil 15 % × 0.20 = 0.03.
    expect(s.previsionnel?.dus).toEqual([
      expect.objectContaining({ fluxNetCentiemes: 20, duCentiemes: 3 }),
    ]);
  });
});

describe('convflux previsionnel: exit codes and diagnostics', () => {
  it('exit 2 on usage: a missing option, a missing file', () => {
    const sans = runCli(['previsionnel', '--annee', '2026', '--out', join(tmp, 'x')]);
    expect(sans.code).toBe(2);
    expect(sans.stderr).toContain('--prevision');
    const absent = runCli(args('y', { prevision: `${MINI}/absent.yaml` }));
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('absent.yaml');
  });

  it('exit 1 on a bad forecast file, with file:line, and nothing written', () => {
    const bad = join(tmp, 'mauvaise.yaml');
    writeFileSync(
      bad,
      [
        'bailleur: "552046484"',
        'departement: "93"',
        'annee: 2026',
        'deductions:',
        '  - motif: mutation_interne',
        '    nombre: deux',
        '    source: CUS',
        '  - motif: vente',
        '    nombre: 1',
        '    source: plan de vente',
        '',
      ].join('\n'),
    );
    const r = runCli(args('mauvaise', { prevision: bad }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mauvaise\.yaml:6:\d+/);
    expect(r.stderr).toMatch(/mauvaise\.yaml:8:\d+/);
    expect(r.stdout).toBe('');
  });

  it('a source too short is said to be too short, not empty', () => {
    const court = join(tmp, 'source-courte.yaml');
    writeFileSync(
      court,
      [
        'bailleur: "552046484"',
        'departement: "93"',
        'annee: 2026',
        'deductions:',
        '  - motif: mutation_interne',
        '    nombre: 2',
        '    source: x',
        '  - motif: relogement_vente',
        '    nombre: 1',
        '    source: ""',
        '',
      ].join('\n'),
    );
    const r = runCli(args('source-courte', { prevision: court }));
    expect(r.code).toBe(1);
    const ligne7 = r.stderr.split('\n').find((l) => l.includes('source-courte.yaml:7:'));
    expect(ligne7).toContain('SCHEMA_FORMAT');
    expect(ligne7).toContain('"x"');
    expect(ligne7).toContain('le document dont le nombre est tiré');
    expect(ligne7).not.toContain('au moins un élément');
    // An empty value is still said to be empty.
    expect(r.stderr).toMatch(/source-courte\.yaml:10:\d+ +erreur SCHEMA_VIDE/);
    expect(r.stdout).toBe('');
  });

  it('a fraction of a flat is refused at its line (flats are whole)', () => {
    const fraction = join(tmp, 'fraction.yaml');
    writeFileSync(
      fraction,
      [
        'bailleur: "552046484"',
        'departement: "93"',
        'annee: 2026',
        'deductions:',
        '  - motif: mutation_interne',
        '    nombre: 1.5',
        '    source: CUS 2021-2026',
        '',
      ].join('\n'),
    );
    const r = runCli(args('fraction', { prevision: fraction }));
    expect(r.code).toBe(1);
    const ligne6 = r.stderr.split('\n').find((l) => l.includes('fraction.yaml:6:'));
    expect(ligne6).toContain('un nombre entier de logements positif');
    expect(r.stdout).toBe('');
  });

  it('exit 1 when a deduction falls where the parc has no flat in the flux', () => {
    const sans = join(tmp, 'sans-logement.yaml');
    writeFileSync(
      sans,
      [
        'bailleur: "552046484"',
        'departement: "93"',
        'annee: 2026',
        'deductions:',
        '  - motif: relogement_vente',
        '    nombre: 2',
        '    commune: "93001"',
        '    source: plan de vente',
        '',
      ].join('\n'),
    );
    // Aubervilliers (93001) is in the département, but the fixture's parc has no flat there.
    const r = runCli([...args('sans-logement', { prevision: sans }), '--html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sans-logement\.yaml:5:\d+ .*PREVISION_DEDUCTION_SANS_LOGEMENT/);
  });

  it('exit 1 when the file forecasts another year, pointing at its line', () => {
    const r = runCli([...args('autre-annee', { annee: '2025' }), '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as Sortie;
    expect(s.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'PREVISION_ANNEE_DIFFERENTE', line: 5 }),
    );
    expect(s.previsionnel).toBeNull();
  });
});

describe('convflux previsionnel: the PDF and the workbook read back', () => {
  it('prints the deductions, the dues, the état des lieux and the method', async () => {
    const r = runCli(args('pdf'));
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(join(tmp, 'pdf', 'previsionnel-552046484-93-2026.pdf'));
    const text = (await pdfPageTexts(pdf)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Prévisionnel 2026 du flux et des logements déduits');
    expect(text).toContain(
      '« Pour le calcul du flux annuel mentionné à l’alinéa précédent, ne sont pas pris en compte',
    );
    expect(text).toContain('Résumé retenu par convflux');
    expect(text).toMatch(/Montreuil \(93048\) 4 2,00 1,46 0,54/);
    expect(text).toMatch(
      /Commune de Montreuil 93-552046484-montreuil \(version 1\) Montreuil mutation interne 15 % 1,54 0,23/,
    );
    expect(text).toMatch(/Saint-Denis \(93066\) 1 5 3,49 1,16/);
    expect(text).toContain('observé sur les années 2023, 2024, 2025');
  }, 120_000);

  it('the workbook: one sheet per table, numbers as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp, 'pdf', 'previsionnel-552046484-93-2026.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Flux par commune × typologie',
      'Déductions prévues',
      'Dus prévisionnels',
      'État des lieux agrégé',
      'Méthode',
    ]);
    const dus = wb.getWorksheet('Dus prévisionnels');
    const entete = dus?.getRow(1).values as unknown[];
    const colDu = entete.indexOf('Dû prévisionnel');
    const colConv = entete.indexOf('Convention');
    const montreuil = dus
      ?.getSheetValues()
      .find((row) => Array.isArray(row) && row[colConv] === '93-552046484-montreuil');
    expect(Array.isArray(montreuil) ? montreuil[colDu] : undefined).toBe(0.23);
    const cell = dus?.getRow(2).getCell(colDu);
    expect(cell?.type).toBe(ExcelJS.ValueType.Number);
    expect(cell?.numFmt).toBe('#,##0.00');
  });
});

describe('the forecast as a section of the bilan', () => {
  it('sectionPrevisionnel: the parts only, no title page nor annexes', async () => {
    const { sectionPrevisionnel } = await import('../src/previsionnel/previsionnel-section.js');
    const r = await sectionPrevisionnel({
      rules: [`${MINI}/conventions`],
      parc: `${MINI}/logements.csv`,
      evenements: `${MINI}/evenements.csv`,
      prevision: `${MINI}/prevision-2026.yaml`,
      annee: 2026,
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.html).toContain('id="previsionnel-dus"');
    expect(r.html).toContain('id="previsionnel-etat-des-lieux"');
    expect(r.html).not.toContain('class="titre"');
    expect(r.html).not.toContain('Annexe 1');
    expect(r.previsionnel?.dus.map((d) => d.duCentiemes)).toEqual([23, 36]);
  }, 60_000);
});
