/**
 * `convflux evaluate --rules <one convention file>` reports that convention only: the other
 * conventions of its bailleur × département are read as context (the events addressed to their
 * réservataires are then valid, not RESERVATAIRE_INCONNU), computed with and named in one note,
 * never reported — in the table, --json, --csv, --out and beside --explain. The real CLI, on the
 * bundled example.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation } from '../src/engine/evaluation.js';
import { runCli } from './helpers.js';

const BAILLEUR = 'rules/conventions/93/552046484';
const MONTREUIL = `${BAILLEUR}/montreuil/v1.yaml`;
const ETAT_V1 = `${BAILLEUR}/etat-93/v1.yaml`;
const ID = '93-552046484-montreuil';
const AUTRES = [
  '93-552046484-action-logement',
  '93-552046484-est-ensemble',
  '93-552046484-etat-93',
  '93-552046484-saint-denis',
];
const entrees = [
  '--parc',
  'test/fixtures/exemple-93/logements.csv',
  '--events',
  'test/fixtures/exemple-93/evenements.csv',
  '--annee',
  '2025',
];

type EvaluationJson = Evaluation & { ok: boolean };
const evaluer = (rules: string, ...options: string[]) =>
  runCli(['evaluate', '--rules', rules, ...entrees, ...options]);
const json = (rules: string): EvaluationJson => {
  const r = evaluer(rules, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as EvaluationJson;
};

describe('evaluate --rules naming one convention file', () => {
  let tout: EvaluationJson;
  let une: EvaluationJson;
  let out: string;
  beforeAll(() => {
    tout = json(BAILLEUR);
    une = json(MONTREUIL);
    out = mkdtempSync(join(tmpdir(), 'convflux-nommee-'));
  });
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it('reports the named convention, with the figures the bailleur’s folder gives it', () => {
    expect(une.conventions.map((c) => c.id)).toEqual([ID]);
    expect(une.conventions[0]).toEqual(tout.conventions.find((c) => c.id === ID));
    expect(une.conventions_contexte).toEqual(AUTRES);
    // Read with the siblings: the events to their réservataires are not rejected.
    expect(une.rejets).toEqual([]);
    expect(une.entrees).toEqual(tout.entrees);
    expect(une.alertes).toEqual(tout.alertes);
    const note = une.diagnostics.filter((d) => d.code === 'CONVENTIONS_CONTEXTE');
    expect(note.map((d) => [d.severity, d.file, d.params['nombre']])).toEqual([
      ['info', MONTREUIL, 4],
    ]);
    expect(note[0]?.message).toContain(`non rapportée(s) : ${AUTRES.join(', ')} (4)`);
    // A folder: every convention reported, no note.
    expect(tout.conventions.map((c) => c.id)).toEqual(expect.arrayContaining([ID, ...AUTRES]));
    expect(tout.conventions_contexte).toBeUndefined();
    expect(tout.diagnostics.some((d) => d.code === 'CONVENTIONS_CONTEXTE')).toBe(false);
  });

  it('prints one row and says under the table which conventions were read as context', () => {
    const r = evaluer(MONTREUIL);
    expect(r.code).toBe(0);
    const lignes = r.stdout.split('\n');
    expect(lignes[0]).toBe('Évaluation 2025 au 2025-12-31 — 1 convention(s)');
    const note = lignes.findIndex((l) => l.includes('CONVENTIONS_CONTEXTE'));
    expect(lignes[note - 1]).toMatch(/^logts attr\. : /);
    expect(lignes[note]).toContain(`non rapportée(s) : ${AUTRES.join(', ')} (4)`);
    // No other line names a sibling (table, objectives, periods, agents, alerts, cumul).
    for (const autre of AUTRES)
      expect(lignes.filter((l) => l.includes(autre)).length, autre).toBe(1);
    const csv = evaluer(MONTREUIL, '--csv').stdout.trim().split('\n');
    expect(csv.slice(1).map((l) => l.split(',')[2])).toEqual([ID]);
    const en = evaluer(MONTREUIL, '--lang', 'en').stdout;
    expect(en).toContain(`Read as context, not reported: ${AUTRES.join(', ')} (4)`);
  });

  it('writes the --out files about the named convention only', () => {
    const r = evaluer(ETAT_V1, '--out', out, '--tolerant');
    expect(r.code).toBe(0);
    const etat = '93-552046484-etat-93';
    const autres = [...AUTRES.filter((a) => a !== etat), ID];
    // Naming v1 names the convention: v2 of the same folder applies and is reported with it.
    const e = JSON.parse(readFileSync(join(out, 'evaluation.json'), 'utf8')) as Evaluation;
    expect(e.conventions.map((c) => [c.id, c.versions])).toEqual([[etat, [1, 2]]]);
    expect(e.conventions_contexte).toEqual(autres.sort());
    for (const f of ['conventions', 'objectifs', 'publics', 'periodes', 'agents', 'alertes']) {
      const rows = readFileSync(join(out, `${f}.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1);
      expect(rows.length, f).toBeGreaterThan(0);
      for (const row of rows)
        expect(
          autres.some((a) => row.includes(a)),
          `${f}: ${row}`,
        ).toBe(false);
    }
    expect(readFileSync(join(out, 'rejets.csv'), 'utf8')).toContain('CONVENTIONS_CONTEXTE');
  });

  it('tells a flat’s story whole with --explain, and names the conventions read as context', () => {
    const logement = '93-552046484-00586'; // oriented to est-ensemble, a sibling
    const r = evaluer(MONTREUIL, '--explain', logement);
    expect(r.stdout).toContain('est-ensemble');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toContain('CONVENTIONS_CONTEXTE');
    const x = JSON.parse(evaluer(MONTREUIL, '--explain', logement, '--json').stdout) as {
      conventions_contexte?: string[];
    };
    expect(x.conventions_contexte).toEqual(AUTRES);
  });
});

describe('evaluate --signees', () => {
  it('says an orientation to a réservataire whose convention is a draft is left out, not unknown', () => {
    const r = evaluer(BAILLEUR, '--signees', '--json', '--tolerant');
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout) as EvaluationJson;
    expect(e.conventions.map((c) => c.id)).toEqual(['93-552046484-etat-93']);
    const codes = new Set(e.rejets.map((d) => d.code));
    expect([...codes]).toEqual(['RESERVATAIRE_NON_SIGNE']);
    const montreuil = e.rejets.find((d) => d.params['reservataire'] === 'montreuil');
    expect(montreuil?.message).toBe(
      'Réservataire « montreuil » : sa convention n’a aucune version signée, écartée par --signees : événement ignoré.',
    );
    // Across worker threads alike.
    const partage = JSON.parse(
      evaluer(BAILLEUR, '--signees', '--json', '--tolerant', '--workers', '2').stdout,
    ) as EvaluationJson;
    expect(partage.rejets).toEqual(e.rejets);
  });
});

describe('evaluate: a named convention that cannot be read', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'convflux-nommee-illisible-'));
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });
  /** A copy of the bailleur's folder where est-ensemble's file is `casse` (appended). */
  const copie = (nom: string, casse: (texte: string) => string): string => {
    const dir = join(tmp, nom, '93', '552046484');
    cpSync(BAILLEUR, dir, { recursive: true });
    const fichier = join(dir, 'est-ensemble', 'v1.yaml');
    writeFileSync(fichier, casse(readFileSync(fichier, 'utf8')));
    return fichier;
  };

  it('says the events to its réservataire name a convention that could not be read, not an unknown one', () => {
    for (const [nom, casse] of [
      ['yaml', (t: string) => `${t}foo: [non fermé\n`],
      ['schema', (t: string) => t.replace(/^statut: .*$/m, 'statut: 12')],
    ] as const) {
      const fichier = copie(nom, casse);
      for (const workers of ['0', '2']) {
        const r = evaluer(fichier, '--json', '--workers', workers);
        expect(r.code, nom).toBe(1);
        const e = JSON.parse(r.stdout) as EvaluationJson;
        const estEnsemble = e.rejets.filter((d) => d.params['reservataire'] === 'est-ensemble');
        expect(estEnsemble.length, nom).toBe(3);
        for (const d of estEnsemble) {
          expect(d.code).toBe('RESERVATAIRE_CONVENTION_ILLISIBLE');
          expect(d.message).toBe(
            `Réservataire « est-ensemble » : la convention qui le nomme n’a pu être lue (${fichier}, voir son erreur) : événement ignoré.`,
          );
        }
        expect(e.rejets.some((d) => d.code === 'RESERVATAIRE_INCONNU')).toBe(false);
      }
    }
  });
});

describe('simulate --rules <one convention file>', () => {
  const simuler = (...options: string[]) =>
    runCli(['simulate', '--rules', MONTREUIL, ...entrees, '--json', ...options]);
  type SimulationJson = {
    ok: boolean;
    conventions: { id: string }[];
    alertes: { apparues: { convention: string }[]; disparues: { convention: string }[] };
    conventions_contexte?: string[];
    diagnostics: { code: string; file: string }[];
  };

  it('compares the named convention only, its siblings read as context and named in the note, as evaluate', () => {
    for (const mode of [['--set', 'montreuil:designation.delai=2 mois'], ['--reorienter']]) {
      const r = simuler(...mode);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout) as SimulationJson;
      expect(s.conventions.map((c) => c.id)).toEqual([ID]);
      expect(s.conventions_contexte).toEqual(AUTRES);
      const note = s.diagnostics.filter((d) => d.code === 'CONVENTIONS_CONTEXTE');
      expect(note).toHaveLength(1);
      expect(note[0]?.file).toBe(MONTREUIL);
      for (const a of [...s.alertes.apparues, ...s.alertes.disparues])
        expect(['', ID]).toContain(a.convention);
    }
  });

  it('reports a sibling the draft changes beside the named convention', () => {
    const s = JSON.parse(
      simuler('--set', 'etat-93:designation.delai=2 mois').stdout,
    ) as SimulationJson;
    expect(s.conventions.map((c) => c.id).sort()).toEqual(['93-552046484-etat-93', ID]);
    expect(s.conventions_contexte).toEqual(AUTRES.filter((a) => a !== '93-552046484-etat-93'));
  });

  it('--reorienter counts in its header the flats changing to or from the named convention, the table’s', () => {
    interface Reorientation {
      changements: number;
      changements_contexte_inclus?: number;
      logements: { observe: string | null; reoriente: string | null }[];
    }
    const reorienter = (rules: string, ...options: string[]) =>
      runCli(['simulate', '--reorienter', '--rules', rules, ...entrees, ...options]);
    const dossier = (
      JSON.parse(reorienter(BAILLEUR, '--json').stdout) as { reorientation: Reorientation }
    ).reorientation;
    expect(dossier.changements_contexte_inclus).toBeUndefined();
    const une = (
      JSON.parse(reorienter(ETAT_V1, '--json').stdout) as { reorientation: Reorientation }
    ).reorientation;
    // The same plan; the changes counted are those that touch the État's convention.
    const plan = (r: Reorientation) => r.logements.map((l) => [l.observe, l.reoriente]);
    expect(plan(une)).toEqual(plan(dossier));
    const changes = une.logements.filter(
      (l) => l.observe !== null && l.reoriente !== null && l.observe !== l.reoriente,
    );
    expect(changes).toHaveLength(dossier.changements);
    const etat = changes.filter((l) => l.observe === 'etat-93' || l.reoriente === 'etat-93');
    expect(etat.length).toBeGreaterThan(0);
    expect(etat.length).toBeLessThan(dossier.changements);
    expect(une.changements).toBe(etat.length);
    expect(une.changements_contexte_inclus).toBe(dossier.changements);
    const fr = reorienter(ETAT_V1);
    expect(fr.code).toBe(0);
    expect(fr.stdout).toContain(
      `; ${String(etat.length)} logement(s) orienté(s) changent de réservataire vers ou depuis 93-552046484-etat-93 (${String(dossier.changements)} avec les conventions lues pour le contexte).`,
    );
    const en = reorienter(ETAT_V1, '--lang', 'en');
    expect(en.stdout).toContain(
      `; ${String(etat.length)} oriented flat(s) change réservataire to or from 93-552046484-etat-93 (${String(dossier.changements)} with the conventions read as context).`,
    );
    // The bailleur's folder: every change, as before.
    expect(reorienter(BAILLEUR).stdout).toContain(
      `; ${String(dossier.changements)} logement(s) orienté(s) changent de réservataire.`,
    );
  });
});
