/**
 * Webhooks of an organisation (its `administrer` members): the service POSTs signed JSON to the
 * URL when a deadline appears (`echeance.nouvelle`) or an event is recorded
 * (`evenement.enregistre`, sent by the recording route through `notifier`). The secret is shown
 * once, at creation.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { auditer } from '../audit.js';
import { aleatoire } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { aujourdhui } from '../echeancier/echeances.js';
import { refusBibliotheque } from '../flux/parametres-figures.js';
import { exiger, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp } from '../http/erreur-http.js';
import { parametre, parametreDate } from '../http/parametres.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import type { Ressource } from '../policy.js';
import { peut } from '../policy.js';
import { annoncerEcheances } from '../webhooks/annonces.js';
import { notifier } from '../webhooks/livraisons.js';

/** `bailleur:552046484` → the policy's resource (undefined for a malformed id). */
function ressource(organisation: string): Ressource | undefined {
  const [type, id] = organisation.split(':', 2);
  if (!id) return undefined;
  if (type === 'bailleur') return { type: 'bailleur', siren: id };
  if (type === 'epci') return { type: 'epci', siren: id };
  if (type === 'reservataire') return { type: 'reservataire', id };
  return undefined;
}

/** The organisations whose webhooks the principal administers (undefined: all, an admin). */
function administrees(p: Principal): string[] | undefined {
  if (p.admin) return undefined;
  const orgs = p.appartenances
    .filter((a) => {
      const r = ressource(a.organisation_id);
      return r !== undefined && peut(p, 'administrer', r);
    })
    .map((a) => a.organisation_id);
  if (!orgs.length)
    throw new ErreurHttp(403, 'SERVICE_INTERDIT', {
      permission: 'administrer',
      organisation: p.appartenances[0]?.organisation_id ?? '',
    });
  return orgs;
}

export function routesWebhooks(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  /** The webhook, if the principal administers its organisation (else 404 or 403). */
  async function webhook(req: Request, p: Principal) {
    const w = await db
      .selectFrom('webhook')
      .select(['id', 'organisation_id', 'url', 'cree_le'])
      .where('id', '=', String(req.params['id']))
      .executeTakeFirst();
    const res = w ? ressource(w.organisation_id) : undefined;
    if (!w || !res) throw introuvable(req);
    exiger(req, p, 'administrer', res);
    return w;
  }

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/webhooks',
      groupe: 'webhooks',
      resume:
        'Crée un webhook de l’organisation ; le secret de signature est montré une seule fois.',
      acces: 'administrer',
      portee: 'organisation du webhook',
      corps: 'webhook',
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const b = valider(req, 'webhook');
      const cible = ressource(b.organisation);
      if (!cible) throw introuvable(req);
      exiger(req, p, 'administrer', cible);
      const existe = await db
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', b.organisation)
        .executeTakeFirst();
      if (!existe) throw introuvable(req);
      const id = randomUUID();
      const secret = aleatoire(32);
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('webhook')
          .values({
            id,
            organisation_id: b.organisation,
            url: b.url,
            secret,
            cree_le: ctx.maintenant().toISOString(),
            cree_par: p.compte_id,
          })
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'webhook.cree',
          objet: `webhook:${id}`,
          details: { organisation: b.organisation },
        });
      });
      res.status(201).json({ id, organisation: b.organisation, url: b.url, secret });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/webhooks',
      groupe: 'webhooks',
      resume: 'Les webhooks des organisations que le compte administre (sans leur secret).',
      acces: 'administrer',
      portee: 'organisation du webhook',
    },
    async (_req: Request, res: Response) => {
      const p = principal(res);
      const orgs = administrees(p);
      let q = db
        .selectFrom('webhook')
        .select(['id', 'organisation_id as organisation', 'url', 'cree_le'])
        .orderBy('cree_le');
      if (orgs) q = q.where('organisation_id', 'in', orgs.length ? orgs : ['']);
      res.json({ webhooks: await q.execute() });
    },
  );

  declarer(
    r,
    {
      methode: 'delete',
      chemin: '/webhooks/:id',
      groupe: 'webhooks',
      resume: 'Supprime un webhook (les livraisons en attente sont abandonnées).',
      acces: 'administrer',
      portee: 'organisation du webhook',
      statut: 204,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const w = await webhook(req, p);
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('webhook').where('id', '=', w.id).execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'webhook.supprime',
          objet: `webhook:${w.id}`,
        });
      });
      res.status(204).end();
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/webhooks/:id/livraisons',
      groupe: 'webhooks',
      resume: 'Les dernières livraisons d’un webhook : statut, tentatives, dernière réponse.',
      acces: 'administrer',
      portee: 'organisation du webhook',
    },
    async (req: Request, res: Response) => {
      const w = await webhook(req, principal(res));
      const livraisons = await db
        .selectFrom('webhook_livraison')
        .select(['id', 'type', 'statut', 'tentatives', 'derniere_reponse', 'cree_le'])
        .where('webhook_id', '=', w.id)
        .orderBy('cree_le', 'desc')
        .limit(100)
        .execute();
      res.json({ livraisons });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/webhooks/:id/test',
      groupe: 'webhooks',
      resume: 'Envoie une notification de test à toutes les adresses de l’organisation du webhook.',
      acces: 'administrer',
      portee: 'organisation du webhook',
      statut: 202,
    },
    async (req: Request, res: Response) => {
      const w = await webhook(req, principal(res));
      const n = await notifier(ctx, w.organisation_id, {
        type: 'test',
        donnees: { webhook: w.id },
      });
      res.status(202).json({ livraisons: n });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/webhooks/echeances',
      requete: {
        date: 'Date des échéances annoncées (AAAA-MM-JJ ; défaut : le jour du service).',
        organisation: 'N’annonce qu’aux webhooks de cette organisation (type:identifiant).',
      },
      groupe: 'webhooks',
      resume:
        'Annonce aux webhooks les nouvelles échéances à la date (défaut : le jour du service), chacune une fois par organisation.',
      acces: 'administrer',
      portee: 'organisations administrées',
      statut: 202,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const date = parametreDate(req, 'date', aujourdhui(ctx));
      const orgs = administrees(p);
      const seule = parametre(req, 'organisation');
      const cibles = seule ? (orgs ?? [seule]).filter((o) => o === seule) : orgs;
      const annonce = await annoncerEcheances(ctx, date, cibles).catch((e: unknown) => {
        throw refusBibliotheque(req, e);
      });
      res.status(202).json(annonce);
    },
  );
  return r;
}
