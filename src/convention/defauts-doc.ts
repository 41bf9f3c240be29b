/**
 * The README's list of required keys and defaults, written from the JSON schema and the registry
 * (test/defauts.test.ts keeps the README equal to it: `UPDATE_GOLDEN=1` rewrites the block).
 */
import { DEFAUTS, type CasDefaut, type ValeurDefaut } from './defauts.js';

interface SchemaNode {
  type?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  allOf?: { if?: { properties?: Record<string, { enum?: string[] }> }; then?: SchemaNode }[];
}

/** Required keys, as JSON pointers, with the condition under which they are required. */
export function clesRequises(schema: SchemaNode, base = ''): { cle: string; si?: string }[] {
  const out: { cle: string; si?: string }[] = [];
  for (const nom of schema.required ?? []) {
    const cle = `${base}/${nom}`;
    out.push({ cle });
    const enfant = schema.properties?.[nom];
    if (enfant) out.push(...clesRequises(enfant, cle));
  }
  for (const regle of schema.allOf ?? []) {
    const conditions = Object.entries(regle.if?.properties ?? {}).map(
      ([k, v]) => `\`${k}\` is ${(v.enum ?? []).join(', ')}`,
    );
    for (const nom of regle.then?.required ?? [])
      out.push({ cle: `${base}/${nom}`, si: conditions.join(' and ') });
  }
  return out;
}

function valeurTexte(v: ValeurDefaut): string {
  if ('valeur' in v)
    return Array.isArray(v.valeur)
      ? v.valeur.map((x) => `\`${JSON.stringify(x).replace(/"/g, '')}\``).join(', ')
      : typeof v.valeur === 'object'
        ? `\`{ ${Object.entries(v.valeur)
            .map(([k, x]) => `${k}: ${JSON.stringify(x)}`)
            .join(', ')} }\``
        : `\`${JSON.stringify(v.valeur).replace(/"/g, '')}\``;
  if ('cle' in v) return `the value of \`${v.cle}\``;
  if ('parametre' in v) return `the regulation parameter \`${v.parametre}\` in force`;
  return 'none';
}

function pour(cas: CasDefaut, i: number): string {
  if (cas.types) return cas.types.join(', ');
  return i === 0 ? 'all' : 'others';
}

function fondementTexte(cas: CasDefaut): string {
  return cas.fondement.nature === 'loi' ? `law: ${cas.fondement.article}` : 'convflux’s choice';
}

/** The markdown block of the README (required keys, then one row per default and case). */
export function documentationDefauts(schema: SchemaNode): string {
  const lignes = ['Required keys (`convflux check` reports any missing one):', ''];
  for (const { cle, si } of clesRequises(schema))
    lignes.push(`- \`${cle}\`${si ? ` (when ${si})` : ''}`);
  lignes.push(
    '',
    'Defaults — what an omitted key means, in the figures of `evaluate` and in the printed text',
    '(registry: `src/convention/defauts.ts`):',
    '',
    '| key | réservataire | default | basis | meaning |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const d of DEFAUTS)
    d.cas.forEach((cas, i) => {
      lignes.push(
        `| \`${d.cle}\` | ${pour(cas, i)} | ${valeurTexte(cas.defaut)} | ${fondementTexte(cas)} | ${cas.explication.fr} |`,
      );
    });
  return lignes.join('\n');
}
