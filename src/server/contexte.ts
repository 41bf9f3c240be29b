import type { Base } from './db/open-database.js';

/** What every route receives: the database, and the clock of the service (plumbing only). */
export interface Contexte {
  base: Base;
  /** Time of the service's own records (sessions, audit, `enregistre_le`); never used by rules. */
  maintenant(): Date;
  /** Cookies marked `Secure` (behind HTTPS). */
  cookiesSecurises: boolean;
}
