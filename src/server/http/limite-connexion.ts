/**
 * Rate limiting of sign-in (express-rate-limit), its counters in the database so that every
 * server process behind the load balancer counts the same attempts: 10 per address and IP per
 * 15 minutes.
 */
import {
  ipKeyGenerator,
  rateLimit,
  type IncrementResponse,
  type Options,
  type Store,
} from 'express-rate-limit';
import { sql } from 'kysely';
import type { Request, RequestHandler } from 'express';
import type { Contexte } from '../contexte.js';
import { ErreurHttp } from './erreur-http.js';

export const FENETRE_MS = 15 * 60 * 1000;
export const TENTATIVES = 10;

class StoreBase implements Store {
  private fenetre = FENETRE_MS;
  readonly localKeys = false;
  constructor(private readonly ctx: Contexte) {}

  init(options: Options): void {
    this.fenetre = options.windowMs;
  }

  async increment(cle: string): Promise<IncrementResponse> {
    const maintenant = this.ctx.maintenant();
    const now = maintenant.toISOString();
    const reset = new Date(maintenant.getTime() + this.fenetre).toISOString();
    const row = await this.ctx.base.db
      .insertInto('limite')
      .values({ cle, compte: 1, reinitialise_le: reset })
      .onConflict((oc) =>
        oc.column('cle').doUpdateSet({
          compte: sql<number>`case when limite.reinitialise_le <= ${now} then 1 else limite.compte + 1 end`,
          reinitialise_le: sql<string>`case when limite.reinitialise_le <= ${now} then ${reset} else limite.reinitialise_le end`,
        }),
      )
      .returning(['compte', 'reinitialise_le'])
      .executeTakeFirstOrThrow();
    return { totalHits: row.compte, resetTime: new Date(row.reinitialise_le) };
  }

  async decrement(cle: string): Promise<void> {
    await this.ctx.base.db
      .updateTable('limite')
      .set({ compte: sql<number>`compte - 1` })
      .where('cle', '=', cle)
      .execute();
  }

  async resetKey(cle: string): Promise<void> {
    await this.ctx.base.db.deleteFrom('limite').where('cle', '=', cle).execute();
  }
}

function cle(req: Request): string {
  const body: unknown = req.body;
  const email =
    typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string'
      ? body.email.toLowerCase()
      : '';
  return `connexion:${ipKeyGenerator(req.ip ?? '')}:${email}`;
}

export function limiteConnexion(ctx: Contexte): RequestHandler {
  return rateLimit({
    windowMs: FENETRE_MS,
    limit: TENTATIVES,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new StoreBase(ctx),
    keyGenerator: cle,
    skipSuccessfulRequests: true,
    handler: (_req, _res, next) => {
      next(new ErreurHttp(429, 'SERVICE_TROP_DE_TENTATIVES', { minutes: FENETRE_MS / 60000 }));
    },
  });
}
