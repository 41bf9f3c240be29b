import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../../diagnostics/format-text.js';
import { calculerEcheancier, type Echeancier } from '../../echeancier/calculer-echeancier.js';
import { echeancierIcs } from '../../echeancier/echeancier-ics.js';
import { formatEcheancier } from '../../echeancier/format-echeancier.js';
import { EvaluateUsageError } from '../../engine/evaluate.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { entree } from './evaluate.js';
import { ecrireJson } from '../ecrire-json.js';

export interface EcheancierFlags {
  rules: string[];
  signees: boolean;
  ics: boolean;
  parc?: string;
  events?: string[];
  date?: string;
  horizon?: string;
}

function verifier(rest: string[], f: EcheancierFlags, json: boolean): number | undefined {
  if (rest.length)
    throw new UsageError(
      `echeancier : argument inattendu « ${rest[0] ?? ''} »`,
      `echeancier: unexpected argument "${rest[0] ?? ''}"`,
    );
  const missing = [
    f.parc === undefined ? '--parc' : '',
    !f.events?.length ? '--events' : '',
    f.date === undefined ? '--date' : '',
  ].filter(Boolean);
  if (missing.length)
    throw new UsageError(
      `echeancier : il manque ${missing.join(', ')}`,
      `echeancier: missing ${missing.join(', ')}`,
    );
  if (json && f.ics)
    throw new UsageError(
      'echeancier : --json et --ics sont exclusifs',
      'echeancier: --json and --ics exclude each other',
    );
  if (f.horizon === undefined) return undefined;
  const h = Number(f.horizon);
  if (!Number.isInteger(h) || h < 0 || h > 3660)
    throw new UsageError(
      `--horizon attend un nombre de jours de 0 à 3660 (reçu : ${f.horizon})`,
      `--horizon expects a number of days from 0 to 3660 (got: ${f.horizon})`,
    );
  return h;
}

/**
 * `convflux echeancier --parc P --events E --date D [--json|--ics]`: the deadlines at the date.
 * Exit 0; 1 when a convention or input file has an error; 2 usage or set-up.
 */
export async function runEcheancier(
  rest: string[],
  f: EcheancierFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  const horizon = verifier(rest, f, flags.json);
  const rules = f.rules.length ? f.rules : ['rules/'];
  await requireInputs([f.parc ?? '', ...(f.events ?? []), ...rules], io.cwd);
  let e: Echeancier;
  try {
    e = await calculerEcheancier({
      rules,
      parc: entree(io.cwd, f.parc ?? ''),
      evenements: (f.events ?? []).map((x) => entree(io.cwd, x)),
      date: f.date ?? '',
      lang: flags.lang,
      cwd: io.cwd,
      ...(horizon !== undefined ? { horizon } : {}),
      ...(f.signees ? { signees: true } : {}),
    });
  } catch (error) {
    if (error instanceof EvaluateUsageError) throw new UsageError(error.message, error.en);
    throw error;
  }
  const ok = !e.diagnostics.some((d: Diagnostic) => d.severity === 'error');
  if (flags.json) ecrireJson(io, { ok, ...e });
  else if (f.ics) io.out(echeancierIcs(e.echeances, e.date, 'convflux — échéancier'));
  else io.out(formatEcheancier(e, flags.lang));
  if (!flags.json)
    for (const d of e.diagnostics)
      io.err(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: false }));
  return ok ? 0 : 1;
}
