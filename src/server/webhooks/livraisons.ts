/**
 * Webhook deliveries. `notifier` queues one POST per webhook of the organisation in the database
 * (the request that caused it only waits for that insert), then any server process delivers it:
 * a JSON body signed with HMAC-SHA256 of the webhook's secret (header `X-Convflux-Signature:
 * sha256=<hex>`), retried with exponential backoff until a 2xx, abandoned after MAX_TENTATIVES.
 * A delivery is claimed by moving its next attempt forward (a lease): two processes never send it
 * at the same moment.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Contexte } from '../contexte.js';

export const MAX_TENTATIVES = 6;
/** How long a claimed delivery is left to its process before another may retry it. */
const BAIL_MS = 60_000;
const DELAI_REPONSE_MS = 10_000;

export interface Reglages {
  /** First retry after this many ms, then doubled each time. */
  backoffMs: number;
  /** Due deliveries are looked for this often (those of a crashed process, retries). */
  balayageMs: number;
  /** New deadlines are announced this often, at the service's day (0: only on request). */
  echeancesMs: number;
}

export function reglages(env: NodeJS.ProcessEnv = process.env): Reglages {
  const n = (v: string | undefined, d: number) => (v && Number(v) > 0 ? Number(v) : d);
  return {
    backoffMs: n(env['CONVFLUX_WEBHOOK_BACKOFF_MS'], 30_000),
    balayageMs: n(env['CONVFLUX_WEBHOOK_BALAYAGE_MS'], 15_000),
    echeancesMs:
      env['CONVFLUX_ECHEANCES_BALAYAGE_MS'] === '0'
        ? 0
        : n(env['CONVFLUX_ECHEANCES_BALAYAGE_MS'], 3_600_000),
  };
}

export const signature = (secret: string, corps: string): string =>
  `sha256=${createHmac('sha256', secret).update(corps).digest('hex')}`;

/** What a notification carries: a type and data without personal data. */
export interface Notification {
  type: string;
  donnees: Record<string, unknown>;
}

/** One notification for one organisation's webhooks. */
export interface Destinee {
  organisation: string;
  evenement: Notification;
}

/** Rows of one INSERT of deliveries at most (9 bound values each). */
const LIGNES_INSERT = 500;

/**
 * Queues each notification for every webhook of its organisation — the webhooks of all of them
 * read by one query, the deliveries written by one INSERT — and starts delivering. The number
 * of deliveries queued.
 */
export async function notifierTous(ctx: Contexte, destinees: readonly Destinee[]): Promise<number> {
  if (!destinees.length) return 0;
  const db = ctx.base.db;
  const organisations = [...new Set(destinees.map((d) => d.organisation))];
  const hooks = await db
    .selectFrom('webhook')
    .select(['id', 'organisation_id'])
    .where('organisation_id', 'in', organisations)
    .execute();
  if (!hooks.length) return 0;
  const quand = ctx.maintenant().toISOString();
  const rows = destinees.flatMap(({ organisation, evenement }) =>
    hooks
      .filter((h) => h.organisation_id === organisation)
      .map((h) => {
        const id = randomUUID();
        const corps = JSON.stringify({
          id,
          type: evenement.type,
          organisation,
          cree_le: quand,
          donnees: evenement.donnees,
        });
        return {
          id,
          webhook_id: h.id,
          type: evenement.type,
          corps,
          statut: 'a_livrer' as const,
          tentatives: 0,
          prochaine_le: quand,
          derniere_reponse: null,
          cree_le: quand,
        };
      }),
  );
  for (let i = 0; i < rows.length; i += LIGNES_INSERT)
    await db
      .insertInto('webhook_livraison')
      .values(rows.slice(i, i + LIGNES_INSERT))
      .execute();
  if (rows.length)
    setImmediate(() => {
      void livrerDues(ctx, reglages());
    });
  return rows.length;
}

/** Queues the notification for every webhook of the organisation, and starts delivering. */
export const notifier = (
  ctx: Contexte,
  organisation: string,
  evenement: Notification,
): Promise<number> => notifierTous(ctx, [{ organisation, evenement }]);

async function reclamer(ctx: Contexte, id: string, prevue: string): Promise<boolean> {
  const bail = new Date(ctx.maintenant().getTime() + BAIL_MS).toISOString();
  const r = await ctx.base.db
    .updateTable('webhook_livraison')
    .set({ prochaine_le: bail })
    .where('id', '=', id)
    .where('statut', '=', 'a_livrer')
    .where('prochaine_le', '=', prevue)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Why a delivery failed, for the administrator: the system's code of the connection's error
 * (ECONNREFUSED, ENOTFOUND, ECONNRESET…) that fetch wraps in a TypeError, or the error's class
 * (TimeoutError); never its message, which may hold the address.
 */
function raisonEchec(e: unknown): string {
  if (!(e instanceof Error)) return 'erreur';
  const cause: unknown = e.cause;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : e.name;
}

async function envoyer(url: string, secret: string, id: string, type: string, corps: string) {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'convflux-webhook',
        'x-convflux-evenement': type,
        'x-convflux-livraison': id,
        'x-convflux-signature': signature(secret, corps),
      },
      body: corps,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELAI_REPONSE_MS),
    });
    await res.body?.cancel();
    return { ok: res.status >= 200 && res.status < 300, reponse: String(res.status) };
  } catch (e) {
    return { ok: false, reponse: raisonEchec(e) };
  }
}

/** Tries one claimed delivery; on failure schedules the next attempt (or abandons). */
async function livrer(
  ctx: Contexte,
  r: Reglages,
  l: { id: string; webhook_id: string; type: string; corps: string; tentatives: number },
): Promise<void> {
  const db = ctx.base.db;
  const hook = await db
    .selectFrom('webhook')
    .select(['url', 'secret'])
    .where('id', '=', l.webhook_id)
    .executeTakeFirst();
  if (!hook) {
    await db
      .updateTable('webhook_livraison')
      .set({ statut: 'abandonne', derniere_reponse: 'webhook supprimé' })
      .where('id', '=', l.id)
      .execute();
    return;
  }
  const { ok, reponse } = await envoyer(hook.url, hook.secret, l.id, l.type, l.corps);
  const tentatives = l.tentatives + 1;
  const attente = r.backoffMs * 2 ** (tentatives - 1);
  await db
    .updateTable('webhook_livraison')
    .set({
      tentatives,
      derniere_reponse: reponse,
      statut: ok ? 'livre' : tentatives >= MAX_TENTATIVES ? 'abandonne' : 'a_livrer',
      prochaine_le: new Date(ctx.maintenant().getTime() + attente).toISOString(),
    })
    .where('id', '=', l.id)
    .execute();
  if (!ok && tentatives < MAX_TENTATIVES)
    setTimeout(() => {
      void livrerDues(ctx, r);
    }, attente + 20).unref();
}

/** Delivers every due delivery this process can claim. */
export async function livrerDues(ctx: Contexte, r: Reglages): Promise<void> {
  try {
    const dues = await ctx.base.db
      .selectFrom('webhook_livraison')
      .select(['id', 'webhook_id', 'type', 'corps', 'tentatives', 'prochaine_le'])
      .where('statut', '=', 'a_livrer')
      .where('prochaine_le', '<=', ctx.maintenant().toISOString())
      .orderBy('prochaine_le')
      .limit(50)
      .execute();
    await Promise.all(
      dues.map(async (l) => {
        if (await reclamer(ctx, l.id, l.prochaine_le)) await livrer(ctx, r, l);
      }),
    );
  } catch (e) {
    // The database went away (shutdown, network): the next sweep retries what is left.
    console.error(`webhooks : ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Sweeps due deliveries now and then (retries, and those a stopped process left), and announces
 * new deadlines every `echeancesMs` (the announcement table makes each one go out once, whichever
 * process finds it first).
 */
export function demarrerLivreur(
  ctx: Contexte,
  annoncer: () => Promise<unknown>,
  r: Reglages = reglages(),
): { arreter(): void } {
  const t = setInterval(() => {
    void livrerDues(ctx, r);
  }, r.balayageMs);
  t.unref();
  const a = r.echeancesMs
    ? setInterval(() => {
        annoncer().catch((e: unknown) => {
          console.error(`échéances : ${e instanceof Error ? e.message : String(e)}`);
        });
      }, r.echeancesMs)
    : undefined;
  a?.unref();
  return {
    arreter: () => {
      clearInterval(t);
      if (a) clearInterval(a);
    },
  };
}
