/** Sign in, sign out, change one's password: forms over `/api/session` and `/api/moi/mot-de-passe`. */
import { Router, type Request, type Response } from 'express';
import { api } from '../api-interne.js';
import { diagnosticsDe, erreursFormulaire } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { depuisAilleurs } from '../../server/http/depuis-ailleurs.js';
import { ErreurHttp } from '../../server/http/erreur-http.js';
import { exigerSession, suiteSure } from '../session-web.js';

const champ = (req: Request, nom: string): string => {
  const b = req.body as Record<string, unknown> | undefined;
  const v = b?.[nom];
  return typeof v === 'string' ? v : '';
};

function pageConnexion(req: Request, res: Response, vue: Record<string, unknown>, status = 200) {
  page(
    req,
    res,
    'connexion',
    { suite: suiteSure(req.query['suite'] ?? champ(req, 'suite')), ...vue },
    {
      titre: t(langue(req), 'connexion_titre'),
      status,
    },
  );
}

export function pagesSession(): Router {
  const r = Router();

  r.get('/connexion', (req, res) => {
    pageConnexion(req, res, {});
  });

  r.post('/connexion', async (req, res) => {
    if (depuisAilleurs(req)) throw new ErreurHttp(403, 'SERVICE_CSRF');
    const email = champ(req, 'email');
    const suite = suiteSure(champ(req, 'suite'));
    const rep = await api(req, res).envoyer('POST', '/api/session', {
      email,
      mot_de_passe: champ(req, 'mot_de_passe'),
    });
    if (rep.status === 201) {
      for (const c of rep.headers.getSetCookie()) res.append('Set-Cookie', c);
      res.redirect(303, suite);
      return;
    }
    const erreurs =
      rep.status === 401
        ? { champs: {}, generales: [t(langue(req), 'identifiants_invalides')], toutes: [] }
        : erreursFormulaire(diagnosticsDe(rep.body));
    pageConnexion(req, res, { email, erreurs }, rep.status === 429 ? 429 : 400);
  });

  r.post('/deconnexion', async (req, res) => {
    const rep = await api(req, res).envoyer('DELETE', '/api/session');
    for (const c of rep.headers.getSetCookie()) res.append('Set-Cookie', c);
    res.redirect(303, '/connexion');
  });

  r.get('/mot-de-passe', (req, res) => {
    const p = exigerSession(req, res);
    if (!p) return;
    page(
      req,
      res,
      'mot-de-passe',
      { suite: suiteSure(req.query['suite']), premier: p.doit_changer },
      {
        titre: t(langue(req), 'mdp_titre'),
      },
    );
  });

  r.post('/mot-de-passe', async (req, res) => {
    const p = exigerSession(req, res);
    if (!p) return;
    const rep = await api(req, res).envoyer('POST', '/api/moi/mot-de-passe', {
      actuel: champ(req, 'actuel'),
      nouveau: champ(req, 'nouveau'),
    });
    if (rep.status === 204) {
      res.redirect(303, suiteSure(champ(req, 'suite')));
      return;
    }
    page(
      req,
      res,
      'mot-de-passe',
      {
        suite: suiteSure(champ(req, 'suite')),
        premier: p.doit_changer,
        erreurs: erreursFormulaire(diagnosticsDe(rep.body)),
      },
      { titre: t(langue(req), 'mdp_titre'), status: 400 },
    );
  });

  return r;
}
