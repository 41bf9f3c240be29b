/**
 * `convflux simulate --reorienter` through the real CLI (dist/, bin/convflux.js) on the bundled
 * example: the observed side is evaluate's year, the summary line states the changes, and a
 * larger part in a draft gives that réservataire more of the re-oriented flats; the README's
 * example is the command's real output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBELLES_ALERTES } from '../src/diagnostics/libelles-alertes.js';
import type { Evaluation } from '../src/engine/evaluation.js';
import type { ResultatSimulation } from '../src/simulation/resultat-simulation.js';
import { type CliRun, ENTREES_EXEMPLE_93, repoRoot, runCli } from './helpers.js';

const INPUTS = ENTREES_EXEMPLE_93;
const SIM = ['simulate', ...INPUTS, '--reorienter'];

type Sortie = ResultatSimulation & { ok: boolean };
const json = (r: CliRun): Sortie => JSON.parse(r.stdout) as Sortie;
const recus = (s: Sortie, id: string): number =>
  (s.reorientation?.logements ?? []).filter((l) => l.reoriente === id).length;

describe('convflux simulate --reorienter', () => {
  it('puts the observed year (evaluate’s figures) beside the re-oriented one', () => {
    const ev = runCli(['evaluate', ...INPUTS, '--json']);
    const e = JSON.parse(ev.stdout) as Evaluation;
    const r = runCli([...SIM, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r);
    expect(s.mode).toBe('reorientation');
    expect(s.projets).toEqual([]);
    for (const c of e.conventions) {
      const x = s.conventions.find((y) => y.id === c.id);
      expect([x?.en_vigueur.du, x?.en_vigueur.realise]).toEqual([c.du, c.realise]);
      expect(x?.projet.flux_annuel).toBe(c.flux_annuel);
    }
    // The replayed events move what each réservataire achieved.
    expect(s.conventions.some((c) => c.ecart.realise !== 0)).toBe(true);
  }, 60_000);

  it('states the number of flats whose réservataire changed', () => {
    const s = json(runCli([...SIM, '--json']));
    const n = s.reorientation?.changements ?? -1;
    expect(n).toBeGreaterThan(0);
    const r = runCli(SIM);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('les libérations réorientées par l’aide à l’orientation');
    expect(r.stdout).toContain(
      `${String(s.reorientation?.logements.length)} libération(s) de l’année suivant la première suggestion ; ${String(n)} logement(s) orienté(s) changent de réservataire.`,
    );
  }, 60_000);

  /** The parts are rounded to the millionth, as `convflux orient`'s and the engine's figures. */
  it('gives each candidate’s part without float noise (the bailleur’s 0,45, not 0.44999999999999996)', () => {
    const r = runCli([...SIM, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\d\.\d*(?:0000|9999)\d*/);
    const plan = json(r).reorientation?.logements ?? [];
    const parts = plan.flatMap((l) => Object.values(l.parts));
    expect(parts.length).toBeGreaterThan(plan.length);
    for (const p of parts) expect(Math.round(p * 1e6) / 1e6).toBe(p);
    expect(plan.find((l) => l.logement === '93-552046484-00212')?.parts).toEqual({
      'action-logement': 0.25,
      'etat-93': 0.3,
      bailleur: 0.45,
    });
  }, 60_000);

  it('names the alerts that appear or vanish in the catalogue’s words, French and English', () => {
    const s = json(runCli([...SIM, '--json']));
    const { apparues, disparues } = s.alertes;
    expect(apparues.length).toBeGreaterThan(0);
    expect(disparues.length).toBeGreaterThan(0);
    for (const lang of ['fr', 'en'] as const) {
      const r = runCli([...SIM, '--lang', lang]);
      expect(r.code, r.stderr).toBe(0);
      const lignes = r.stdout.split('\n');
      for (const a of [...apparues, ...disparues]) {
        const mots = LIBELLES_ALERTES[a.code]?.[lang];
        expect(mots, a.code).toBeDefined();
        const ligne = lignes.find(
          (l) => l.includes(a.code) && l.includes(a.date) && l.includes(a.logement),
        );
        expect(ligne, `${lang} ${a.code}`).toContain(`${String(mots)} (${a.code})`);
      }
    }
  }, 60_000);

  it('gives Montreuil more flats under a draft raising its part', () => {
    const avant = json(runCli([...SIM, '--json']));
    const apres = json(runCli([...SIM, '--json', '--set', 'montreuil:flux.part=0.5']));
    expect(apres.projets.map((p) => p.convention)).toEqual(['93-552046484-montreuil']);
    expect(recus(apres, 'montreuil')).toBeGreaterThan(recus(avant, 'montreuil'));
  }, 60_000);

  /**
   * The README's example (« Modes », the re-orient mode): each line of its block is a line of the
   * real output, and the plan's counts it states (« The plan gives … 17, 20, 4, 1 and 3 of the 66
   * flats (the bailleur 21) ») are the JSON's.
   */
  it('prints what the README’s example and the sentence after it say', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const commande = `$ npx convflux ${SIM.join(' ')}\n`;
    const debut = readme.indexOf(commande);
    expect(debut).toBeGreaterThan(-1);
    const bloc = readme.slice(debut + commande.length, readme.indexOf('\n```', debut));
    const lignes = bloc.split('\n').filter((l) => l !== '…');
    expect(lignes.length).toBeGreaterThan(5);
    const r = runCli(SIM);
    expect(r.code, r.stderr).toBe(0);
    const sortie = r.stdout.split('\n');
    for (const l of lignes) expect(sortie, l).toContain(l);

    const phrase =
      /The plan gives Action Logement, the État, Est Ensemble, Montreuil and Saint-Denis (\d+), (\d+), (\d+), (\d+)\s+and (\d+) of the (\d+) flats \(the bailleur (\d+)\)/.exec(
        readme,
      );
    expect(phrase).not.toBeNull();
    const s = json(runCli([...SIM, '--json']));
    const ids = ['action-logement', 'etat-93', 'est-ensemble', 'montreuil', 'saint-denis'];
    expect(phrase?.slice(1).map(Number)).toEqual([
      ...ids.map((id) => recus(s, id)),
      s.reorientation?.logements.length,
      recus(s, 'bailleur'),
    ]);
  }, 60_000);
});
