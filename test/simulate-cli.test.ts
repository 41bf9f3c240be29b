/**
 * `convflux simulate` through the real CLI (compiled dist/, bin/convflux.js) on the bundled
 * example: --projet, --set, --json, --csv, --out, --lang en, and each bad input (a diagnostic
 * naming the option or file:line:column, exit 1 or 2, never a stack trace).
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/engine/evaluation.js';
import type { ResultatSimulation } from '../src/simulation/resultat-simulation.js';
import { type CliRun, ENTREES_EXEMPLE_93, runCli } from './helpers.js';
import { projetsInchanges } from './simulation-drafts.js';

const INPUTS = ENTREES_EXEMPLE_93;
const SIM = ['simulate', ...INPUTS];
const PROJET = 'test/fixtures/exemple-93/projet-montreuil-v2.yaml';
const MONTREUIL = '93-552046484-montreuil';

type Sortie = ResultatSimulation & { ok: boolean };
const json = (r: CliRun): Sortie => JSON.parse(r.stdout) as Sortie;
const noStack = (r: CliRun): void => {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toMatch(/ERREUR_INTERNE/);
};

describe('convflux simulate: an unchanged draft of every convention', () => {
  it('gives evaluate --json’s figures on both sides, and nothing flips', async () => {
    const projets = await projetsInchanges();
    const ev = runCli(['evaluate', ...INPUTS, '--json']);
    expect(ev.code, ev.stderr).toBe(0);
    const e = JSON.parse(ev.stdout) as Evaluation;
    const r = runCli([...SIM, '--json', ...projets.flatMap((p) => ['--projet', p])]);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r);
    expect(s.ok).toBe(true);
    expect(s.projets).toHaveLength(e.conventions.length);
    for (const c of e.conventions) {
      const x = s.conventions.find((y) => y.id === c.id);
      const attendu = {
        part: c.part,
        flux_annuel: c.flux_annuel,
        du: c.du,
        realise: c.realise,
        taux: c.taux,
      };
      for (const side of [x?.en_vigueur, x?.projet])
        expect(
          side && {
            part: side.part,
            flux_annuel: side.flux_annuel,
            du: side.du,
            realise: side.realise,
            taux: side.taux,
          },
          c.id,
        ).toEqual(attendu);
      expect(x?.objectifs.map((o) => [o.en_vigueur, o.projet])).toEqual(
        c.objectifs.map((o) => {
          const v = { cible: o.cible, realise: o.realise, statut: o.statut };
          return [v, v];
        }),
      );
    }
    expect(s.alertes).toEqual({ apparues: [], disparues: [], libelles_alertes: {} });
  }, 180_000);
});

describe('convflux simulate: outputs', () => {
  let text: CliRun;
  beforeAll(() => {
    text = runCli([...SIM, '--projet', PROJET]);
  }, 120_000);

  it('--projet: the readable French table, Montreuil’s dû 1,65 → 1,85', () => {
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Simulation 2025 au 2025-12-31');
    expect(text.stdout).toContain(
      `Projet : ${MONTREUIL} v2 (${PROJET}), en vigueur à partir du 2025-07-01`,
    );
    const ligne = text.stdout.split('\n').find((l) => l.startsWith(`${MONTREUIL} *`)) ?? '';
    expect(ligne).toMatch(/1,65\s+1,85\s+\+0,20\s+5\s+5\s+0\s+303 %\s+270,3 %/);
    expect(text.stdout).toMatch(/Montreuil\s+contractuel\s+1,65 → 1,85\s+5\s+atteint/);
  });

  it('--set --json: the draft, its overrides and the figures', () => {
    const r = runCli([...SIM, '--json', '--set', 'montreuil:flux.part=0.25']);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r);
    expect(s.mode).toBe('recompte');
    expect(s.projets).toEqual([
      {
        convention: MONTREUIL,
        version: 2,
        date_effet: '2025-01-01',
        source: '--set montreuil:flux.part=0.25',
        remplace: [],
        base_version: 1,
        surcharges: [
          { option: '--set montreuil:flux.part=0.25', cle: 'flux.part', avant: 0.15, apres: 0.25 },
        ],
      },
    ]);
    const c = s.conventions.find((x) => x.id === MONTREUIL);
    expect(c?.projet.du).toBeCloseTo(2.75, 9);
  }, 120_000);

  it('--set with --date-effet: the draft replaces the versions from that date', () => {
    const r = runCli([
      ...SIM,
      '--json',
      '--set',
      'etat-93:decompte.ponderation.orientation=0.5',
      '--date-effet',
      '2025-07-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const s = json(r);
    expect(s.projets[0]).toMatchObject({
      convention: '93-552046484-etat-93',
      version: 3,
      remplace: [2],
    });
  }, 120_000);

  it('--csv: one row per convention, dot decimals', () => {
    const r = runCli([...SIM, '--csv', '--set', 'montreuil:flux.part=0.25']);
    expect(r.code, r.stderr).toBe(0);
    const [head, ...rows] = r.stdout.trim().split('\n');
    expect(head).toMatch(/^annee,convention,reservataire,avec_projet,/);
    const cols = head?.split(',') ?? [];
    const row = rows.find((l) => l.includes(MONTREUIL))?.split(',') ?? [];
    const at = (k: string): string | undefined => row[cols.indexOf(k)];
    expect(at('du_en_vigueur')).toBe('1.65');
    expect(at('du_projet')).toBe('2.75');
    expect(at('avec_projet')).toBe('true');
    expect(rows).toHaveLength(9);
  }, 120_000);

  it('--out writes simulation.json and the CSVs; --lang en speaks English', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'convflux-simulate-out-')), 'out');
    const r = runCli([...SIM, '--lang', 'en', '--set', 'montreuil:flux.part=0.25', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('the same events counted again under the draft');
    for (const f of [
      'simulation.json',
      'conventions.csv',
      'objectifs.csv',
      'alertes.csv',
      'rejets.csv',
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const s = JSON.parse(readFileSync(join(dir, 'simulation.json'), 'utf8')) as ResultatSimulation;
    expect(s.projets[0]?.convention).toBe(MONTREUIL);
  }, 120_000);
});

describe('convflux simulate: bad input', () => {
  const code = (r: CliRun): string[] => json(r).diagnostics.map((d) => d.code);

  it.each([
    ['montreuil', 'SIMULATION_SURCHARGE_SYNTAXE'],
    ['personne:flux.part=0.2', 'SIMULATION_CONVENTION_INCONNUE'],
    ['action-logement:flux.part=0.2', 'SIMULATION_CONVENTION_AMBIGUE'],
    ['montreuil:version=3', 'SIMULATION_CLE_PROTEGEE'],
  ])(
    '--set %s: exit 2, %s naming the option',
    (set, attendu) => {
      const r = runCli([...SIM, '--json', '--set', set]);
      expect(r.code, r.stderr).toBe(2);
      expect(code(r)).toEqual([attendu]);
      expect(json(r).diagnostics[0]?.file).toBe(`--set ${set}`);
      expect(json(r).conventions).toEqual([]);
    },
    120_000,
  );

  it.each([
    ['montreuil:flux.prt=0.2', 'SIMULATION_CLE_INCONNUE', undefined],
    ['montreuil:objectifs.contractuels.5.part=0.2', 'SIMULATION_INDICE_HORS_LISTE', undefined],
    ['montreuil:flux.part=2', 'SIMULATION_VALEUR_REFUSEE', 'SCHEMA_HORS_BORNES'],
    ['montreuil:designation.delai=quinze', 'SIMULATION_VALEUR_REFUSEE', 'SCHEMA_FORMAT'],
    ['etat-93:flux.part=0.5', 'SIMULATION_VALEUR_REFUSEE', 'ETAT_PART_MAX'],
  ])(
    '--set %s: exit 1, %s naming the option',
    (set, attendu, cause) => {
      const r = runCli([...SIM, '--json', '--set', set]);
      expect(r.code, r.stderr).toBe(1);
      const erreurs = json(r).diagnostics.filter((d) => d.severity === 'error');
      expect(erreurs.map((d) => [d.code, d.file, d.params['cause']])).toEqual([
        [attendu, `--set ${set}`, cause],
      ]);
    },
    120_000,
  );

  it('the text output names the option, without a stack trace', () => {
    const r = runCli([...SIM, '--set', 'montreuil:flux.prt=0.2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--set montreuil:flux.prt=0.2  erreur SIMULATION_CLE_INCONNUE');
    expect(r.stderr).toContain('Clés permises ici : part,');
    expect(r.stdout).toBe('');
    noStack(r);
  }, 120_000);

  it('--date-effet outside the convention: exit 2', () => {
    const r = runCli([
      ...SIM,
      '--json',
      '--set',
      'montreuil:flux.part=0.2',
      '--date-effet',
      '2031-01-01',
    ]);
    expect(r.code, r.stderr).toBe(2);
    expect(code(r)).toEqual(['SIMULATION_DATE_EFFET']);
  }, 120_000);

  it('a draft file with a syntax error: file:line:column, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convflux-simulate-bad-'));
    const f = join(dir, 'projet.yaml');
    const ok = readFileSync(PROJET, 'utf8');
    writeFileSync(f, ok.replace('flux:\n  part: 0.20', 'flux:\n  part: [0.20'));
    const r = runCli([...SIM, '--projet', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/projet\.yaml:\d+:\d+ +erreur YAML_/);
    noStack(r);
  }, 120_000);

  it.each([
    ['id: 93-552046484-montreuil', 'id: 93-552046484-inconnue', 'SIMULATION_PROJET_INCONNU', '/id'],
    ['version: 2', 'version: 1', 'SIMULATION_PROJET_VERSION', '/version'],
    ['part: 0.20 #', 'part: 1.5 #', 'SCHEMA_HORS_BORNES', '/flux/part'],
  ])(
    'a draft file with %s → %s: %s at its line, exit 1',
    (avant, apres, attendu, pointer) => {
      const dir = mkdtempSync(join(tmpdir(), 'convflux-simulate-bad-'));
      const f = join(dir, 'projet.yaml');
      writeFileSync(f, readFileSync(PROJET, 'utf8').replace(avant, apres));
      const r = runCli([...SIM, '--json', '--projet', f]);
      expect(r.code, r.stderr).toBe(1);
      const d = json(r).diagnostics.find((x) => x.code === attendu);
      expect(d?.pointer).toBe(pointer);
      expect(d?.line).toBeGreaterThan(0);
      expect(d?.column).toBeGreaterThan(0);
      expect(d?.file).toContain('projet.yaml');
    },
    120_000,
  );

  it.each([
    [['--projet', PROJET, '--set', 'montreuil:flux.part=0.2'], /--projet ou --set, pas les deux/],
    [[], /un projet est attendu/],
    [['--projet', PROJET, '--date-effet', '2025-01-01'], /--date-effet va avec --set/],
  ])(
    'usage %j: exit 2',
    (args, message) => {
      const r = runCli([...SIM, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      noStack(r);
    },
    120_000,
  );

  it('a missing input: exit 2', () => {
    const r = runCli([
      'simulate',
      '--events',
      'test/fixtures/exemple-93/evenements.csv',
      '--annee',
      '2025',
      '--set',
      'montreuil:flux.part=0.2',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('il manque --parc FICHIER');
  }, 120_000);
});
