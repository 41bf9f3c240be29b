/**
 * The échéancier: the deadlines the API shows the account (`GET /api/echeancier`), and its
 * iCalendar subscription links — create one (shown once), list and revoke them.
 */
import { Router, type Request, type Response } from 'express';
import type { Echeance } from '../../echeancier/echeance.js';
import type { Contexte } from '../../server/contexte.js';
import { api } from '../api-interne.js';
import { garderPourLaPageSuivante, lireUneFois } from '../flash.js';
import { t } from '../i18n/messages.js';
import { phraseEcheance } from '../i18n/phrases-echeance.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import { interpoler, seg } from './documents-relais.js';
import { locale } from '../formats.js';

interface JetonCalendrier {
  id: string;
  cree_le: string;
}

function statut(e: Echeance, lang: 'fr' | 'en') {
  if (e.depasse) return { libelle: t(lang, 'ech_depassee'), classe: 'erreur' };
  if (e.jours_restants === 0) return { libelle: t(lang, 'ech_aujourdhui'), classe: 'attention' };
  return {
    libelle: interpoler(t(lang, 'ech_dans_jours'), { n: e.jours_restants }),
    classe: e.jours_restants <= 30 ? 'attention' : 'neutre',
  };
}

/** What the deadline is about: its flat (page of the flat) or its convention. */
function objet(e: Echeance, lang: 'fr' | 'en') {
  if (e.logement)
    return {
      libelle: `${t(lang, 'ech_logement')} ${e.logement}`,
      href: `/bailleurs/${seg(e.bailleur)}/logements/${seg(e.logement)}`,
    };
  if (e.convention)
    return {
      libelle: `${t(lang, 'ech_convention')} ${e.convention}`,
      href: `/conventions/${e.convention.split('/').map(seg).join('/')}`,
    };
  return { libelle: `${e.departement} — ${e.bailleur}` };
}

/** The page, with the subscription address just created when there is one (shown once). */
async function vueEcheancier(
  req: Request,
  res: Response,
  extra: { adresse?: string; revoque?: boolean } = {},
): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const a = api(req, res);
  const [re, rj] = await Promise.all([
    a.get<{ date: string; echeances: Echeance[] }>('/api/echeancier'),
    a.get<{ jetons: JetonCalendrier[] }>('/api/moi/calendrier'),
  ]);
  const e = corpsOuPage(req, res, re);
  const j = e && corpsOuPage(req, res, rj);
  if (!e || !j) return;
  page(
    req,
    res,
    'echeancier',
    {
      date: e.date,
      echeances: e.echeances.map((x) => ({
        ...x,
        quoi: t(lang, `ech_nature_${x.nature}`),
        phrase: phraseEcheance(x, lang),
        statut: statut(x, lang),
        objet: objet(x, lang),
      })),
      jetons: j.jetons.map((x, i) => ({
        ...x,
        numero: i + 1,
        libelle: interpoler(t(lang, 'ech_revoquer_lien'), {
          date: new Intl.DateTimeFormat(locale(lang), {
            dateStyle: 'long',
            timeStyle: 'short',
            timeZone: 'UTC',
          }).format(new Date(x.cree_le)),
        }),
      })),
      ...extra,
    },
    { titre: t(lang, 'ech_titre') },
  );
}

export function pagesEcheancier(ctx: Contexte): Router {
  const r = Router();

  r.get('/echeancier', async (req, res) => {
    const chemin = await lireUneFois(ctx, req, res, 'calendrier');
    await vueEcheancier(req, res, {
      revoque: req.query['revoque'] === '1',
      ...(typeof chemin === 'string'
        ? { adresse: `${req.protocol}://${req.get('host') ?? ''}${chemin}` }
        : {}),
    });
  });

  // Post/Redirect/Get: the link made (it holds its token) waits server-side for the page that
  // follows, shown once there; reloading that page makes no other link.
  r.post('/echeancier/calendrier', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const rep = await api(req, res).envoyer<{ chemin: string }>('POST', '/api/moi/calendrier');
    const cree = corpsOuPage(req, res, rep);
    if (!cree) return;
    if (await garderPourLaPageSuivante(ctx, req, res, 'calendrier', cree.chemin))
      res.redirect(303, '/echeancier');
    else
      await vueEcheancier(req, res, {
        adresse: `${req.protocol}://${req.get('host') ?? ''}${cree.chemin}`,
      });
  });

  r.post('/echeancier/calendrier/:id/revoquer', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const rep = await api(req, res).envoyer(
      'DELETE',
      `/api/moi/calendrier/${seg(req.params['id'])}`,
    );
    if (rep.status !== 204 && corpsOuPage(req, res, rep) === undefined) return;
    res.redirect(303, '/echeancier?revoque=1');
  });

  return r;
}
