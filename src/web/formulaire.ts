/**
 * Forms post to the pages, which call the API: its diagnostics come back and are shown beside the
 * field their JSON pointer names (`/mot_de_passe` → field `mot_de_passe`), the others above the
 * form. Nothing is lost: the values typed are sent back into the form.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface ErreursFormulaire {
  /** Field name → messages. */
  champs: Record<string, string[]>;
  /** Messages about no single field. */
  generales: string[];
  /** Every message, in order, with the field it targets (for the summary at the top). */
  toutes: { champ?: string; message: string }[];
}

/** The form's field a diagnostic targets: its pointer's first segment (or `params.champ`). */
function champDe(d: Diagnostic): string | undefined {
  const seg = d.pointer.split('/')[1];
  if (seg) return seg.replace(/~1/g, '/').replace(/~0/g, '~');
  const champ = d.params['champ'] ?? d.params['missingProperty'];
  return typeof champ === 'string' ? champ : undefined;
}

export function erreursFormulaire(diagnostics: readonly Diagnostic[]): ErreursFormulaire {
  const e: ErreursFormulaire = { champs: {}, generales: [], toutes: [] };
  for (const d of diagnostics) {
    const champ = champDe(d);
    if (champ) (e.champs[champ] ??= []).push(d.message);
    else e.generales.push(d.message);
    e.toutes.push({ ...(champ ? { champ } : {}), message: d.message });
  }
  return e;
}

/** The diagnostics of an API error body (`{ diagnostics: [...] }`), else none. */
export function diagnosticsDe(body: unknown): Diagnostic[] {
  if (typeof body === 'object' && body !== null && 'diagnostics' in body) {
    const d = body.diagnostics;
    if (Array.isArray(d)) return d as Diagnostic[];
  }
  return [];
}
