/** Sign in and out, one's own account, its password and its API tokens. */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { auditer } from '../audit.js';
import { aleatoire, hacher, verifier } from '../auth/passwords.js';
import {
  COOKIE_SESSION,
  DUREE_SESSION_MS,
  fermerSession,
  ouvrirSession,
} from '../auth/sessions.js';
import { empreinteJeton } from '../auth/tokens.js';
import type { Contexte } from '../contexte.js';
import { principal } from '../http/authentifier.js';
import { depuisAilleurs } from '../http/depuis-ailleurs.js';
import { ErreurHttp } from '../http/erreur-http.js';
import { limiteConnexion } from '../http/limite-connexion.js';
import { declarer } from '../http/route.js';
import { revoquerJeton } from '../auth/revoquer-jeton.js';
import { valider } from '../http/valider.js';

function moi(res: Response) {
  const p = principal(res, { motDePasseAChanger: true });
  return {
    id: p.compte_id,
    email: p.email,
    admin: p.admin,
    doit_changer: p.doit_changer,
    organisations: p.appartenances.map((a) => ({
      id: a.organisation_id,
      type: a.type,
      identifiant: a.identifiant,
      permissions: [...a.permissions],
    })),
  };
}

export function routesSession(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/session',
      groupe: 'session',
      resume: 'Ouvre une session (cookie) et renvoie le jeton anti-CSRF.',
      acces: 'public',
      corps: 'connexion',
      statut: 201,
      reponses: { 403: 'Connexion postée depuis une page d’un autre site (SERVICE_CSRF).' },
    },
    async (req: Request, res: Response) => {
      if (depuisAilleurs(req)) throw new ErreurHttp(403, 'SERVICE_CSRF');
      const b = valider(req, 'connexion');
      const compte = await db
        .selectFrom('compte')
        .select(['id', 'mot_de_passe'])
        .where('email', '=', b.email.toLowerCase())
        .executeTakeFirst();
      // Same work whether the account exists or not: timing says nothing of which addresses exist.
      const ok = await verifier(compte?.mot_de_passe ?? FAUX_HASH, b.mot_de_passe);
      if (!compte || !ok) throw new ErreurHttp(401, 'SERVICE_IDENTIFIANTS_INVALIDES');
      const { token, csrf } = await ouvrirSession(db, compte.id, ctx.maintenant());
      res.cookie(COOKIE_SESSION, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.cookiesSecurises,
        maxAge: DUREE_SESSION_MS,
        path: '/',
      });
      res.set('X-CSRF-Token', csrf);
      res.status(201).json({ csrf });
    },
    limiteConnexion(ctx),
  );

  declarer(
    r,
    {
      methode: 'delete',
      chemin: '/session',
      groupe: 'session',
      resume: 'Ferme la session.',
      acces: 'connecte',
      statut: 204,
    },
    async (req: Request, res: Response) => {
      principal(res, { motDePasseAChanger: true });
      const cookies = req.cookies as Record<string, string | undefined>;
      const token = cookies[COOKIE_SESSION];
      if (token) await fermerSession(db, token);
      res.clearCookie(COOKIE_SESSION, { path: '/' });
      res.status(204).end();
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/moi',
      groupe: 'session',
      resume: 'Le compte connecté, ses organisations et ses permissions.',
      acces: 'connecte',
      statut: 200,
    },
    (_req: Request, res: Response) => {
      res.json(moi(res));
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/moi/mot-de-passe',
      groupe: 'session',
      resume: 'Change son mot de passe (obligatoire après le mot de passe à usage unique).',
      acces: 'connecte',
      corps: 'mot-de-passe',
      statut: 204,
    },
    async (req: Request, res: Response) => {
      const p = principal(res, { motDePasseAChanger: true });
      const b = valider(req, 'mot-de-passe');
      const c = await db
        .selectFrom('compte')
        .select('mot_de_passe')
        .where('id', '=', p.compte_id)
        .executeTakeFirstOrThrow();
      if (!(await verifier(c.mot_de_passe, b.actuel)))
        throw new ErreurHttp(403, 'SERVICE_IDENTIFIANTS_INVALIDES', {}, '/actuel');
      // The one-time password, printed at the start or handed over by an administrator, « changed »
      // to itself stayed the account's password with nothing left to ask a change (until 5
      // December 2026).
      if (b.nouveau === b.actuel)
        throw new ErreurHttp(400, 'SERVICE_MOT_DE_PASSE_INCHANGE', {}, '/nouveau');
      // The account's other sessions end with the old password (one opened by whoever held it
      // stayed open for its 12 hours); the session that changes it goes on. API tokens stay.
      const cookies = req.cookies as Record<string, string | undefined>;
      const courante = p.via === 'session' ? cookies[COOKIE_SESSION] : undefined;
      const garder = courante ? empreinteJeton(courante) : '';
      const mot_de_passe = await hacher(b.nouveau);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('compte')
          .set({ mot_de_passe, doit_changer: 0 })
          .where('id', '=', p.compte_id)
          .execute();
        const autres = tx
          .selectFrom('session')
          .select('id')
          .where('compte_id', '=', p.compte_id)
          .where('id', '!=', garder);
        await tx.deleteFrom('flash').where('session_id', 'in', autres).execute();
        await tx
          .deleteFrom('session')
          .where('compte_id', '=', p.compte_id)
          .where('id', '!=', garder)
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'mot_de_passe.change',
          objet: `compte:${p.compte_id}`,
        });
      });
      res.status(204).end();
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/moi/jetons',
      groupe: 'session',
      resume: 'Crée un jeton d’API (montré une seule fois).',
      acces: 'connecte',
      corps: 'jeton',
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const b = valider(req, 'jeton');
      const token = `cfx_${aleatoire(32)}`;
      const id = randomUUID();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('jeton')
          .values({
            id,
            compte_id: p.compte_id,
            nom: b.nom,
            hash: empreinteJeton(token),
            cree_le: ctx.maintenant().toISOString(),
            revoque_le: null,
          })
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'jeton.cree',
          objet: `jeton:${id}`,
        });
      });
      res.status(201).json({ id, nom: b.nom, jeton: token });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/moi/jetons',
      groupe: 'session',
      resume: 'Ses jetons d’API en vigueur (nom, date de création), sans le jeton lui-même.',
      acces: 'connecte',
      statut: 200,
    },
    async (_req: Request, res: Response) => {
      const p = principal(res);
      const jetons = await db
        .selectFrom('jeton')
        .select(['id', 'nom', 'cree_le'])
        .where('compte_id', '=', p.compte_id)
        .where('revoque_le', 'is', null)
        .orderBy('cree_le')
        .orderBy('id')
        .execute();
      res.json({ jetons });
    },
  );

  declarer(
    r,
    {
      methode: 'delete',
      chemin: '/moi/jetons/:id',
      groupe: 'session',
      resume: 'Révoque un de ses jetons d’API.',
      acces: 'connecte',
      statut: 204,
    },
    (req: Request, res: Response) => revoquerJeton(ctx, 'jeton', req, res),
  );
  return r;
}

/** A valid argon2id hash of a random password, verified when the address is unknown. */
const FAUX_HASH = await hacher(aleatoire());
