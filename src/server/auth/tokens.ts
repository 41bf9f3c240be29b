import { createHash } from 'node:crypto';

/** Sessions and API tokens are stored as their SHA-256: a copy of the database opens nothing. */
export const empreinteJeton = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
