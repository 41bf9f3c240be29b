/**
 * « When a deadline appears »: the échéancier at a date is compared with what each organisation
 * having webhooks was already told (table echeance_annoncee); each new deadline it may see is
 * announced once (`echeance.nouvelle`). The insert decides: of two processes scanning at once,
 * only the one whose insert lands notifies.
 */
import type { Echeance } from '../../echeancier/echeance.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { toutesEcheances } from '../echeancier/echeances.js';
import { voitEcheance } from '../policy-echeance.js';
import { notifier } from './livraisons.js';

/** The organisation seen as one of its members who may only read. */
function commeMembre(o: {
  id: string;
  type: Principal['appartenances'][number]['type'];
  identifiant: string;
}): Principal {
  return {
    compte_id: '',
    email: '',
    admin: false,
    doit_changer: false,
    via: 'jeton',
    appartenances: [
      {
        organisation_id: o.id,
        type: o.type,
        identifiant: o.identifiant,
        permissions: new Set(['lire']),
      },
    ],
  };
}

async function annoncer(ctx: Contexte, organisation: string, e: Echeance): Promise<boolean> {
  const r = await ctx.base.db
    .insertInto('echeance_annoncee')
    .values({
      organisation_id: organisation,
      echeance_id: e.id,
      annoncee_le: ctx.maintenant().toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if ((r.numInsertedOrUpdatedRows ?? 0n) === 0n) return false;
  await notifier(ctx, organisation, { type: 'echeance.nouvelle', donnees: { echeance: e } });
  return true;
}

/** Announces the new deadlines at `date` to the organisations given (that have webhooks). */
export async function annoncerEcheances(
  ctx: Contexte,
  date: string,
  organisations?: readonly string[],
): Promise<{ organisations: number; annoncees: number }> {
  let q = ctx.base.db
    .selectFrom('organisation')
    .select(['id', 'type', 'identifiant'])
    .where('id', 'in', (sq) => sq.selectFrom('webhook').select('organisation_id'));
  if (organisations) q = q.where('id', 'in', organisations.length ? [...organisations] : ['']);
  const orgs = await q.execute();
  if (!orgs.length) return { organisations: 0, annoncees: 0 };
  const echeances = await toutesEcheances(ctx, date);
  let annoncees = 0;
  for (const o of orgs) {
    const p = commeMembre(o);
    for (const e of echeances)
      if (voitEcheance(p, e) && (await annoncer(ctx, o.id, e))) annoncees++;
  }
  return { organisations: orgs.length, annoncees };
}
