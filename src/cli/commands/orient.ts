import { formatDiagnostic } from '../../diagnostics/format-text.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { EvaluateUsageError } from '../../engine/evaluate.js';
import { formatOuverts, formatSuggestion } from '../../orientation/format-orientation.js';
import { Orientation } from '../../orientation/orienter.js';
import { EFFET_FILIERE, type Filiere } from '../../orientation/residence.js';
import type { Suggestion } from '../../orientation/suggestion.js';
import { UsageError, type CommandIo } from '../io.js';
import type { Flags } from '../main.js';
import { requireInputs } from '../require-inputs.js';
import { entree } from './evaluate.js';
import { ecrireJson } from '../ecrire-json.js';

export interface OrientFlags {
  rules: string[];
  signees: boolean;
  allOpen: boolean;
  parc?: string;
  events?: string[];
  logement?: string;
  date?: string;
  filierePart?: string;
  filiereFenetre?: string;
}

function verifier(rest: string[], f: OrientFlags, fr: boolean): Filiere {
  if (rest.length)
    throw new UsageError(
      `orient : argument inattendu « ${rest[0] ?? ''} » (le logement se donne avec --logement)`,
      `orient: unexpected argument "${rest[0] ?? ''}" (the flat is given with --logement)`,
    );
  const missing = [
    f.parc === undefined ? (fr ? '--parc FICHIER' : '--parc FILE') : '',
    !f.events?.length ? (fr ? '--events FICHIER' : '--events FILE') : '',
    f.logement === undefined && !f.allOpen ? '--logement ID | --all-open' : '',
  ].filter(Boolean);
  if (missing.length)
    throw new UsageError(
      `orient : il manque ${missing.join(', ')}`,
      `orient: missing ${missing.join(', ')}`,
    );
  if (f.logement !== undefined && f.allOpen)
    throw new UsageError(
      'orient : --logement et --all-open sont exclusifs',
      'orient: --logement and --all-open exclude each other',
    );
  const part = f.filierePart === undefined ? EFFET_FILIERE.part : Number(f.filierePart);
  if (!(part > 0 && part <= 1))
    throw new UsageError(
      `--filiere-part attend une part entre 0 et 1 (reçu : ${f.filierePart ?? ''})`,
      `--filiere-part expects a share between 0 and 1 (got: ${f.filierePart ?? ''})`,
    );
  const fenetre = f.filiereFenetre === undefined ? EFFET_FILIERE.fenetre : Number(f.filiereFenetre);
  if (!Number.isInteger(fenetre) || fenetre < 1 || fenetre > 1000)
    throw new UsageError(
      `--filiere-fenetre attend un nombre d’attributions de 1 à 1000 (reçu : ${f.filiereFenetre ?? ''})`,
      `--filiere-fenetre expects a number of attributions from 1 to 1000 (got: ${f.filiereFenetre ?? ''})`,
    );
  return { part, fenetre };
}

/**
 * `convflux orient --parc P --events E --logement ID | --all-open [--date D]`: the ranked
 * réservataires of a freed flat, each with one sentence of reasons. Exit 0; 1 when the flat or
 * the date is refused (unknown flat, not freed, no convention in force) or a convention or input
 * file has an error; 2 usage or set-up.
 */
export async function runOrient(
  rest: string[],
  f: OrientFlags,
  flags: Flags,
  io: CommandIo,
): Promise<number> {
  const fr = flags.lang === 'fr';
  const filiere = verifier(rest, f, fr);
  const rules = f.rules.length ? f.rules : ['rules/'];
  await requireInputs([f.parc ?? '', ...(f.events ?? []), ...rules], io.cwd);
  let orientation: Orientation;
  try {
    orientation = await Orientation.ouvrir({
      rules,
      parc: entree(io.cwd, f.parc ?? ''),
      evenements: (f.events ?? []).map((e) => entree(io.cwd, e)),
      lang: flags.lang,
      cwd: io.cwd,
      filiere,
      ...(f.date !== undefined ? { date: f.date } : {}),
      ...(f.signees ? { signees: true } : {}),
    });
  } catch (error) {
    if (error instanceof EvaluateUsageError) throw new UsageError(error.message, error.en);
    throw error;
  }
  const diagnostics: Diagnostic[] = [...orientation.diagnostics];
  let suggestion: Suggestion | undefined;
  let ouverts: Suggestion[] | undefined;
  if (f.logement !== undefined) {
    const r = await orientation.suggerer(f.logement);
    diagnostics.push(...r.diagnostics);
    suggestion = r.suggestion;
  } else ouverts = orientation.ouverts();
  const ok = !diagnostics.some((d) => d.severity === 'error');
  if (flags.json) {
    const donnees = ouverts ? { logements: ouverts } : { suggestion: suggestion ?? null };
    ecrireJson(io, { ok, date: orientation.date, ...donnees, diagnostics });
    return ok ? 0 : 1;
  }
  if (suggestion) io.out(formatSuggestion(suggestion, flags.lang));
  if (ouverts) io.out(formatOuverts(ouverts, orientation.date, flags.lang));
  for (const d of diagnostics)
    io.err(formatDiagnostic(d, { lang: flags.lang, color: flags.color, details: false }));
  return ok ? 0 : 1;
}
