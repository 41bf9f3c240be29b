/**
 * The bilan's table of alerts (section 6) names each kind of alert in words, never by its code:
 * the bilan is the document the bailleur sends to its réservataires. Through the real process on
 * a small input that raises the alerts of the later issues (first letting oriented while the
 * convention keeps it in stock, congé withdrawn after a pre-orientation, droits uniques consumed
 * behind the schedule). That every alert an evaluation can carry has its words (French and English,
 * one catalogue): test/explain-alertes-libelles-cli.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { libelleAlerte } from '../src/diagnostics/libelles-alertes.js';
import { runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-bilan-alertes-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const PARC = [
  'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
  'M1,552046484,93,93066,200057867,false,T2,PLUS,1990,',
  'M2,552046484,93,93066,200057867,false,T3,PLAI,1975,',
  'M3,552046484,93,93066,200057867,false,T4,PLAI,2025,',
];
const EVENEMENTS = [
  'id,date,type,logement,reservataire,decision,candidats,date_liberation_prevue',
  'A1,2025-06-10,liberation,M1,,,,',
  'A2,2025-06-20,orientation,M1,etat-93,,,',
  'A3,2025-07-05,designation,M1,etat-93,,3,',
  'A4,2025-07-10,caleol,M1,,attribution,,',
  // M2: oriented during the notice, then the congé is withdrawn (CONGE_RETIRE).
  'B1,2025-09-01,conge,M2,,,,2025-10-31',
  'B2,2025-09-05,orientation,M2,etat-93,,,',
  'B3,2025-09-20,retrait_conge,M2,,,,',
  // M3: oriented at its first letting, which the conventions of the 93 keep in stock.
  'C1,2025-03-01,mise_en_service,M3,,,,',
  'C2,2025-03-02,orientation,M3,etat-93,,,',
];

describe('convflux bilan: the table of alerts', () => {
  it('names every alert in words, none by its code', () => {
    const parc = join(tmp, 'parc.csv');
    const events = join(tmp, 'evenements.csv');
    writeFileSync(parc, PARC.join('\n') + '\n');
    writeFileSync(events, EVENEMENTS.join('\n') + '\n');
    const out = join(tmp, 'bilans');
    const run = runCli([
      'bilan',
      '--rules',
      'rules/conventions/93',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
      '--out',
      out,
      '--html',
      '--workers',
      '0',
    ]);
    expect(run.code).toBe(0);
    const html = readFileSync(join(out, '93-552046484-bilan-2025.html'), 'utf8');
    const debut = html.indexOf('<section class="partie" id="section-6">');
    expect(debut).toBeGreaterThan(0);
    const section = html.slice(debut, html.indexOf('</section>', debut));
    for (const libelle of [
      'Orientation d’un logement mis en service que la convention laisse hors du flux',
      'Congé retiré après une orientation pendant le préavis',
      'Consommation des droits uniques de la conversion en retard d’au moins un logement',
    ])
      expect(section).toContain(libelle);
    expect(section).not.toMatch(/\b[A-Z]{3,}(?:_[A-Z0-9]+)+\b/);
  });

  it('counts every alert evaluate raises for the bailleur × département, those tied to no convention too', async () => {
    const parc = join(tmp, 'parc-bailleur.csv');
    const events = join(tmp, 'evenements-bailleur.csv');
    writeFileSync(
      parc,
      [
        PARC[0],
        'V1,552046484,93,93066,200057867,false,T2,PLUS,1990,',
        'V2,552046484,93,93066,200057867,false,T3,PLAI,1975,',
        'V3,552046484,93,93066,200057867,false,T4,PLUS,1980,',
        'V4,552046484,93,93066,200057867,false,T4,PLUS,1980,',
        'R1,353017015,35,35238,243500139,true,T3,PLS,1971,',
      ].join('\n') + '\n',
    );
    writeFileSync(
      events,
      [
        'id,date,type,logement,reservataire,decision,candidats,par',
        // V1: freed, never oriented (VACANCE_SANS_ORIENTATION, tied to no convention).
        'A1,2025-03-10,liberation,V1,,,,',
        // V2: a designation with no orientation before it (DESIGNATION_HORS_CYCLE).
        'B1,2025-04-01,designation,V2,etat-93,,2,',
        // V3: a reprise outside any cycle (EVENEMENT_HORS_CYCLE), oriented later.
        'C1,2025-05-01,liberation,V3,,,,',
        'C2,2025-05-03,reprise,V3,,,,',
        'C3,2025-05-10,orientation,V3,etat-93,,,',
        'C4,2025-05-20,designation,V3,etat-93,,3,',
        // V4: oriented, the delay lapses (an alert of the État's convention).
        'D1,2025-02-01,liberation,V4,,,,',
        'D2,2025-02-03,orientation,V4,etat-93,,,',
        // R1, another bailleur × département: its vacancy is in its own bilan only.
        'E1,2025-03-01,liberation,R1,,,,',
      ].join('\n') + '\n',
    );
    const entrees = ['--rules', 'rules/conventions', '--parc', parc, '--events', events];
    const evaluation = runCli(['evaluate', ...entrees, '--annee', '2025', '--json']);
    expect(evaluation.code).toBe(0);
    const e = JSON.parse(evaluation.stdout) as {
      conventions: { id: string; alertes: { code: string }[] }[];
      alertes: { code: string; logement: string }[];
    };
    const bailleurDe: Record<string, string> = {
      V1: '93-552046484',
      V2: '93-552046484',
      V3: '93-552046484',
      V4: '93-552046484',
      R1: '35-353017015',
    };
    expect(e.alertes.map((a) => `${a.code} ${a.logement}`).sort()).toEqual([
      'DESIGNATION_HORS_CYCLE V2',
      'EVENEMENT_HORS_CYCLE V3',
      'VACANCE_SANS_ORIENTATION R1',
      'VACANCE_SANS_ORIENTATION V1',
    ]);
    /** What evaluate says for one bilan, in the bilan's words: label → count. */
    const attendu = (bilan: string): Record<string, number> => {
      const n: Record<string, number> = {};
      const compter = (code: string): void => {
        const libelle = libelleAlerte(code, 'fr');
        n[libelle] = (n[libelle] ?? 0) + 1;
      };
      for (const c of e.conventions)
        if (c.id.startsWith(`${bilan}-`)) for (const a of c.alertes) compter(a.code);
      for (const a of e.alertes) if (bailleurDe[a.logement] === bilan) compter(a.code);
      return n;
    };
    for (const workers of ['0', '2']) {
      const out = join(tmp, `bilans-bailleur-${workers}`);
      const run = runCli([
        'bilan',
        ...entrees,
        '--annee',
        '2025',
        '--out',
        out,
        '--html',
        '--workers',
        workers,
        '--json',
      ]);
      expect(run.code).toBe(0);
      const documents = (
        JSON.parse(run.stdout) as { documents: { bilan: string; alertes: number }[] }
      ).documents;
      expect(documents.map((d) => d.bilan).sort()).toEqual(['35-353017015', '93-552046484']);
      for (const d of documents) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(join(out, `${d.bilan}-bilan-2025.xlsx`));
        const ws = wb.getWorksheet('6 Alertes');
        if (!ws) throw new Error('feuille « 6 Alertes » absente');
        const entete = (ws.getRow(2).values as unknown[]).slice(2);
        expect(entete.slice(-2)).toEqual(['Bailleur (hors réservataires)', 'Total']);
        const lu: Record<string, number> = {};
        let sansConvention = 0;
        ws.eachRow((row, i) => {
          if (i < 4) return;
          const v = (row.values as unknown[]).slice(1);
          const total = v[v.length - 1] as number;
          const parColonne = v.slice(1, -1) as number[];
          expect(parColonne.reduce((s, x) => s + x, 0)).toBe(total);
          sansConvention += parColonne[parColonne.length - 1] ?? 0;
          lu[String(v[0])] = total;
        });
        expect(lu).toEqual(attendu(d.bilan));
        expect(sansConvention).toBe(
          e.alertes.filter((a) => bailleurDe[a.logement] === d.bilan).length,
        );
        expect(d.alertes).toBe(Object.values(lu).reduce((s, x) => s + x, 0));
        const html = readFileSync(join(out, `${d.bilan}-bilan-2025.html`), 'utf8');
        const debut = html.indexOf('<section class="partie" id="section-6">');
        const section = html.slice(debut, html.indexOf('</section>', debut));
        expect(section).toContain('Logement libéré non orienté dans le délai');
        expect(section).toContain('Bailleur (hors réservataires)');
      }
    }
  });
});
