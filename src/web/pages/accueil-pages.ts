/** The home page: the account's organisations, each with the pages it opens. */
import { Router } from 'express';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { navigation } from '../navigation.js';
import { page } from '../rendu-page.js';
import { exigerSession } from '../session-web.js';

export function pagesAccueil(): Router {
  const r = Router();
  r.get('/', (req, res) => {
    const p = exigerSession(req, res);
    if (!p) return;
    const lang = langue(req, res);
    page(
      req,
      res,
      'accueil',
      {
        groupes: navigation(p, lang),
        organisations: p.appartenances.map((a) => ({
          type: t(lang, a.type),
          identifiant: a.identifiant,
          permissions: [...a.permissions].map((x) => t(lang, `adm_perm_${x}`)).join(', '),
        })),
      },
      { titre: t(lang, 'accueil') },
    );
  });
  return r;
}
