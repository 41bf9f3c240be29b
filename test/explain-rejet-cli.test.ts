/**
 * `evaluate --explain`: a step whose row is rejected (an orientation to a réservataire no
 * convention names) says so in the words of the rejected rows' list, in French and in English —
 * it printed « alerte inconnu », the engine's internal reason, as if it were an alert. Then every
 * alert a step can carry is a catalogue code (the words of the alerts' list), none an internal
 * reason: the only words pushed into a step's alerts are `alert()`'s codes.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogueConversionConsommee } from '../src/diagnostics/catalogue-conversion-consommee.js';
import { catalogueFlux } from '../src/diagnostics/catalogue-flux.js';
import { cataloguePublics } from '../src/diagnostics/catalogue-publics.js';
import { catalogueVieLogement } from '../src/diagnostics/catalogue-vie-logement.js';
import { repoRoot, runCli } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'convflux-explain-rejet-'));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const parc = join(tmp, 'parc.csv');
const events = join(tmp, 'evenements.csv');
writeFileSync(
  parc,
  [
    'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
    'M1,552046484,93,93066,200057867,false,T2,PLUS,1990,',
    'M2,552046484,93,93066,200057867,false,T2,PLUS,1990,',
  ].join('\n') + '\n',
);
writeFileSync(
  events,
  [
    'id,date,type,logement,reservataire,decision,candidats',
    'A1,2025-06-10,liberation,M1,,,',
    'A2,2025-06-20,orientation,M1,zorglub,,',
    'A3,2025-06-22,orientation,M1,etat-93,,',
    'B1,2025-03-01,liberation,M2,,,',
    'B2,2025-03-02,orientation,M2,etat-93,,',
    'B3,2025-03-03,orientation,M2,etat-93,,',
    'B4,2025-03-04,designation,M2,zorglub,,2',
  ].join('\n') + '\n',
);
const explain = (logement: string, ...more: string[]) =>
  runCli([
    'evaluate',
    '--rules',
    'rules/conventions/93',
    '--parc',
    parc,
    '--events',
    events,
    '--annee',
    '2025',
    '--workers',
    '0',
    '--explain',
    logement,
    ...more,
  ]);

const CODES_ALERTES = new Set(
  [catalogueFlux, catalogueVieLogement, cataloguePublics, catalogueConversionConsommee]
    .flatMap((c) => Object.entries(c))
    .filter(([, e]) => e.severity !== 'error')
    .map(([code]) => code),
);

describe('convflux evaluate --explain: rejected rows and alerts in words', () => {
  it('says a row to an unknown réservataire is rejected, and why, in French and English', () => {
    const fr = explain('M1');
    expect(fr.stdout).toContain(
      '    ligne rejetée : RESERVATAIRE_INCONNU — Réservataire « zorglub » inconnu : aucune convention ne le nomme (reservataire.id).',
    );
    expect(fr.stdout).not.toMatch(/alerte inconnu|\binconnu\n/);
    const en = explain('M1', '--lang', 'en');
    expect(en.stdout).toContain(
      '    row rejected: RESERVATAIRE_INCONNU — Unknown réservataire "zorglub": no convention names it (reservataire.id).',
    );
    expect(en.stdout).not.toMatch(/alert inconnu/);
    const json = JSON.parse(explain('M1', '--json').stdout) as {
      etapes: { ligne: number; alertes: string[]; rejet?: { code: string } }[];
    };
    const etape = json.etapes.find((e) => e.ligne === 3);
    expect(etape?.rejet?.code).toBe('RESERVATAIRE_INCONNU');
    expect(etape?.alertes).toEqual([]);
  });

  it('gives every step alert as a catalogue code, never an internal reason', () => {
    for (const logement of ['M1', 'M2']) {
      const json = JSON.parse(explain(logement, '--json').stdout) as {
        etapes: { alertes: string[] }[];
      };
      const alertes = json.etapes.flatMap((e) => e.alertes);
      expect(alertes.length).toBeGreaterThan(0);
      expect(alertes.filter((a) => !CODES_ALERTES.has(a))).toEqual([]);
    }
  });

  it('pushes only alert codes of the catalogues into a step, from the engine source', () => {
    const dir = join(repoRoot, 'src/engine');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      const pushes = [...src.matchAll(/step\??\.alertes\.push\(([^)]*)\)/g)].map((m) => m[1]);
      expect(
        pushes.filter((p) => p !== 'code'),
        f,
      ).toEqual([]);
      const litteraux = [...src.matchAll(/\balert\(\s*'([A-Z_0-9]+)'/g)].map((m) => m[1] ?? '');
      expect(
        litteraux.filter((c) => !CODES_ALERTES.has(c)),
        f,
      ).toEqual([]);
    }
  });
});
