import { countDiagnostics } from './cap-diagnostics.js';
import type { Diagnostic, Lang, Severity } from './diagnostic.js';
import { lawTextLines } from './format-law-text.js';

const words: Record<Lang, Record<Severity, string>> = {
  fr: { error: 'erreur', warning: 'avertissement', info: 'info' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

export interface TextOptions {
  lang: Lang;
  color: boolean;
  /** Show the source excerpt and the pointer under each diagnostic. */
  details: boolean;
  /** The law texts already printed by this command (each is quoted once); absent: every time. */
  lawShown?: Set<string>;
}

const paint = (on: boolean, code: string, text: string): string =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;
const colors: Record<Severity, string> = { error: '31;1', warning: '33;1', info: '36' };

/** `file:line:col  erreur CODE  message (CCH art. …)`, then the excerpt with a caret. */
export function formatDiagnostic(d: Diagnostic, o: TextOptions): string {
  const where =
    d.line > 0
      ? d.column > 0
        ? `${d.file}:${d.line}:${d.column}`
        : `${d.file}:${d.line}`
      : d.file;
  const reference = d.reference ? ` (${d.reference.article})` : '';
  const head = `${where}  ${paint(o.color, colors[d.severity], words[o.lang][d.severity])} ${paint(o.color, '1', d.code)}  ${d.message}${reference}`;
  if (!o.details) return head;
  const lines = [head];
  if (d.excerpt !== undefined && d.line > 0) {
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    const excerpt = d.excerpt.length > 160 ? `${d.excerpt.slice(0, 160)}…` : d.excerpt;
    lines.push(`  ${gutter} | ${excerpt}`);
    lines.push(
      `  ${pad} | ${' '.repeat(Math.max(0, Math.min(d.column - 1, 160)))}${paint(o.color, colors[d.severity], '^')}`,
    );
  }
  if (d.pointer)
    lines.push(
      `  ${o.lang === 'fr' ? 'pointeur' : 'pointer'} : ${d.pointer}`.replace(
        ' :',
        o.lang === 'fr' ? ' :' : ':',
      ),
    );
  lines.push(...lawTextLines(d.reference, o.lang, o.lawShown));
  return lines.join('\n');
}

export function summary(diagnostics: readonly Diagnostic[], files: number, lang: Lang): string {
  // Diagnostics left out of a capped file still count (their summary line carries the numbers).
  const { errors, warnings } = countDiagnostics(diagnostics);
  // French makes 0 singular (« 0 avertissement »), English plural (“0 warnings”).
  const plural = (n: number, one: string, many: string): string =>
    `${n} ${(lang === 'fr' ? n > 1 : n !== 1) ? many : one}`;
  return lang === 'fr'
    ? `${plural(errors, 'erreur', 'erreurs')}, ${plural(warnings, 'avertissement', 'avertissements')} dans ${plural(files, 'fichier', 'fichiers')}.`
    : `${plural(errors, 'error', 'errors')}, ${plural(warnings, 'warning', 'warnings')} in ${plural(files, 'file', 'files')}.`;
}
