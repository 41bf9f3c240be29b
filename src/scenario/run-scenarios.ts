import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { checkPaths } from '../check/check-paths.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { schemaValidator } from '../schema/load-schemas.js';
import { schemaFindings } from '../schema/schema-errors.js';
import { parsePointer } from '../source/json-pointer.js';
import { loadYamlFile } from '../source/load-yaml-file.js';
import { readCheckedSource } from '../source/read-source.js';
import { runEvaluateScenario } from './evaluate-scenario.js';
import { runOrientScenario } from './orient-scenario.js';
import type {
  ContenuConvention,
  DiagnosticAttendu,
  Scenario,
  ScenarioFile,
  ScenarioOutcome,
} from './scenario.js';

export interface ScenarioRun {
  outcomes: ScenarioOutcome[];
  /** Problems in the scenario files themselves. */
  diagnostics: Diagnostic[];
}

function setPointer(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = parsePointer(pointer);
  const last = segments.pop();
  if (last === undefined) return;
  let node: unknown = target;
  for (const s of segments) {
    if (Array.isArray(node)) node = node[Number(s)];
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o[s] === undefined || o[s] === null || typeof o[s] !== 'object') o[s] = {};
      node = o[s];
    }
  }
  if (Array.isArray(node)) {
    if (value === null) node.splice(Number(last), 1);
    else node[Number(last)] = value;
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (value === null) Reflect.deleteProperty(o, last);
    else o[last] = value;
  }
}

async function buildConvention(
  spec: ContenuConvention,
  bases: Record<string, string>,
  dir: string,
  lang: Lang,
): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> = {};
  if (spec.base) {
    const path = resolve(dir, bases[spec.base] ?? spec.base);
    const bytes = await readCheckedSource(path, lang, displayPath(path));
    data = parse(bytes.toString('utf8'), { version: '1.2', schema: 'core' }) as Record<
      string,
      unknown
    >;
  }
  if (spec.contenu) data = { ...data, ...structuredClone(spec.contenu) };
  for (const [pointer, value] of Object.entries(spec.modifications ?? {}))
    setPointer(data, pointer, value);
  return data;
}

const key = (d: {
  code: string;
  pointeur?: string | undefined;
  fichier?: string | undefined;
}): string =>
  `${d.code}${d.pointeur !== undefined ? ` ${d.pointeur}` : ''}${d.fichier !== undefined ? ` [${d.fichier}]` : ''}`;

/** Exactly the expected diagnostics (errors and warnings), whatever their order. */
function compare(
  expected: DiagnosticAttendu[],
  actual: Diagnostic[],
  root: string,
  lang: Lang,
): string[] {
  const remaining = actual.filter((d) => d.severity !== 'info');
  const differences: string[] = [];
  for (const e of expected) {
    const i = remaining.findIndex(
      (d) =>
        d.code === e.code &&
        (e.pointeur === undefined || d.pointer === e.pointeur) &&
        (e.fichier === undefined || displayPath(resolve(root, d.file), root) === e.fichier) &&
        (e.severite === undefined || (e.severite === 'erreur') === (d.severity === 'error')),
    );
    if (i === -1)
      differences.push(`${lang === 'fr' ? 'attendu, absent' : 'expected, missing'} : ${key(e)}`);
    else remaining.splice(i, 1);
  }
  for (const d of remaining) {
    differences.push(
      `${lang === 'fr' ? 'inattendu' : 'unexpected'} : ${d.code} ${d.pointer} — ${d.message}`,
    );
  }
  return differences;
}

async function runScenario(
  s: Scenario,
  bases: Record<string, string>,
  dir: string,
  lang: Lang,
): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), 'convflux-scenario-'));
  try {
    const files: string[] = [];
    const entries: [string, ContenuConvention][] = s.entrees.convention
      ? [['convention.yaml', s.entrees.convention]]
      : Object.entries(s.entrees.conventions ?? {});
    for (const [rel, spec] of entries) {
      const path = join(root, rel);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, stringify(await buildConvention(spec, bases, dir, lang)));
      files.push(path);
    }
    if (s.commande === 'evaluate') return await runEvaluateScenario(s, root, lang);
    if (s.commande === 'orient') return await runOrientScenario(s, root, lang);
    const result = await checkPaths(files, { lang, cwd: root, workers: 0 });
    return compare(s.sorties.diagnostics ?? [], result.diagnostics, root, lang);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Plays every scenario of one file. Invalid scenario files give diagnostics, never a crash. */
export async function runScenarioFile(
  path: string,
  options: { lang?: Lang; cwd?: string } = {},
): Promise<ScenarioRun> {
  const lang = options.lang ?? 'fr';
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, path);
  const loaded = await loadYamlFile(absolute, displayPath(absolute, cwd), lang);
  const { report, data } = loaded;
  if (data === undefined) return { outcomes: [], diagnostics: report.diagnostics };
  const validate = schemaValidator('scenario.schema.json');
  if (!validate(data)) {
    for (const f of schemaFindings(validate.errors ?? [], lang))
      report.add(f.code, f.params, f.pointer, { atKey: f.atKey });
    return { outcomes: [], diagnostics: report.diagnostics };
  }
  const file = data as ScenarioFile;
  const dir = dirname(absolute);
  const outcomes: ScenarioOutcome[] = [];
  for (const [i, s] of file.scenarios.entries()) {
    const line =
      loaded.source && loaded.parsed
        ? loaded.source.position(loaded.parsed.locate(`/scenarios/${i}`)).line
        : 0;
    let differences: string[];
    try {
      differences = await runScenario(s, file.bases ?? {}, dir, lang);
    } catch (error) {
      differences = [
        `${lang === 'fr' ? 'scénario injouable' : 'scenario cannot run'} : ${error instanceof Error ? error.message : String(error)}`,
      ];
    }
    outcomes.push({
      file: report.file,
      line,
      nom: s.nom,
      passed: differences.length === 0,
      differences,
    });
  }
  return { outcomes, diagnostics: report.diagnostics };
}
