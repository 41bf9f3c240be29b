import type { DiagnosticParams, Lang, ParamValue } from './diagnostic.js';

/** Formats a parameter for a human: shares as percentages, lists as-is. */
export function formatParam(value: ParamValue | undefined, lang: Lang): string {
  if (value === undefined || value === null) return lang === 'fr' ? '(absent)' : '(missing)';
  if (typeof value === 'boolean') return lang === 'fr' ? (value ? 'oui' : 'non') : String(value);
  if (typeof value === 'number' && lang === 'fr') return String(value).replace('.', ',');
  return String(value);
}

/** Formats a share (0.3) as a percentage ("30 %" in French, "30%" in English). */
export function formatShare(value: number, lang: Lang): string {
  const pct = Math.round(value * 10000) / 100;
  const text = lang === 'fr' ? String(pct).replace('.', ',') : String(pct);
  return lang === 'fr' ? `${text}\u202f%` : `${text}%`;
}

/**
 * Replaces `{name}` by the parameter and `{name%}` by the parameter shown as a percentage.
 * Unknown placeholders are left visible rather than silently dropped.
 */
export function renderTemplate(template: string, params: DiagnosticParams, lang: Lang): string {
  return template.replace(
    /\{([a-zA-Z_][a-zA-Z0-9_]*)(%?)\}/g,
    (whole, name: string, pct: string) => {
      if (!(name in params)) return whole;
      const value = params[name];
      if (pct === '%' && typeof value === 'number') return formatShare(value, lang);
      return formatParam(value, lang);
    },
  );
}
