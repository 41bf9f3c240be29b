import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so that the hash ignores key order, comments and layout. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Keys recorded beside the sealed text, outside its fingerprint. Format 1: the seal itself only
 * (so every format-1 seal stays valid). Format 2: also who signed when (`signatures`) and the
 * statut, so that recording the signatures and moving from `arretee` to `signee` keep the seal.
 */
export function unsealedKeys(data: Record<string, unknown>): readonly string[] {
  return data['format'] === 2 ? ['empreinte', 'signatures', 'statut'] : ['empreinte'];
}

/**
 * The seal of a convention version: SHA-256 of its content (every key but those of
 * `unsealedKeys`) as canonical JSON. Reformatting or commenting the YAML keeps it; changing any
 * sealed value breaks it.
 */
export function contentHash(data: Record<string, unknown>): string {
  const unsealed = new Set(unsealedKeys(data));
  const content = Object.fromEntries(Object.entries(data).filter(([k]) => !unsealed.has(k)));
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}
