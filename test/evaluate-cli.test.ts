/**
 * `convflux evaluate` and `convflux rules` end to end: the real CLI (compiled dist/) in a child
 * process, on the bundled example (rules/ + test/fixtures/exemple-93/) and on small files
 * written for each case. The example's JSON is computed once and reused.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { ORDRE_ACTIONS, type CycleRule } from '../src/engine/convention-rules.js';
import { DEFAUTS, estParDefaut } from '../src/convention/defauts.js';
import type { Evaluation } from '../src/engine/evaluation.js';
import type { EtapeExpliquee } from '../src/explain/format-explication.js';
import type { Logement } from '../src/flux/logement.js';
import { repoRoot, runCli, type CliRun } from './helpers.js';

type EvaluationJson = Evaluation & { ok: boolean };

interface ExplainJson {
  ok: boolean;
  logement: string;
  parc: Logement | null;
  etapes: EtapeExpliquee[];
  points: Record<string, number>;
}

interface UsageJson {
  ok: boolean;
  diagnostics: Diagnostic[];
}

interface RulesJson {
  ok: boolean;
  convention?: string;
  version?: number;
  rules?: CycleRule[];
  diagnostics?: Diagnostic[];
}

const PARC = 'test/fixtures/exemple-93/logements.csv';
const EVENTS = 'test/fixtures/exemple-93/evenements.csv';
const EXAMPLE = ['evaluate', '--parc', PARC, '--events', EVENTS, '--annee', '2025'];
const CONVENTIONS_DIR = join(repoRoot, 'rules', 'conventions', '93', '552046484');
/** One convention per folder of the example: 93-552046484-<réservataire>. */
const RESERVATAIRES = readdirSync(CONVENTIONS_DIR).sort();
const IDS = RESERVATAIRES.map((r) => `93-552046484-${r}`);
/**
 * `rules/` also holds the second example département (35, another bailleur): its conventions are
 * listed by every evaluation of `rules/`, with a flux of 0 when the files hold no flat of theirs.
 */
const IDS_35 = readdirSync(join(repoRoot, 'rules', 'conventions', '35', '353017015'))
  .sort()
  .map((r) => `35-353017015-${r}`);
/** Every convention of `rules/`, in the order of the results (by id). */
const ALL_IDS = [...IDS_35, ...IDS].sort();

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** The CSV as objects keyed by its header. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error('empty CSV');
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Data rows of a CSV file (non-empty lines after the header). */
function dataLines(path: string): number {
  return readFileSync(join(repoRoot, path), 'utf8').split('\n').slice(1).filter(Boolean).length;
}

interface EventRow {
  line: number;
  id: string;
  date: string;
  type: string;
  logement: string;
  reservataire: string;
  decision: string;
}

/** The example's events (the fixture has no quoted fields). */
const exampleEvents: EventRow[] = readFileSync(join(repoRoot, EVENTS), 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((text, i) => {
    const [id = '', date = '', type = '', logement = '', reservataire = '', , decision = ''] =
      text.split(',');
    return { line: i + 2, id, date, type, logement, reservataire, decision };
  });

const eventsOf = (flat: string): EventRow[] =>
  exampleEvents
    .filter((e) => e.logement === flat)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));

/** Drops every `message` (the only language-dependent values of the JSON). */
const withoutMessages = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'message' ? undefined : v)));

const json = (r: CliRun): unknown => JSON.parse(r.stdout);

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'convflux-evaluate-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('convflux evaluate on the bundled example', () => {
  let run: CliRun;
  let example: EvaluationJson;
  beforeAll(() => {
    run = runCli([...EXAMPLE, '--json']);
    example = json(run) as EvaluationJson;
  });

  it('--json prints exactly the text JSON.stringify gives, indented by 2 (written piece by piece)', () => {
    expect(run.stdout).toBe(`${JSON.stringify(JSON.parse(run.stdout), null, 2)}\n`);
  });

  it('prints the table of the 5 conventions of the 93, and the 4 of the 35 (exit 0)', () => {
    const r = runCli(EXAMPLE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(IDS_35).toHaveLength(4);
    expect(r.stdout).toContain('Évaluation 2025 au 2025-12-31 — 9 convention(s)');
    expect(r.stdout).toMatch(
      /^convention +v +réservataire +flux +dû +réalisé +taux +orient\. +logts attr\. +déc\. attr\. +baux +refus +repr\. +alertes$/m,
    );
    expect(IDS).toHaveLength(5);
    for (const id of ALL_IDS) expect(r.stdout).toMatch(new RegExp(`^${id} +\\d`, 'm'));
    expect(r.stdout).toContain(
      `Entrées : ${String(dataLines(PARC))} logement(s) (0 rejeté(s), 0 hors conventions), ${String(dataLines(EVENTS))} événement(s)`,
    );
  });

  it('--json has the documented fields', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(example).toMatchObject({ ok: true, annee: 2025, date: '2025-12-31' });
    expect(example.conventions.map((c) => c.id)).toEqual(ALL_IDS);
    const n = expect.any(Number) as unknown;
    const s = expect.any(String) as unknown;
    // The 35's conventions: nothing of theirs in the 93's files.
    for (const c of example.conventions.filter((x) => x.departement === '35'))
      expect(c).toMatchObject({ flux_annuel: 0, du: 0, realise: 0, orientations: 0, baux: 0 });
    for (const c of example.conventions.filter((x) => x.departement === '93')) {
      expect(c).toMatchObject({
        id: s,
        version: n,
        reservataire: { id: s, type: s, nom: s },
        bailleur: { siren: '552046484', nom: s },
        departement: '93',
        flux_annuel: n,
        du: n,
        realise: n,
        orientations: n,
        attributions: n,
        baux: n,
        refus: { candidat: n, caleol: n, reservataire: n },
        reprises: n,
      });
      expect(c.taux === null || typeof c.taux === 'number').toBe(true);
      expect(c.objectifs.length).toBeGreaterThan(0);
      for (const o of c.objectifs)
        expect(o).toMatchObject({
          nature: expect.stringMatching(/^(contractuel|indicatif|plancher_hors_qpv)$/) as unknown,
          cible: n,
          realise: n,
          statut: expect.stringMatching(
            /^(atteint|en_retard|non_atteint|en_deca|sans_objet)$/,
          ) as unknown,
        });
      expect(c.alertes.length).toBeGreaterThan(0);
      for (const a of c.alertes)
        expect(a).toMatchObject({
          code: expect.stringMatching(/^[A-Z_]+$/) as unknown,
          logement: s,
          date: expect.stringMatching(/^2025-\d\d-\d\d$/) as unknown,
          message: expect.stringMatching(/\S/) as unknown,
        });
    }
    expect(example.hors_assiette).toMatchObject({ logements: {}, attributions: {} });
    expect(Object.values(example.hors_assiette.logements).every((v) => v > 0)).toBe(true);
    expect(example.rejets).toEqual([]);
    expect(example.diagnostics).toEqual([]);
  });

  it('counts every input line, and the counts add up', () => {
    const { logements, evenements } = example.entrees;
    expect(logements).toEqual({
      fichier: PARC,
      lignes: dataLines(PARC),
      utilisees: dataLines(PARC),
      rejetees: 0,
      hors_conventions: 0,
      bailleurs_hors_conventions: [],
      non_lues: 0,
    });
    expect(evenements).toEqual({
      fichier: EVENTS,
      lignes: dataLines(EVENTS),
      utilisees: dataLines(EVENTS),
      rejetees: 0,
      hors_periode: 0,
      anterieurs: readFileSync(join(repoRoot, EVENTS), 'utf8')
        .split('\n')
        .filter((l) => /^[^,]*,2024-/.test(l)).length,
      non_lues: 0,
    });
    expect(evenements.anterieurs).toBe(18);
    expect(logements.lignes).toBe(680);
    expect(evenements.lignes).toBe(356);
  });

  it('keeps its invariants: du = part × flux, taux = réalisé / dû', () => {
    let singleVersion = 0;
    for (const c of example.conventions.filter((x) => x.departement === '93')) {
      expect(c.id).toBe(`${c.departement}-${c.bailleur.siren}-${c.reservataire.id}`);
      expect(c.fichier).toBe(
        `rules/conventions/93/552046484/${c.reservataire.id}/v${String(c.version)}.yaml`,
      );
      expect(c.versions).toContain(c.version);
      expect(c.part).toBeGreaterThan(0);
      expect(c.part).toBeLessThanOrEqual(1);
      expect(c.flux_annuel).toBeGreaterThan(0);
      if (c.versions.length === 1) {
        singleVersion++;
        expect(c.du).toBeCloseTo(c.part * c.flux_annuel, 6);
      }
      expect(c.du).toBeGreaterThan(0);
      expect(c.taux).not.toBeNull();
      expect(c.taux ?? NaN).toBeCloseTo(c.realise / c.du, 5);
      const contractuels = c.objectifs.filter((o) => o.nature === 'contractuel');
      expect(contractuels.length).toBeGreaterThan(0);
      for (const o of contractuels) {
        expect(o.cible).toBeCloseTo(o.part * (o.flux ?? NaN), 6);
        if (c.du > 0 && o.statut === 'atteint') expect(o.realise).toBeGreaterThanOrEqual(o.cible);
      }
    }
    expect(singleVersion).toBe(4);
    // The État's avenant (v2, effective 2025-07-01) applies from mid-year: both versions decide.
    const etat = example.conventions.find((c) => c.id === '93-552046484-etat-93');
    expect(etat).toMatchObject({ version: 2, versions: [1, 2], statut: 'projet' });
  });

  it('--csv prints one row per convention, header first', () => {
    const r = runCli([...EXAMPLE, '--csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^annee,date,convention,/);
    const rows = csvRecords(r.stdout);
    expect(rows.map((x) => x.convention)).toEqual(ALL_IDS);
    for (const [i, row] of rows.entries()) {
      const c = example.conventions[i];
      expect(row).toMatchObject({
        annee: '2025',
        date: '2025-12-31',
        version: String(c?.version),
        du: String(c?.du),
        realise: String(c?.realise),
        taux: c?.taux === null ? '' : String(c?.taux), // no flux (the 35's conventions): empty
        refus_candidat: String(c?.refus.candidat),
        alertes: String(c?.alertes.length),
      });
    }
  });

  it('--out DIR writes evaluation.json and the CSV files', () => {
    const out = join(tmp, 'resultats');
    const r = runCli([...EXAMPLE, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Résultats écrits dans ${out}`);
    expect(readdirSync(out).sort()).toEqual([
      'agents.csv',
      'alertes.csv',
      'conventions.csv',
      'conversion.csv',
      'evaluation.json',
      'objectifs.csv',
      'periodes.csv',
      'publics.csv',
      'rejets.csv',
    ]);
    const texte = readFileSync(join(out, 'evaluation.json'), 'utf8');
    const written = JSON.parse(texte) as Evaluation;
    expect({ ok: true, ...written }).toEqual(example);
    // Written piece by piece, the file is still the text JSON.stringify gives, indented by 2.
    expect(texte).toBe(`${JSON.stringify(written, null, 2)}\n`);

    const conventions = csvRecords(readFileSync(join(out, 'conventions.csv'), 'utf8'));
    expect(conventions.map((x) => x.convention)).toEqual(ALL_IDS);

    const objectifs = csvRecords(readFileSync(join(out, 'objectifs.csv'), 'utf8'));
    expect(objectifs.map((o) => [o.convention, o.nature, o.statut])).toEqual(
      example.conventions.flatMap((c) => c.objectifs.map((o) => [c.id, o.nature, o.statut])),
    );
    // Criteria survive the JSON-in-CSV quoting.
    const criteres = objectifs.find((o) => o.criteres !== '')?.criteres ?? '';
    expect(JSON.parse(criteres)).toBeTypeOf('object');

    const alertes = csvRecords(readFileSync(join(out, 'alertes.csv'), 'utf8'));
    expect(alertes.map((a) => [a.convention, a.code, a.ligne, a.message])).toEqual([
      ...example.conventions.flatMap((c) =>
        c.alertes.map((a) => [c.id, a.code, String(a.line), a.message]),
      ),
      ...example.alertes.map((a) => ['', a.code, String(a.line), a.message]),
    ]);

    expect(parseCsv(readFileSync(join(out, 'rejets.csv'), 'utf8'))).toEqual([
      ['fichier', 'ligne', 'colonne', 'code', 'severite', 'pointeur', 'message'],
    ]);
  });

  it('--moteur json-rules-engine (the reference) gives exactly the same JSON', () => {
    const r = runCli([...EXAMPLE, '--json', '--moteur', 'json-rules-engine']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(run.stdout);
    const compiled = runCli([...EXAMPLE, '--json', '--moteur', 'compile']);
    expect(compiled.stdout).toBe(run.stdout);
  });

  it('NDJSON inputs, and worker threads, give the same evaluation as CSV in one thread', () => {
    const toNdjson = (csv: string, numeric: readonly string[], bool: readonly string[]): string => {
      const [header = '', ...rows] = csv.trim().split('\n');
      const cols = header.split(',');
      return rows
        .map((line) => {
          const o: Record<string, unknown> = {};
          line.split(',').forEach((v, i) => {
            const k = cols[i] ?? '';
            if (v === '') return;
            o[k] = numeric.includes(k) ? Number(v) : bool.includes(k) ? v === 'true' : v;
          });
          return JSON.stringify(o);
        })
        .join('\n');
    };
    const parc = join(tmp, 'logements.ndjson');
    const events = join(tmp, 'evenements.jsonl');
    writeFileSync(
      parc,
      toNdjson(readFileSync(join(repoRoot, PARC), 'utf8'), ['annee_construction'], ['qpv']),
    );
    writeFileSync(
      events,
      toNdjson(readFileSync(join(repoRoot, EVENTS), 'utf8'), ['candidats'], []),
    );
    const r = runCli([
      'evaluate',
      '--parc',
      parc,
      '--events',
      events,
      '--annee',
      '2025',
      '--json',
      '--workers',
      '2',
    ]);
    expect(r.code).toBe(0);
    const strip = (v: unknown): unknown =>
      JSON.parse(JSON.stringify(v), (k: string, x: unknown) =>
        // NDJSON has no header line: rows are one line earlier than in the CSV.
        k === 'file' || k === 'fichier' || k === 'line' ? undefined : x,
      );
    expect(strip(json(r))).toEqual(strip(json(run)));
  });

  it('--lang en: same numbers, English alert messages', () => {
    const r = runCli([...EXAMPLE, '--json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const en = json(r) as EvaluationJson;
    expect(withoutMessages(en)).toEqual(withoutMessages(example));
    const late = (e: EvaluationJson) =>
      e.conventions.flatMap((c) => c.alertes).filter((a) => a.code === 'DESIGNATION_HORS_DELAI');
    expect(late(en).length).toBeGreaterThan(0);
    for (const a of late(en)) {
      expect(a.message).toMatch(/^Flat \S+: no designation by "[a-z0-9-]+" within the delay/);
      expect(a.message).toContain(a.logement);
    }
    for (const a of late(example)) expect(a.message).toMatch(/^Logement /);
    const text = runCli([...EXAMPLE, '--lang', 'en']);
    expect(text.stdout).toContain('Evaluation 2025 as of 2025-12-31');
  });
});

describe('convflux evaluate --explain', () => {
  /** A flat oriented to the État, designated, attributed by the CALEOL in 2025, then let. */
  const ETAT_FLAT = '93-552046484-00161';
  /** Action Logement counts on the signed lease. */
  const AL_FLAT = '93-552046484-00442';
  /** A refusal by the household after the attribution, under the État's avenant (v2). */
  const REFUS_FLAT = '93-552046484-00043';

  it('the chosen flats have the events they are chosen for', () => {
    const types = (flat: string) => eventsOf(flat).map((e) => e.type);
    expect(types(ETAT_FLAT)).toEqual(
      expect.arrayContaining(['orientation', 'designation', 'caleol', 'bail_signe']),
    );
    expect(eventsOf(ETAT_FLAT).find((e) => e.type === 'orientation')?.reservataire).toBe('etat-93');
    expect(eventsOf(ETAT_FLAT).find((e) => e.type === 'caleol')).toMatchObject({
      decision: 'attribution',
      date: expect.stringMatching(/^2025-/) as unknown,
    });
    expect(eventsOf(AL_FLAT).find((e) => e.type === 'orientation')?.reservataire).toBe(
      'action-logement',
    );
    expect(types(REFUS_FLAT)).toContain('refus');
  });

  it('prints each event, the rules, the clause file:line and the total', () => {
    const r = runCli([...EXAMPLE, '--explain', ETAT_FLAT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Logement ${ETAT_FLAT} — 93066, T3, PLAI`));
    for (const e of eventsOf(ETAT_FLAT))
      expect(r.stdout).toContain(`${e.date}  ${e.type.padEnd(15)} (ligne ${String(e.line)})`);
    expect(r.stdout).toMatch(/^ {4}règle orientation \(v1, \/designation\/delai\)/m);
    expect(r.stdout).toMatch(/^ {4}règle fait_generateur_attribution \(v1, /m);
    expect(r.stdout).toMatch(/^ {6}rules\/conventions\/93\/552046484\/etat-93\/v1\.yaml:\d+$/m);
    // Oriented in December 2024, attributed in January 2025: 0,5 counted provisionally in 2024,
    // the difference in 2025 (legal review I13).
    expect(r.stdout).toMatch(/^2024-12-31 {2}fin_annee {7}\(fin d’année\)/m);
    // Points with a decimal comma in French, as the table writes them (it printed 0.5).
    expect(r.stdout).toMatch(/^ {4}régularisation : \+0,5 point\(s\)/m);
    expect(r.stdout).toMatch(/^ {4}points du cycle : 0,5$/m);
    expect(r.stdout).not.toMatch(/\d\.\d/);
    expect(r.stdout.trimEnd()).toMatch(/Imputé sur la période : 93-552046484-etat-93 0,5$/);
  });

  it('--json: every step, every rule, each clause line pointing at its key', () => {
    const files = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const flat of [ETAT_FLAT, AL_FLAT, REFUS_FLAT]) {
      const r = runCli([...EXAMPLE, '--explain', flat, '--json']);
      expect(r.code).toBe(0);
      const x = json(r) as ExplainJson;
      expect(x).toMatchObject({ ok: true, logement: flat, parc: { logement: flat } });
      expect(x.etapes.filter((e) => e.ligne > 0).map((e) => [e.ligne, e.date, e.type])).toEqual(
        eventsOf(flat).map((e) => [e.line, e.date, e.type]),
      );
      expect(Object.values(x.points).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const e of x.etapes)
        for (const rg of e.regles) {
          seen.add(rg.regle);
          const c = rg.clause;
          expect(c.fichier).toBe(
            `rules/conventions/93/552046484/${flat === AL_FLAT ? 'action-logement' : 'etat-93'}/v${String(c.version)}.yaml`,
          );
          let lines = files.get(c.fichier);
          if (!lines) {
            lines = readFileSync(join(repoRoot, c.fichier), 'utf8').split('\n');
            files.set(c.fichier, lines);
          }
          // A clause the file does not write (a default of the registry) has no line.
          if (c.ligne === 0) {
            const data: unknown = parse(lines.join('\n'));
            expect(estParDefaut(data, c.cle) || DEFAUTS.some((d) => d.cle.startsWith(c.cle))).toBe(
              true,
            );
            continue;
          }
          const key = c.cle.split('/').pop() ?? '';
          expect(
            lines[c.ligne - 1],
            `${rg.regle} ${c.cle} → ${c.fichier}:${String(c.ligne)}`,
          ).toMatch(new RegExp(`^\\s*${key}:`));
        }
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'orientation',
        'designation',
        'fait_generateur_attribution',
        'fait_generateur_bail_signe',
        'refus_candidat_apres_attribution',
        'refus_candidat',
        'bail_signe',
      ]),
    );
  });

  it('an unknown flat: exit 1 with a message', () => {
    const r = runCli([...EXAMPLE, '--explain', '93-552046484-99999']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Logement 93-552046484-99999\nAucun flux : logement absent du parc, et aucun événement de la période ne le nomme.',
    );
    expect(r.stderr).toContain('EXPLAIN_LOGEMENT_INCONNU');
    const j = runCli([...EXAMPLE, '--explain', '93-552046484-99999', '--json']);
    expect(j.code).toBe(1);
    expect(json(j) as ExplainJson).toMatchObject({
      ok: false,
      logement: '93-552046484-99999',
      parc: null,
      parcours: null,
      etapes: [],
      points: {},
      diagnostics: [
        { code: 'EXPLAIN_LOGEMENT_INCONNU', params: { logement: '93-552046484-99999' } },
      ],
    });
  });

  // Known bug (see report): a designation delay that lapses after the flat's last event is
  // scored (delai_expire) but missing from the trace, so the explanation shows a point with no
  // rule behind it. The trace is built in src/engine/cycle.ts (lapse() runs with step unset).
  it('explains a delay that lapses after the last event', () => {
    const dir = join(tmp, 'lapse');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'logements.csv'),
      'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux\n' +
        'L1,552046484,93,93066,200057867,false,T3,PLUS,2000,\n',
    );
    writeFileSync(
      join(dir, 'evenements.csv'),
      'id,date,type,logement,reservataire,motif,decision,par,candidats\n' +
        'E1,2025-01-03,liberation,L1,,,,,\n' +
        'E2,2025-01-05,orientation,L1,etat-93,,,,\n',
    );
    const args = ['evaluate', '--rules', join(repoRoot, 'rules'), '--parc', 'logements.csv'];
    const r = runCli(
      [...args, '--events', 'evenements.csv', '--annee', '2025', '--explain', 'L1', '--json'],
      dir,
    );
    const x = json(r) as ExplainJson;
    expect(x.points).toEqual({ '93-552046484-etat-93': 1 });
    expect(x.etapes.flatMap((e) => e.regles.map((g) => g.regle))).toContain('delai_expire');
  });
});

describe('convflux evaluate: rejected rows and usage', () => {
  const PARC_CSV = [
    'logement,bailleur,departement,commune,epci,qpv,typologie,financement,annee_construction,hors_flux',
    'L1,552046484,93,93066,200057867,false,T3,PLUS,2000,', // 2
    'L2,552046484,93,93066,200057867,false,T9,PLUS,2000,', // 3 bad typologie
    'L3,552046484,93,93048,200057875,false,T2,PLAI,1990,', // 4
  ];
  const EVENTS_CSV = [
    'id,date,type,logement,reservataire,motif,decision,par,candidats',
    'E1,2025-01-10,liberation,L1,,,,,', // 2
    'E2,2025-01-12,orientation,L1,etat-93,,,,', // 3
    'E3,2025-01-20,designation,L1,etat-93,,,,3', // 4
    'E4,2025-02-01,caleol,L1,,,attribution,,', // 5
    'E5,2025-02-01,liberation,INCONNU,,,,,', // 6 unknown flat
    'E6,2025-03-01,liberation,L3,,,,,', // 7
    'E7,2025-03-02,orientation,L3,personne,,,,', // 8 unknown réservataire
    'E8,2025-02-30,liberation,L3,,,,,', // 9 invalid date
    'E9,2025-03-05,caleol,L3,,,peut-etre,,', // 10 bad enum
    'E10,2025-03-06,liberation,L3', // 11 wrong field count
    'E3,2025-03-07,liberation,L1,,,,,', // 12 duplicate id (same flat as line 4)
    'E11,2025-04-01,liberation,L2,,,,,', // 13 flat whose parc row was rejected
    'E12,2025-04-02,orientation,L3,montreuil,,,,', // 14
    'E13,2025-04-10,designation,L3,montreuil,,,,Jean Dupont', // 15 a name instead of a count
    'E14,2025-09-01,bail_signe,L1,,,,,', // 16
    'E15,2025-10-01,orientation,L1,personne,,,,', // 17 unknown réservataire, after --date
  ];
  const REJETS: [string, number, string][] = [
    ['evenements.csv', 6, 'LOGEMENT_INCONNU'],
    ['evenements.csv', 8, 'RESERVATAIRE_INCONNU'],
    ['evenements.csv', 9, 'LIGNE_DATE_INVALIDE'],
    ['evenements.csv', 10, 'LIGNE_VALEUR_INCONNUE'],
    ['evenements.csv', 11, 'LIGNE_NOMBRE_CHAMPS'],
    ['evenements.csv', 12, 'EVENEMENT_DOUBLON'],
    ['evenements.csv', 13, 'LOGEMENT_REJETE'],
    ['evenements.csv', 15, 'LIGNE_CHAMP_INVALIDE'],
    ['evenements.csv', 17, 'RESERVATAIRE_INCONNU'],
    ['logements.csv', 3, 'LIGNE_VALEUR_INCONNUE'],
  ];
  let dir = '';
  const evaluate = (...extra: string[]): CliRun =>
    runCli(
      [
        'evaluate',
        '--rules',
        join(repoRoot, 'rules'),
        '--parc',
        'logements.csv',
        '--events',
        'evenements.csv',
        '--annee',
        '2025',
        ...extra,
      ],
      dir,
    );
  const triples = (rejets: readonly Diagnostic[]) =>
    rejets
      .map((d): [string, number, string] => [d.file, d.line, d.code])
      .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
  let strict: CliRun;
  let strictJson: EvaluationJson;

  beforeAll(() => {
    dir = join(tmp, 'rejets');
    mkdirSync(dir);
    writeFileSync(join(dir, 'logements.csv'), `${PARC_CSV.join('\n')}\n`);
    writeFileSync(join(dir, 'evenements.csv'), `${EVENTS_CSV.join('\n')}\n`);
    strict = evaluate('--json');
    strictJson = json(strict) as EvaluationJson;
  });

  it('lists every bad row with file, line and code, and fails (exit 1)', () => {
    expect(strict.code).toBe(1);
    expect(strictJson.ok).toBe(false);
    expect(triples(strictJson.rejets)).toEqual(REJETS);
    const byLine = (file: string, line: number) =>
      strictJson.rejets.find((d) => d.file === file && d.line === line);
    expect(byLine('evenements.csv', 12)?.params).toMatchObject({ premiere: 4 });
    expect(byLine('evenements.csv', 10)).toMatchObject({ pointer: '/decision', column: 27 });
    expect(byLine('logements.csv', 3)).toMatchObject({ pointer: '/typologie' });
    expect(byLine('logements.csv', 3)?.message).toContain('"T9"');
    expect(strictJson.rejets.every((d) => d.severity === 'error' && d.message !== '')).toBe(true);

    const text = evaluate();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Lignes rejetées (${String(REJETS.length)}) :`);
    for (const [file, line, code] of REJETS)
      expect(text.stdout).toMatch(
        new RegExp(`^${file}:${String(line)}(:\\d+)? +erreur ${code} `, 'm'),
      );
  });

  it('counts lines = used + rejected (+ after the date)', () => {
    const { logements, evenements } = strictJson.entrees;
    expect(logements).toEqual({
      fichier: 'logements.csv',
      lignes: PARC_CSV.length - 1,
      utilisees: 2,
      rejetees: 1,
      hors_conventions: 0,
      bailleurs_hors_conventions: [],
      non_lues: 0,
    });
    expect(evenements).toMatchObject({
      fichier: 'evenements.csv',
      lignes: EVENTS_CSV.length - 1,
      rejetees: REJETS.filter((r) => r[0] === 'evenements.csv').length,
      hors_periode: 0,
    });
    expect(evenements.utilisees + evenements.rejetees + evenements.hors_periode).toBe(
      evenements.lignes,
    );
    // The one attribution of the file counts for the État.
    expect(strictJson.conventions.find((c) => c.id === '93-552046484-etat-93')).toMatchObject({
      realise: 1,
      attributions: 1,
    });
  });

  it('--tolerant: exit 0 with the same rejected rows', () => {
    const r = evaluate('--json', '--tolerant');
    expect(r.code).toBe(0);
    const t = json(r) as EvaluationJson;
    expect(t.ok).toBe(true);
    expect(t.rejets).toEqual(strictJson.rejets);
    expect(t.entrees).toEqual(strictJson.entrees);
  });

  it('never quotes what a household wrote in a field', () => {
    const d = strictJson.rejets.find((x) => x.line === 15);
    expect(d).toMatchObject({ code: 'LIGNE_CHAMP_INVALIDE', pointer: '/candidats' });
    for (const out of [strict.stdout, evaluate().stdout, evaluate('--csv').stdout])
      expect(out).not.toMatch(/Dupont/);
  });

  it('--date mid-year: later events are hors_periode, not rejected', () => {
    const r = evaluate('--json', '--tolerant', '--date', '2025-06-30');
    expect(r.code).toBe(0);
    const e = json(r) as EvaluationJson;
    expect(e.date).toBe('2025-06-30');
    // Line 17 (after the date) would be an unknown réservataire: it is not looked at.
    expect(triples(e.rejets)).toEqual(
      REJETS.filter((x) => x[1] !== 17 || x[0] !== 'evenements.csv'),
    );
    const ev = e.entrees.evenements;
    expect(ev.hors_periode).toBe(2);
    expect(ev.lignes).toBe(EVENTS_CSV.length - 1);
    expect(ev.utilisees + ev.rejetees + ev.hors_periode).toBe(ev.lignes);
    expect(ev.utilisees).toBe(strictJson.entrees.evenements.utilisees - 1);
    const text = evaluate('--tolerant', '--date', '2025-06-30');
    expect(text.stdout).toContain('2 après le 2025-06-30');
  });

  it('exits 2 on usage errors, naming the problem', () => {
    const outside = evaluate('--date', '2024-06-30');
    expect(outside.code).toBe(2);
    expect(outside.stdout).toBe('');
    expect(outside.stderr).toContain('--date 2024-06-30 n’est pas dans l’année 2025');
    const outsideJson = evaluate('--date', '2026-01-01', '--json');
    expect(outsideJson.code).toBe(2);
    expect(json(outsideJson) as UsageJson).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'USAGE', message: expect.stringContaining('2026-01-01') as unknown }],
    });

    const noParc = runCli(['evaluate', '--events', EVENTS, '--annee', '2025']);
    expect(noParc.code).toBe(2);
    expect(noParc.stderr).toContain('il manque --parc');
    expect(noParc.stderr).not.toContain('--events FICHIER');

    const moteur = evaluate('--moteur', 'rete');
    expect(moteur.code).toBe(2);
    expect(moteur.stderr).toContain('--moteur attend compile ou json-rules-engine (reçu : rete)');

    const both = evaluate('--json', '--csv');
    expect(both.code).toBe(2);
    expect((json(both) as UsageJson).diagnostics[0]?.message).toBe(
      '--json et --csv sont exclusifs',
    );
  });

  it('keeps naming its options where the service names its parameters (issue 14)', () => {
    const message = (r: CliRun) => (json(r) as UsageJson).diagnostics[0]?.message;
    expect(message(evaluate('--date', '2024-06-30', '--json'))).toBe(
      '--date 2024-06-30 n’est pas dans l’année 2025.',
    );
    expect(message(evaluate('--date', '2024-06-30', '--json', '--lang', 'en'))).toBe(
      '--date 2024-06-30 is not in the year 2025.',
    );
    expect(message(evaluate('--date', '2025-02-30', '--json'))).toBe(
      '--date : une date AAAA-MM-JJ est attendue (reçu « 2025-02-30 »).',
    );
    const annee = runCli(
      [
        'evaluate',
        '--rules',
        join(repoRoot, 'rules'),
        '--parc',
        'logements.csv',
        '--events',
        'evenements.csv',
        '--annee',
        '1999',
      ],
      dir,
    );
    expect(annee.code).toBe(2);
    expect(annee.stderr).toContain('--annee : une année de 2000 à 2100 est attendue (reçu 1999).');
    const inconnu = strictJson.rejets.find((d) => d.code === 'LOGEMENT_INCONNU');
    expect(inconnu?.message).toBe('Logement INCONNU absent du parc (--parc) : événement ignoré.');
    expect(strictJson.rejets.find((d) => d.code === 'LOGEMENT_REJETE')?.message).toBe(
      'Logement L2 rejeté du parc (--parc, ligne 3) : événement ignoré.',
    );
  });
});

describe('convflux rules', () => {
  const ETAT = 'rules/conventions/93/552046484/etat-93/v1.yaml';
  const AL = 'rules/conventions/93/552046484/action-logement/v1.yaml';

  it('--json: the json-rules-engine rules of a convention, each pointing at a clause', () => {
    const r = runCli(['rules', ETAT, '--json']);
    expect(r.code).toBe(0);
    const out = json(r) as RulesJson;
    expect(out).toMatchObject({ ok: true, convention: '93-552046484-etat-93', version: 1 });
    const rules = out.rules ?? [];
    expect(rules.length).toBeGreaterThan(5);
    expect(new Set(rules.map((x) => x.name)).size).toBe(rules.length);
    const convention: unknown = parse(readFileSync(join(repoRoot, ETAT), 'utf8'));
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[a-z_]+$/);
      expect(rule.conditions).toBeTypeOf('object');
      expect(ORDRE_ACTIONS).toContain(rule.event.params.action);
      expect(rule.event.params.points).toBeTypeOf('number');
      // The État's v1 spells out every clause but the fate of provisional points of an earlier
      // year, a default of the registry: each other rule's pointer resolves in the file.
      if (rule.name === 'provisoire_sans_suite') {
        expect(DEFAUTS.map((d) => d.cle)).toContain(rule.event.params.cle);
        continue;
      }
      const value = rule.event.params.cle
        .split('/')
        .slice(1)
        .reduce<unknown>(
          (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
          convention,
        );
      expect(value, `${rule.name} ${rule.event.params.cle}`).not.toBeUndefined();
    }
    expect(rules.map((x) => x.name)).toContain('fait_generateur_attribution');

    const text = runCli(['rules', ETAT]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `93-552046484-etat-93 v1 — ${String(rules.length)} règles json-rules-engine`,
    );
    for (const rule of rules) expect(text.stdout).toMatch(new RegExp(`^ {2}${rule.name} `, 'm'));
  });

  it('Action Logement counts on the signed lease', () => {
    const out = json(runCli(['rules', AL, '--json'])) as RulesJson;
    const names = (out.rules ?? []).map((x) => x.name);
    expect(names).toContain('fait_generateur_bail_signe');
    expect(names).not.toContain('fait_generateur_attribution');
    const fait = out.rules?.find((x) => x.name === 'fait_generateur_bail_signe');
    expect(fait?.event.params).toMatchObject({
      action: 'compter',
      points: 1,
      cle: '/decompte/fait_generateur',
    });
    expect(JSON.stringify(fait?.conditions)).toContain('"bail_signe"');
  });

  it('a convention with a schema error: exit 1 with the diagnostic', () => {
    const file = join(tmp, 'v1.yaml');
    const text = readFileSync(join(repoRoot, ETAT), 'utf8').replace(
      /^ {2}part: 0\.30.*$/m,
      '  part: "30 %"',
    );
    writeFileSync(file, text);
    const line = text.split('\n').indexOf('  part: "30 %"') + 1;
    expect(line).toBeGreaterThan(0);
    const r = runCli(['rules', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`v1.yaml:${String(line)}:9  erreur SCHEMA_TYPE`);
    expect(r.stdout).toContain('pointeur : /flux/part');
    const j = runCli(['rules', file, '--json']);
    expect(j.code).toBe(1);
    expect(json(j) as RulesJson).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'SCHEMA_TYPE', pointer: '/flux/part', line }],
    });
  });

  it('a missing file: exit 1 with FICHIER_ILLISIBLE; no file at all: exit 2', () => {
    const r = runCli(['rules', 'nulle/part.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nulle/part.yaml  erreur FICHIER_ILLISIBLE');
    expect(json(runCli(['rules', 'nulle/part.yaml', '--json'])) as RulesJson).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'FICHIER_ILLISIBLE', file: 'nulle/part.yaml' }],
    });
    const none = runCli(['rules']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('rules attend un fichier de convention');
  });
});
