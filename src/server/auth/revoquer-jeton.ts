/**
 * Revokes one of the caller's own tokens (API or calendar): 204, or 404 when the id is not one of
 * its live tokens (another account's token is not said to exist). Audited.
 */
import type { Request, Response } from 'express';
import { auditer } from '../audit.js';
import type { Contexte } from '../contexte.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp } from '../http/erreur-http.js';

export async function revoquerJeton(
  ctx: Contexte,
  table: 'jeton' | 'jeton_calendrier',
  req: Request,
  res: Response,
): Promise<void> {
  const p = principal(res);
  const id = String(req.params['id']);
  const n = await ctx.base.db
    .updateTable(table)
    .set({ revoque_le: ctx.maintenant().toISOString() })
    .where('id', '=', id)
    .where('compte_id', '=', p.compte_id)
    .where('revoque_le', 'is', null)
    .executeTakeFirst();
  if (n.numUpdatedRows === 0n)
    throw new ErreurHttp(404, 'SERVICE_INTROUVABLE', { chemin: req.baseUrl + req.path });
  await auditer(ctx.base.db, ctx.maintenant(), {
    qui: p.compte_id,
    action: `${table}.revoque`,
    objet: `${table}:${id}`,
  });
  res.status(204).end();
}
