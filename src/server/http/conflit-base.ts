/**
 * A uniqueness constraint refused a write: two requests raced to record the same thing (each
 * checked first, both found nothing). The client is told of a conflict (409), not of a bug.
 */
const CODES = new Set([
  '23505', // PostgreSQL unique_violation
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
]);

export function estConflitUnicite(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    'code' in err &&
    typeof err.code === 'string' &&
    CODES.has(err.code)
  );
}
