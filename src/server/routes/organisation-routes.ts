/**
 * Organisations, accounts and memberships. The service's administrators create organisations and
 * accounts; an organisation's `administrer` members manage its members. Every member lists its
 * own organisations; nothing is said of the others.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { auditer } from '../audit.js';
import { aleatoire, hacher } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { exiger, exigerAdmin, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import type { Ressource } from '../policy.js';

function ressourceOrganisation(o: { type: string; identifiant: string }): Ressource {
  return o.type === 'bailleur'
    ? { type: 'bailleur', siren: o.identifiant }
    : o.type === 'epci'
      ? { type: 'epci', siren: o.identifiant }
      : { type: 'reservataire', id: o.identifiant };
}

function visibles(p: Principal): string[] {
  return p.appartenances.map((a) => a.organisation_id);
}

export function routesOrganisations(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/organisations',
      groupe: 'organisations',
      resume: 'Les organisations du compte (toutes pour un administrateur).',
      acces: 'connecte',
      statut: 200,
    },
    async (_req: Request, res: Response) => {
      const p = principal(res);
      let q = db
        .selectFrom('organisation')
        .select(['id', 'type', 'identifiant', 'nom'])
        .orderBy('id');
      if (!p.admin) q = q.where('id', 'in', visibles(p).length ? visibles(p) : ['']);
      res.json({ organisations: await q.execute() });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/organisations',
      groupe: 'organisations',
      resume: 'Crée une organisation (bailleur, réservataire, EPCI).',
      acces: 'admin',
      corps: 'organisation',
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      exigerAdmin(p);
      const b = valider(req, 'organisation');
      const id = `${b.type}:${b.identifiant}`;
      const existe = await db
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (existe) throw new ErreurHttp(409, 'SERVICE_EXISTE_DEJA', { objet: id });
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('organisation')
          .values({ id, ...b, cree_le: ctx.maintenant().toISOString() })
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'organisation.cree',
          objet: id,
        });
      });
      res.status(201).json({ id, ...b });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/comptes',
      groupe: 'organisations',
      resume: 'Crée un compte ; renvoie son mot de passe à usage unique.',
      acces: 'admin',
      corps: 'compte',
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      exigerAdmin(p);
      const b = valider(req, 'compte');
      const email = b.email.toLowerCase();
      const existe = await db
        .selectFrom('compte')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (existe) throw new ErreurHttp(409, 'SERVICE_EXISTE_DEJA', { objet: email }, '/email');
      const id = randomUUID();
      const motDePasse = aleatoire();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('compte')
          .values({
            id,
            email,
            nom: b.nom,
            mot_de_passe: await hacher(motDePasse),
            admin: b.admin ? 1 : 0,
            doit_changer: 1,
            cree_le: ctx.maintenant().toISOString(),
          })
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'compte.cree',
          objet: `compte:${id}`,
        });
      });
      // The one-time password is shown once, to the administrator who hands it over.
      res.status(201).json({ id, email, mot_de_passe_provisoire: motDePasse });
    },
  );

  declarer(
    r,
    {
      methode: 'put',
      chemin: '/organisations/:id/membres',
      groupe: 'organisations',
      resume: 'Donne à un compte des permissions dans l’organisation.',
      acces: 'administrer',
      corps: 'membre',
      portee: 'l’organisation',
      statut: 200,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const orgId = String(req.params['id']);
      const org = await db
        .selectFrom('organisation')
        .selectAll()
        .where('id', '=', orgId)
        .executeTakeFirst();
      if (!org) throw introuvable(req);
      exiger(req, p, 'administrer', ressourceOrganisation(org));
      const b = valider(req, 'membre');
      const compte = await db
        .selectFrom('compte')
        .select('id')
        .where('id', '=', b.compte_id)
        .executeTakeFirst();
      if (!compte)
        throw new ErreurHttp(
          404,
          'SERVICE_INTROUVABLE',
          { chemin: `compte ${b.compte_id}` },
          '/compte_id',
        );
      const permissions = b.permissions.join(',');
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('membre')
          .values({ compte_id: b.compte_id, organisation_id: orgId, permissions })
          .onConflict((oc) =>
            oc.columns(['compte_id', 'organisation_id']).doUpdateSet({ permissions }),
          )
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'membre.permissions',
          objet: `${orgId}/compte:${b.compte_id}`,
          details: { permissions },
        });
      });
      res.json({ organisation_id: orgId, compte_id: b.compte_id, permissions: b.permissions });
    },
  );
  return r;
}
