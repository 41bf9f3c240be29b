/**
 * Diagnostics of signing and verifying, rendered from the catalogue (catalogue-signature.ts):
 * the errors carry a code and parameters, the message is written in the user's language.
 */
import { catalogue } from '../diagnostics/catalogue.js';
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { renderTemplate } from '../diagnostics/render-message.js';

/** A signing problem in the input (certificate, PDF, field): data, not text. */
export class SignatureProblem extends Error {
  constructor(
    readonly code: string,
    readonly params: DiagnosticParams,
  ) {
    super(code);
    this.name = 'SignatureProblem';
  }
}

/** Reasons given as a `cause` parameter, written in the user's language. */
const CAUSES: Record<string, { fr: string; en: string }> = {
  fin: { fr: 'des données suivent sa marque de fin %%EOF', en: 'data follow its %%EOF end marker' },
  'xref-stream': {
    fr: 'ses références croisées sont un flux (xref stream), que convflux ne complète pas',
    en: 'its cross-references are a stream (xref stream), which convflux does not extend',
  },
  chiffre: { fr: 'il est chiffré', en: 'it is encrypted' },
};

export function signatureDiagnostic(
  code: string,
  params: DiagnosticParams,
  file: string,
  lang: Lang,
  pointer = '',
): Diagnostic {
  const entry = catalogue[code];
  const cause = typeof params['cause'] === 'string' ? CAUSES[params['cause']] : undefined;
  if (cause) params = { ...params, raison: cause[lang] };
  return {
    code,
    severity: entry?.severity ?? 'error',
    file,
    line: 0,
    column: 0,
    pointer,
    message: entry ? renderTemplate(entry[lang], params, lang) : code,
    params,
  };
}
