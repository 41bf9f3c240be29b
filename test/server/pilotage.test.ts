/**
 * The dashboards through the real `convflux serve` process, on SQLite and PostgreSQL: the
 * bailleur's in the 93 and a réservataire's across bailleurs. Their monthly points must be
 * `convflux evaluate --json --date <end of month>` on the same data exported as files (run as a
 * process), their year-end the plain evaluation; a réservataire sees its own conventions only.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Base } from '../../src/server/db/open-database.js';
import type { Graphique } from '../../src/graphiques/graphique.js';
import type { TableauDeBord } from '../../src/pilotage/tableau-de-bord.js';
import {
  deuxiemeBailleur,
  exemple,
  exporter,
  inserer,
  ouvrirBase,
  type Exemple,
} from './donnees.js';
import {
  admin,
  BASES,
  membre,
  nouvelleBase,
  demarrerServeur,
  type Client,
  type Serveur,
} from './harness.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'convflux.js');
const SIREN = '552046484';
const AUTRE_SIREN = '353017015';
const TABLEAU = `/api/bailleurs/${SIREN}/departements/93/tableau-de-bord`;
const ENREGISTRE_LE = '2026-02-01T09:00:00.000Z';
const ENTREES = ['--rules', 'rules', '--parc', 'logements.ndjson', '--events', 'evenements.ndjson'];

interface ConventionCli {
  id: string;
  reservataire: { id: string };
  du: number;
  realise: number;
  taux: number | null;
}
interface EvaluationCli {
  date: string;
  conventions: ConventionCli[];
  alertes: unknown[];
}
interface Reponse {
  ok: boolean;
  annee: number;
  date: string;
  tableau: TableauDeBord;
  graphiques: Graphique[];
}

/** `convflux evaluate --json` in the export folder, as a process (exit 1 is a finding). */
function evaluer(dir: string, ...plus: string[]): Promise<EvaluationCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, 'evaluate', ...ENTREES, '--annee', '2025', ...plus, '--json'],
      { cwd: dir },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(stderr));
      else resolve(JSON.parse(stdout) as EvaluationCli);
    });
  });
}

const fins = (jusqua: number) =>
  Array.from({ length: jusqua }, (_, i) => {
    const d = new Date(Date.UTC(2025, i + 1, 0));
    return d.toISOString().slice(0, 10);
  });

describe.each(BASES)('tableaux de bord (%s)', (nom) => {
  let s: Serveur;
  let base: Base;
  let dossier: string;
  let ex: Exemple;
  let second: Exemple;
  let bailleur: Client;
  let etat: Client;
  let saintDenis: Client;
  let autreBailleur: Client;

  beforeAll(async () => {
    s = await demarrerServeur(nom, await nouvelleBase(nom));
    const adm = await admin(s);
    bailleur = await membre(s, adm, { type: 'bailleur', identifiant: SIREN }, ['lire']);
    etat = await membre(s, adm, { type: 'reservataire', identifiant: 'etat-93' }, ['lire']);
    saintDenis = await membre(s, adm, { type: 'reservataire', identifiant: 'saint-denis' }, [
      'lire',
    ]);
    autreBailleur = await membre(s, adm, { type: 'bailleur', identifiant: '200000172' }, ['lire']);
    base = await ouvrirBase(s);
    ex = exemple();
    await inserer(base, ex, { creeLe: '2026-01-15T09:00:00.000Z', enregistreLe: ENREGISTRE_LE });
    dossier = exporter(ex);
    second = deuxiemeBailleur(ex, AUTRE_SIREN);
    await inserer(base, second, {
      creeLe: '2026-01-15T09:00:00.000Z',
      enregistreLe: ENREGISTRE_LE,
    });
  }, 90_000);
  afterAll(async () => {
    await base.close();
    await s.stop();
  });

  it('gives the bailleur each month’s evaluate --json figures and the year’s, with charts and their tables', async () => {
    const r = await bailleur.get<Reponse>(`${TABLEAU}?annee=2025&date=2025-05-15`);
    expect(r.status).toBe(200);
    const dates = [...fins(4), '2025-05-15'];
    expect(r.body.tableau.mois).toEqual(dates);
    const attendus = await Promise.all(dates.map((d) => evaluer(dossier, '--date', d)));
    const fin = attendus[attendus.length - 1];
    expect(fin?.conventions.length).toBeGreaterThan(3);
    expect(r.body.tableau.conventions.map((c) => c.convention)).toEqual(
      fin?.conventions.map((c) => c.id),
    );
    for (const c of r.body.tableau.conventions)
      expect(c.mensuel, c.convention).toEqual(
        attendus.map((e) => {
          const x = e.conventions.find((y) => y.id === c.convention);
          return { date: e.date, du: x?.du ?? 0, realise: x?.realise ?? 0, taux: x?.taux ?? null };
        }),
      );
    expect(r.body.tableau.alertes).toEqual(fin?.alertes);
    for (const g of r.body.graphiques) {
      expect(g.svg, g.cle).toMatch(/^<svg class="graphique" role="img" aria-label="/);
      expect(g.tableau.lignes.length).toBeGreaterThan(0);
    }
    // The whole year: the plain evaluation's figures.
    const annee = await bailleur.get<Reponse>(`${TABLEAU}?annee=2025`);
    const attendu = await evaluer(dossier);
    expect(annee.body.date).toBe('2025-12-31');
    expect(
      annee.body.tableau.conventions.map((c) => [c.convention, c.du, c.realise, c.taux]),
    ).toEqual(attendu.conventions.map((c) => [c.id, c.du, c.realise, c.taux]));
    // No year asked: the year of the last recorded event (the data's, not the service's day).
    const derniere =
      ex.evenements
        .map((e) => e['date'] ?? '')
        .sort()
        .at(-1) ?? '';
    const premiere = ex.evenements.map((e) => e['date'] ?? '').sort()[0] ?? '';
    const sansAnnee = await bailleur.get<Reponse & { annees: number[] }>(TABLEAU);
    expect(sansAnnee.status).toBe(200);
    expect(sansAnnee.body.annee).toBe(Number(derniere.slice(0, 4)));
    expect(sansAnnee.body.annees[0]).toBe(Number(premiere.slice(0, 4)));
    expect(sansAnnee.body.tableau).toEqual(annee.body.tableau);
    expect((await bailleur.get(`${TABLEAU}?annee=deux`)).status).toBe(400);
    expect((await bailleur.get(`${TABLEAU}?annee=2025&date=2024-06-30`)).status).toBe(400);
    expect((await autreBailleur.get(`${TABLEAU}?annee=2025`)).status).toBe(404);
  });

  it('gives a réservataire its own conventions across bailleurs, nothing of the others', async () => {
    const r = await saintDenis.get<Reponse>(
      '/api/reservataires/saint-denis/tableau-de-bord?annee=2025',
    );
    expect(r.status).toBe(200);
    const siens = (e: EvaluationCli) =>
      e.conventions.filter((c) => c.reservataire.id === 'saint-denis');
    const attendu = [...siens(await evaluer(exporter(second))), ...siens(await evaluer(dossier))];
    expect(r.body.tableau.conventions.map((c) => [c.convention, c.du, c.realise, c.taux])).toEqual(
      attendu.map((c) => [c.id, c.du, c.realise, c.taux]),
    );
    expect(r.body.tableau.alertes).toEqual([]);
    expect(JSON.stringify(r.body)).not.toMatch(/etat-93|est-ensemble|action-logement|montreuil/);
    for (const path of [
      '/api/reservataires/etat-93/tableau-de-bord?annee=2025',
      `${TABLEAU}?annee=2025`,
    ])
      expect((await saintDenis.get(path)).status, path).toBe(404);
    const e = await etat.get<Reponse>('/api/reservataires/etat-93/tableau-de-bord?annee=2025');
    expect(e.body.tableau.hors_qpv.map((h) => h.convention)).toEqual(['93-552046484-etat-93']);
  });
});
