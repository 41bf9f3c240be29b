/**
 * `commande: evaluate` scenarios: inline parc and events are written as real CSV files and go
 * through the real reader, loader and engine; the expected values are compared key by key.
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { ecrireEntrees } from './scenario-inputs.js';
import { evaluate } from '../engine/evaluate.js';
import type { Alerte, ConventionResultat } from '../engine/evaluation.js';
import type { Scenario } from './scenario.js';

const show = (v: unknown): string => JSON.stringify(v);

/** `expected` is a subset of `actual`: every key given must be equal (arrays of objects: each expected element found). */
function differences(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${path} : attendu ${show(expected)}, obtenu ${show(actual)}`);
      return;
    }
    if (expected.every((e) => e === null || typeof e !== 'object')) {
      if (show(expected) !== show(actual))
        out.push(`${path} : attendu ${show(expected)}, obtenu ${show(actual)}`);
      return;
    }
    expected.forEach((e, i) => {
      const found = actual.some((a) => {
        const d: string[] = [];
        differences(e, a, path, d);
        return d.length === 0;
      });
      if (!found)
        out.push(
          `${path}[${String(i)}] : aucun élément ne correspond à ${show(e)} (obtenu ${show(actual)})`,
        );
    });
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      out.push(`${path} : attendu ${show(expected)}, obtenu ${show(actual)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected))
      differences(v, (actual as Record<string, unknown>)[k], `${path}/${k}`, out);
    return;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(expected - actual) > 1e-6)
      out.push(`${path} : attendu ${String(expected)}, obtenu ${String(actual)}`);
    return;
  }
  if (expected !== actual) out.push(`${path} : attendu ${show(expected)}, obtenu ${show(actual)}`);
}

export async function runEvaluateScenario(
  s: Scenario,
  root: string,
  lang: Lang,
): Promise<string[]> {
  const e = s.entrees;
  const { parc, events } = await ecrireEntrees(s, root);
  const { evaluation } = await evaluate({
    rules: [root],
    parc,
    evenements: events,
    annee: e.annee ?? 0,
    lang,
    cwd: root,
    ...(e.date !== undefined ? { date: e.date } : {}),
    ...(e.signees ? { signees: true } : {}),
  });
  const out: string[] = [];
  for (const d of evaluation.diagnostics)
    if (d.severity === 'error')
      out.push(`convention invalide : ${d.file}:${String(d.line)} ${d.code} ${d.message}`);

  const byId = new Map<string, ConventionResultat>(evaluation.conventions.map((c) => [c.id, c]));
  for (const [id, expected] of Object.entries(s.sorties.conventions ?? {})) {
    const actual = byId.get(id);
    if (!actual)
      out.push(`convention ${id} absente des résultats (${[...byId.keys()].join(', ')})`);
    else differences(expected, actual, id, out);
  }

  if (s.sorties.alertes) {
    const actual: (Alerte & { convention: string })[] = [
      ...evaluation.conventions.flatMap((c) => c.alertes.map((a) => ({ ...a, convention: c.id }))),
      ...evaluation.alertes.map((a) => ({ ...a, convention: '' })),
    ].filter((a) => a.severity !== 'info');
    for (const x of s.sorties.alertes) {
      const i = actual.findIndex(
        (a) =>
          a.code === x.code &&
          (x.logement === undefined || a.logement === x.logement) &&
          (x.date === undefined || a.date === x.date) &&
          (x.convention === undefined || a.convention === x.convention),
      );
      if (i === -1) out.push(`alerte attendue, absente : ${show(x)}`);
      else actual.splice(i, 1);
    }
    for (const a of actual)
      out.push(`alerte inattendue : ${a.code} ${a.logement} ${a.date} — ${a.message}`);
  }

  const rejets = [...evaluation.rejets];
  for (const x of s.sorties.rejets ?? []) {
    const file =
      x.fichier === 'logements'
        ? 'logements.csv'
        : x.fichier === 'evenements'
          ? 'evenements.csv'
          : undefined;
    const i = rejets.findIndex(
      (d) =>
        d.code === x.code &&
        (x.ligne === undefined || d.line === x.ligne) &&
        (file === undefined || d.file.endsWith(file)),
    );
    if (i === -1) out.push(`rejet attendu, absent : ${show(x)}`);
    else rejets.splice(i, 1);
  }
  for (const d of rejets)
    out.push(`rejet inattendu : ${d.file}:${String(d.line)} ${d.code} — ${d.message}`);
  return out;
}
