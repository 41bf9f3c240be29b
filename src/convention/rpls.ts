import type { Convention, LogementReserve } from './convention.js';

/** A real RPLS id: 10 characters (arrêté du 5 janvier 2010: « sur 10 positions »). */
export const estRpls = (id: string | undefined): id is string =>
  id !== undefined && /^[0-9A-Za-z]{10}$/.test(id);

/** The RPLS id of a flat of the état des lieux: format 2 only (format 1's `rpls` is the parc id). */
export function rplsDe(c: Pick<Convention, 'format'>, l: LogementReserve): string | undefined {
  return c.format === 2 ? l.rpls : undefined;
}
