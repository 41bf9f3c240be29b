/**
 * What the server's output says of an unexpected error: its class, its code and where it was
 * thrown, never its message or its fields. A database's message or detail may hold the values of
 * the request (PostgreSQL: « Key (email)=(…) already exists »), and no personal data goes to logs.
 */
export function journalErreur(err: unknown): string {
  if (!(err instanceof Error)) return `erreur interne (${typeof err})`;
  const code = 'code' in err && typeof err.code === 'string' ? ` ${err.code}` : '';
  const pile = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
  return `erreur interne : ${err.name}${code}\n${pile}`;
}
