/**
 * « Mon compte »: the account's address, organisations and permissions (`GET /api/moi`), a link
 * to the password page, and its API tokens (`/api/moi/jetons`): created with a name and shown
 * once, revoked with one button.
 */
import { Router, type Request, type Response } from 'express';
import type { Contexte } from '../../server/contexte.js';
import { api } from '../api-interne.js';
import { garderPourLaPageSuivante, lireUneFois } from '../flash.js';
import { diagnosticsDe, erreursFormulaire, type ErreursFormulaire } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import { messageFait, valeurChamp } from './admin-pages.js';

interface Moi {
  email: string;
  admin: boolean;
  organisations: { id: string; type: string; identifiant: string; permissions: string[] }[];
}

interface Jeton {
  id: string;
  nom: string;
  cree_le: string;
}

interface Etat {
  nom?: string;
  erreurs?: ErreursFormulaire;
  nouveauJeton?: { nom: string; jeton: string };
  status?: number;
}

/** The account page, with what the last form left (values, errors, the token made). */
async function pageCompte(req: Request, res: Response, etat: Etat): Promise<void> {
  const lang = langue(req, res);
  const a = api(req, res);
  const [rm, rj] = await Promise.all([
    a.get<Moi>('/api/moi'),
    a.get<{ jetons: Jeton[] }>('/api/moi/jetons'),
  ]);
  const moi = corpsOuPage(req, res, rm);
  if (!moi) return;
  const jetons = corpsOuPage(req, res, rj);
  if (!jetons) return;
  page(
    req,
    res,
    'compte',
    {
      moi,
      organisations: moi.organisations.map((o) => ({
        ...o,
        libelleType: t(lang, o.type),
        permissions: o.permissions.map((p) => t(lang, `adm_perm_${p}`)).join(', '),
        administre: o.permissions.includes('administrer'),
        lien: `/admin/organisations/${encodeURIComponent(o.id)}`,
      })),
      jetons: jetons.jetons,
      // The token made is shown once, with its own heading; a reload only says it was made.
      fait: etat.nouveauJeton ? undefined : messageFait(req, lang, ['jeton_revoque', 'jeton_cree']),
      nom: etat.nom,
      erreurs: etat.erreurs,
      nouveauJeton: etat.nouveauJeton,
    },
    { titre: t(lang, 'adm_compte_titre'), status: etat.status ?? 200 },
  );
}

export function pagesCompte(ctx: Contexte): Router {
  const r = Router();

  r.get('/compte', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const nouveauJeton = (await lireUneFois(ctx, req, res, 'jeton')) as Etat['nouveauJeton'];
    await pageCompte(req, res, nouveauJeton ? { nouveauJeton } : {});
  });

  // Post/Redirect/Get: the token made waits server-side for the page that follows, shown once
  // there (never in an address); reloading that page re-sends nothing.
  r.post('/compte/jetons', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const nom = valeurChamp(req, 'nom');
    const rep = await api(req, res).envoyer<{ nom: string; jeton: string }>(
      'POST',
      '/api/moi/jetons',
      { nom },
    );
    if (rep.status === 201) {
      const jeton = { nom: rep.body.nom, jeton: rep.body.jeton };
      if (await garderPourLaPageSuivante(ctx, req, res, 'jeton', jeton))
        res.redirect(303, '/compte?fait=jeton_cree');
      else await pageCompte(req, res, { nouveauJeton: rep.body });
      return;
    }
    if (rep.status !== 400) {
      corpsOuPage(req, res, rep);
      return;
    }
    await pageCompte(req, res, {
      nom,
      erreurs: erreursFormulaire(diagnosticsDe(rep.body)),
      status: 400,
    });
  });

  r.post('/compte/jetons/:id/revocation', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const id = encodeURIComponent(req.params['id']);
    const rep = await api(req, res).envoyer('DELETE', `/api/moi/jetons/${id}`);
    if (corpsOuPage(req, res, rep) === undefined) return;
    res.redirect(303, '/compte?fait=jeton_revoque');
  });

  return r;
}
