/**
 * The service's diagnostics (`POST /api/conventions/controle`) placed in the editor: each at its
 * line and column, underlined over the word that starts there (the whole line when none does,
 * the first line for a diagnostic of the whole text).
 */
import type { Text } from '@codemirror/state';
import type { Diagnostic as DiagnosticCm } from '@codemirror/lint';

/** A diagnostic as the service answers it (schemas/service/diagnostic.schema.json). */
export interface DiagnosticService {
  code: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
  pointer: string;
  message: string;
}

export function plage(doc: Text, ligne: number, colonne: number): { from: number; to: number } {
  const l = doc.line(ligne >= 1 && ligne <= doc.lines ? ligne : 1);
  const debutTexte = l.from + (/^\s*/.exec(l.text)?.[0].length ?? 0);
  const from = ligne >= 1 && colonne >= 1 ? Math.min(l.from + colonne - 1, l.to) : debutTexte;
  // The word: up to a space, a comment or the end of a flow list, less a separating comma.
  const mot = /^[^\s#\]}]+?(?=,?(?:[\s#\]}]|$))/.exec(doc.sliceString(from, l.to))?.[0].length ?? 0;
  if (mot > 0) return { from, to: from + mot };
  return { from: Math.min(debutTexte, from), to: Math.max(l.to, from) };
}

export function versCodemirror(doc: Text, d: DiagnosticService): DiagnosticCm {
  return {
    ...plage(doc, d.line, d.column),
    severity: d.severity,
    source: d.code,
    message: d.message,
  };
}
