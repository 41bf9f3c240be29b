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
 * The seal of a convention version: SHA-256 of its content (every key but `empreinte`) as
 * canonical JSON. Reformatting or commenting the YAML keeps it; changing any value breaks it.
 */
export function contentHash(data: Record<string, unknown>): string {
  const content = { ...data };
  delete content['empreinte'];
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}
