/** What a member may do within its organisation. */
export type Permission = 'lire' | 'saisir' | 'rediger' | 'signer' | 'administrer';

export const PERMISSIONS: readonly Permission[] = [
  'lire',
  'saisir',
  'rediger',
  'signer',
  'administrer',
];

export function parsePermissions(text: string): Set<Permission> {
  const set = new Set<Permission>();
  for (const p of text.split(','))
    if ((PERMISSIONS as readonly string[]).includes(p)) set.add(p as Permission);
  return set;
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}
