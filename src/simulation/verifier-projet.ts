/**
 * A draft is checked as a convention is (`convflux check`'s single-file checks: the schema, the
 * regulation's rules, identity, seal, modalités…), with the check context built once.
 */
import { checkConvention, type CheckContext } from '../check/check-convention.js';
import type { Convention } from '../convention/convention.js';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { territoires } from '../reference/territoires.js';
import { loadReglementation } from '../reglementation/load-reglementation.js';
import type { LoadedYaml } from '../source/load-yaml-file.js';

const contexts: Partial<Record<Lang, CheckContext>> = {};

export function contexteVerification(lang: Lang): CheckContext {
  return (contexts[lang] ??= {
    lang,
    reglementation: loadReglementation(lang),
    territoires: territoires(),
  });
}

/** Checks a loaded draft file (diagnostics with file:line:column); the convention if valid. */
export async function verifierFichier(
  loaded: LoadedYaml,
  lang: Lang,
): Promise<Convention | undefined> {
  return checkConvention(loaded, contexteVerification(lang), undefined);
}

/** Checks data built in memory (no positions): its diagnostics, and the convention if valid. */
export async function verifierDonnees(
  data: Record<string, unknown>,
  label: string,
  lang: Lang,
): Promise<{ convention?: Convention; diagnostics: Diagnostic[] }> {
  const report = new FileReport(label, lang);
  const convention = await checkConvention({ report, data }, contexteVerification(lang), undefined);
  return { ...(convention ? { convention } : {}), diagnostics: report.diagnostics };
}
