/**
 * The one type for every user-facing error, warning or note.
 * Structured data first (code, params, location); the message is rendered from them.
 */
export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'fr' | 'en';

export interface LegalReference {
  /** e.g. "CCH art. R. 441-5-2 I" */
  article: string;
  /** The article's wording (nature `citation`) or a summary of it (nature `resume`). */
  texte?: string;
  /** Required with `texte`: a quotation is printed as « texte cité », a summary as « résumé ». */
  nature?: 'citation' | 'resume';
  /** Where the wording was read (address, or repository + path + commit); required for a citation. */
  source?: string;
  /** When the source was read (AAAA-MM-JJ); required for a citation. */
  consulte_le?: string;
  url?: string;
}

export type ParamValue = string | number | boolean | null;
export type DiagnosticParams = Record<string, ParamValue>;

export interface Diagnostic {
  /** Stable machine code, e.g. ETAT_PART_MAX, SCHEMA_CLE_INCONNUE. */
  code: string;
  severity: Severity;
  /** Path as the user gave it (relative to the working directory when possible). */
  file: string;
  /** 1-based; 0 when the diagnostic is about the whole file. */
  line: number;
  column: number;
  /** RFC 6901 JSON pointer into the document ("" = the whole document). */
  pointer: string;
  /** Rendered in the requested language. */
  message: string;
  params: DiagnosticParams;
  /** Legal (or documented local-practice) basis when a rule is broken. */
  reference?: LegalReference;
  /** Id of the rule under rules/reglementation/ that produced it, if any. */
  rule?: string;
  /** The source line the diagnostic points at (never contains personal data: conventions only). */
  excerpt?: string;
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0)
  );
}
