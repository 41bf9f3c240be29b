/** Completion of a convention's keys and values from its JSON schema (CodeMirror source). */
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { contexteYaml } from './contexte-yaml.js';
import {
  clesPossibles,
  valeursPossibles,
  type NoeudSchema,
  type Suggestion,
} from './suggestions-schema.js';

function options(suggestions: Suggestion[]) {
  return suggestions.map((s) => ({
    label: s.libelle,
    type: s.type === 'cle' ? 'property' : 'enum',
    ...(s.type === 'cle' ? { apply: `${s.libelle}: ` } : {}),
    ...(s.detail ? { detail: s.obligatoire ? `${s.detail} *` : s.detail } : {}),
    ...(s.info ? { info: s.info } : {}),
    boost: s.obligatoire ? 1 : 0,
  }));
}

export function completionSchema(racine: NoeudSchema) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const ligne = ctx.state.doc.lineAt(ctx.pos);
    const avant = ctx.state.doc.sliceString(0, ctx.pos);
    const c = contexteYaml(avant);
    if (!c) return null;
    if (!c.prefixe && !ctx.explicit && c.mode === 'cle') return null;
    let s = c.mode === 'cle' ? clesPossibles(racine, c.chemin) : [];
    if (!s.length) s = valeursPossibles(racine, c.chemin);
    if (!s.length) return null;
    return {
      from: Math.max(ligne.from, ctx.pos - c.prefixe.length),
      options: options(s),
      validFor: /^[\w-]*$/,
    };
  };
}
