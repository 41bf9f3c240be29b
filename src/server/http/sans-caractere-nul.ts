/**
 * Refuses a request holding the NUL character (U+0000) in its address (`%00`) or in a text of its
 * parsed body (`\u0000` in JSON, `%00` in a form): no field of the service takes it, and
 * PostgreSQL cannot store it in a text (SQLite would), so it is refused before any work, the same
 * way on both databases (400 SERVICE_CARACTERE_NUL), not left to fail as a 500 at the database.
 * Binary bodies (a signed PDF, a zip of rules) are Buffers and are not looked at.
 */
import type { NextFunction, Request, Response } from 'express';
import { ErreurHttp } from './erreur-http.js';

const NUL_ENCODE = /%00/i;

/** Whether a parsed body holds a string with a NUL, walked without recursion (any depth). */
export function contientNul(corps: unknown): boolean {
  const pile: unknown[] = [corps];
  while (pile.length) {
    const v = pile.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) pile.push(...(v as unknown[]));
    else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v))
      for (const [cle, x] of Object.entries(v)) pile.push(cle, x);
  }
  return false;
}

export function sansCaractereNul(req: Request, _res: Response, next: NextFunction): void {
  if (NUL_ENCODE.test(req.originalUrl) || contientNul(req.body))
    next(new ErreurHttp(400, 'SERVICE_CARACTERE_NUL', {}));
  else next();
}
