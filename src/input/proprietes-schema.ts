/**
 * What the hand-written row checks (cellules-evenement.ts, cellules-logement.ts) read from a
 * JSON schema's properties: allowed values, patterns, bounds, lengths — the schema's own, so that
 * the fast check and ajv cannot drift apart.
 */
import { schemaJson } from '../schema/load-schemas.js';

export interface ProprieteSchema {
  pattern?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: { enum?: string[] };
}

/** The properties of a schema of `schemas/`, with the accessors the row checks use. */
export function proprietesSchema(nom: string) {
  const schema = schemaJson(nom) as {
    properties: Record<string, ProprieteSchema | undefined>;
  };
  const proprietes = schema.properties;
  return {
    schema,
    proprietes,
    /** The field's enum, as a set (empty when it has none). */
    valeurs: (champ: string): ReadonlySet<string> => new Set(proprietes[champ]?.enum ?? []),
    /** The field's pattern, compiled as ajv compiles it (the u flag); `^$` when it has none. */
    forme: (champ: string): RegExp => new RegExp(proprietes[champ]?.pattern ?? '^$', 'u'),
    /** The field's maxLength (0 when it has none). */
    longueur: (champ: string): number => proprietes[champ]?.maxLength ?? 0,
  };
}
