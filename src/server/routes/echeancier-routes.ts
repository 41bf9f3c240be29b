/**
 * The échéancier: as JSON (what the caller may see), as an iCalendar feed a calendar app
 * subscribes to with a read-only calendar token in its URL (calendar apps send no header), and
 * the calendar tokens of one's own account.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { echeancierIcs } from '../../echeancier/echeancier-ics.js';
import { auditer } from '../audit.js';
import { aleatoire } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { principalDe } from '../auth/sessions.js';
import { empreinteJeton } from '../auth/tokens.js';
import type { Contexte } from '../contexte.js';
import { aujourdhui, echeancesVisibles } from '../echeancier/echeances.js';
import { refusBibliotheque } from '../flux/parametres-figures.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp } from '../http/erreur-http.js';
import { parametre, parametreDate, parametreEntier } from '../http/parametres.js';
import { declarer } from '../http/route.js';
import { revoquerJeton } from '../auth/revoquer-jeton.js';

const HORIZON_MAX = 3660;

async function principalCalendrier(ctx: Contexte, req: Request): Promise<Principal> {
  const jeton = parametre(req, 'jeton');
  const j = jeton
    ? await ctx.base.db
        .selectFrom('jeton_calendrier')
        .select('compte_id')
        .where('hash', '=', empreinteJeton(jeton))
        .where('revoque_le', 'is', null)
        .executeTakeFirst()
    : undefined;
  const p = j ? await principalDe(ctx.base.db, j.compte_id, 'jeton') : undefined;
  if (!p) throw new ErreurHttp(401, 'SERVICE_JETON_CALENDRIER_INVALIDE');
  return p;
}

export function routesEcheancier(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/echeancier',
      requete: {
        date: 'Date de référence (AAAA-MM-JJ ; défaut : le jour du service).',
        horizon: 'Nombre de jours à venir couverts.',
      },
      groupe: 'echeancier',
      resume:
        'Les échéances à une date (défaut : le jour du service) que le compte peut voir : délais de désignation, logements à orienter, bilan annuel, fins de dérogation et de convention.',
      acces: 'connecte',
      portee: 'bailleur ; réservataire destinataire ou partie',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const date = parametreDate(req, 'date', aujourdhui(ctx));
      const horizon = parametreEntier(req, 'horizon', 0, HORIZON_MAX);
      const echeances = await echeancesVisibles(ctx, p, date, horizon).catch((e: unknown) => {
        throw refusBibliotheque(req, e);
      });
      res.json({ date, echeances });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/echeancier.ics',
      requete: {
        jeton: 'Le jeton de calendrier (créé par POST /moi/calendrier), obligatoire.',
        date: 'Date de référence (AAAA-MM-JJ ; défaut : le jour du service).',
      },
      groupe: 'echeancier',
      resume:
        'Le flux iCalendar des échéances du compte, pour s’y abonner (jeton de calendrier dans l’adresse : ?jeton=).',
      acces: 'public',
      portee: 'le compte du jeton de calendrier',
      produit: ['text/calendar'],
      requis: ['jeton'],
      reponses: { 401: 'Jeton de calendrier absent, inconnu ou révoqué.' },
    },
    async (req: Request, res: Response) => {
      const p = await principalCalendrier(ctx, req);
      const date = parametreDate(req, 'date', aujourdhui(ctx));
      const echeances = await echeancesVisibles(ctx, p, date).catch((e: unknown) => {
        throw refusBibliotheque(req, e);
      });
      res
        .type('text/calendar; charset=utf-8')
        .set('cache-control', 'private, no-store')
        .send(echeancierIcs(echeances, date, 'convflux — échéancier'));
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/moi/calendrier',
      groupe: 'echeancier',
      resume:
        'Crée un jeton de calendrier (lecture du flux iCalendar seulement), montré une seule fois avec l’adresse à donner à l’agenda.',
      acces: 'connecte',
      statut: 201,
    },
    async (_req: Request, res: Response) => {
      const p = principal(res);
      const jeton = `cal_${aleatoire(32)}`;
      const id = randomUUID();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('jeton_calendrier')
          .values({
            id,
            compte_id: p.compte_id,
            hash: empreinteJeton(jeton),
            cree_le: ctx.maintenant().toISOString(),
            revoque_le: null,
          })
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'jeton_calendrier.cree',
          objet: `jeton_calendrier:${id}`,
        });
      });
      res.status(201).json({ id, jeton, chemin: `/api/echeancier.ics?jeton=${jeton}` });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/moi/calendrier',
      groupe: 'echeancier',
      resume:
        'Ses jetons de calendrier en vigueur (identifiant et date de création ; le jeton lui-même n’est montré qu’à sa création).',
      acces: 'connecte',
    },
    async (_req: Request, res: Response) => {
      const p = principal(res);
      const jetons = await db
        .selectFrom('jeton_calendrier')
        .select(['id', 'cree_le'])
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
      chemin: '/moi/calendrier/:id',
      groupe: 'echeancier',
      resume: 'Révoque un de ses jetons de calendrier.',
      acces: 'connecte',
      statut: 204,
    },
    (req: Request, res: Response) => revoquerJeton(ctx, 'jeton_calendrier', req, res),
  );
  return r;
}
