/**
 * Organisations, accounts and memberships. The service's administrators create organisations and
 * accounts; an organisation's `administrer` members manage its members. Every member lists its
 * own organisations; nothing is said of the others.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Transaction } from 'kysely';
import { auditer } from '../audit.js';
import { aleatoire, hacher } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import type { Database } from '../db/schema.js';
import { exiger, exigerAdmin, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { diagnosticRequete, ErreurHttp, langue } from '../http/erreur-http.js';
import type { Corps } from '../http/corps.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import type { Ressource } from '../policy.js';
import { isValidSiren } from '../../reference/siren.js';

function ressourceOrganisation(o: { type: string; identifiant: string }): Ressource {
  return o.type === 'bailleur'
    ? { type: 'bailleur', siren: o.identifiant }
    : o.type === 'epci'
      ? { type: 'epci', siren: o.identifiant }
      : { type: 'reservataire', id: o.identifiant };
}

const NEUF_CHIFFRES = {
  fr: 'un SIREN de 9 chiffres (bailleur, EPCI)',
  en: 'a 9-digit SIREN (bailleur, EPCI)',
};

/** A bailleur or an EPCI is named by its SIREN: 9 digits and a right check digit (Luhn). */
function verifierSiren(req: Request, b: { type: string; identifiant: string }): void {
  if (b.type === 'reservataire') return;
  const d = /^[0-9]{9}$/.test(b.identifiant)
    ? isValidSiren(b.identifiant)
      ? undefined
      : diagnosticRequete(req, 'SIREN_INVALIDE', { siren: b.identifiant }, '/identifiant')
    : diagnosticRequete(
        req,
        'SERVICE_CHAMP_INVALIDE',
        { champ: 'identifiant', attendu: NEUF_CHIFFRES[langue(req)] },
        '/identifiant',
      );
  if (d) throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', [d]);
}

const COMPTE_ATTENDU = {
  fr: 'l’adresse du compte (ou son identifiant, compte_id)',
  en: 'the account’s address (or its id, compte_id)',
};

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
      verifierSiren(req, b);
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
      const orgId = (await organisationAdministree(req, p)).id;
      const b = valider(req, 'membre');
      const compteId = await compteDuMembre(req, b);
      const permissions = b.permissions.join(',');
      await db.transaction().execute(async (tx) => {
        if (!b.permissions.includes('administrer'))
          await garderUnAdministrateur(tx, orgId, compteId);
        await tx
          .insertInto('membre')
          .values({ compte_id: compteId, organisation_id: orgId, permissions })
          .onConflict((oc) =>
            oc.columns(['compte_id', 'organisation_id']).doUpdateSet({ permissions }),
          )
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'membre.permissions',
          objet: `${orgId}/compte:${compteId}`,
          details: { permissions },
        });
      });
      res.json({ organisation_id: orgId, compte_id: compteId, permissions: b.permissions });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/organisations/:id/membres',
      groupe: 'organisations',
      resume: 'Les membres de l’organisation (compte, adresse, nom) et leurs permissions.',
      acces: 'administrer',
      portee: 'l’organisation',
      statut: 200,
    },
    async (req: Request, res: Response) => {
      const org = await organisationAdministree(req, principal(res));
      const membres = await db
        .selectFrom('membre')
        .innerJoin('compte', 'compte.id', 'membre.compte_id')
        .select(['compte.id as compte_id', 'compte.email', 'compte.nom', 'membre.permissions'])
        .where('membre.organisation_id', '=', org.id)
        .orderBy('compte.email')
        .execute();
      res.json({
        organisation: org,
        membres: membres.map((m) => ({ ...m, permissions: m.permissions.split(',') })),
      });
    },
  );

  declarer(
    r,
    {
      methode: 'delete',
      chemin: '/organisations/:id/membres/:compte_id',
      groupe: 'organisations',
      resume: 'Retire un compte de l’organisation (toutes ses permissions).',
      acces: 'administrer',
      portee: 'l’organisation',
      statut: 204,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const org = await organisationAdministree(req, p);
      const compteId = String(req.params['compte_id']);
      await db.transaction().execute(async (tx) => {
        await garderUnAdministrateur(tx, org.id, compteId);
        const n = await tx
          .deleteFrom('membre')
          .where('organisation_id', '=', org.id)
          .where('compte_id', '=', compteId)
          .executeTakeFirst();
        if (n.numDeletedRows === 0n) throw introuvable(req);
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'membre.retire',
          objet: `${org.id}/compte:${compteId}`,
        });
      });
      res.status(204).end();
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/comptes',
      groupe: 'organisations',
      resume: 'Les comptes du service (adresse, nom, administrateur), sans leur mot de passe.',
      acces: 'admin',
      statut: 200,
    },
    async (_req: Request, res: Response) => {
      exigerAdmin(principal(res));
      const comptes = await db
        .selectFrom('compte')
        .select(['id', 'email', 'nom', 'admin', 'cree_le'])
        .orderBy('email')
        .execute();
      res.json({ comptes: comptes.map((c) => ({ ...c, admin: c.admin === 1 })) });
    },
  );

  /**
   * 409 when the account is the organisation's last member holding `administrer` (no one could
   * then manage its members but the service's administrators).
   */
  async function garderUnAdministrateur(
    tx: Transaction<Database>,
    orgId: string,
    compteId: string,
  ): Promise<void> {
    const membres = await tx
      .selectFrom('membre')
      .select(['compte_id', 'permissions'])
      .where('organisation_id', '=', orgId)
      .execute();
    const administrent = membres
      .filter((m) => m.permissions.split(',').includes('administrer'))
      .map((m) => m.compte_id);
    if (administrent.length === 1 && administrent[0] === compteId)
      throw new ErreurHttp(409, 'SERVICE_DERNIER_ADMINISTRATEUR', { organisation: orgId });
  }

  /** The organisation of the path, once the principal may administer it (else 404 or 403). */
  async function organisationAdministree(req: Request, p: Principal) {
    const org = await db
      .selectFrom('organisation')
      .select(['id', 'type', 'identifiant', 'nom'])
      .where('id', '=', String(req.params['id']))
      .executeTakeFirst();
    if (!org) throw introuvable(req);
    exiger(req, p, 'administrer', ressourceOrganisation(org));
    return org;
  }

  /** The account a membership names: by its id, or by its address. */
  async function compteDuMembre(req: Request, b: Corps['membre']): Promise<string> {
    if (b.compte_id === undefined && b.email === undefined)
      throw new ErreurHttp(
        400,
        'SERVICE_CHAMP_INVALIDE',
        { champ: 'email', attendu: COMPTE_ATTENDU[langue(req)] },
        '/email',
      );
    const [colonne, valeur, pointeur] =
      b.compte_id !== undefined
        ? (['id', b.compte_id, '/compte_id'] as const)
        : (['email', (b.email ?? '').toLowerCase(), '/email'] as const);
    const compte = await db
      .selectFrom('compte')
      .select('id')
      .where(colonne, '=', valeur)
      .executeTakeFirst();
    if (!compte)
      throw new ErreurHttp(404, 'SERVICE_INTROUVABLE', { chemin: `compte ${valeur}` }, pointeur);
    return compte.id;
  }
  return r;
}
