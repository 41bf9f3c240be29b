/**
 * The pages of the service, mounted at `/` after the API: static assets, then each page family
 * (`pages/*-pages.ts`), then the HTML 404 and error pages. The pages add no rule and decide no
 * access: they show what the API answers to the visitor (see api-interne.ts).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { packagePath } from '../package-path.js';
import type { Contexte } from '../server/contexte.js';
import { ErreurHttp } from '../server/http/erreur-http.js';
import { journalErreur } from '../server/http/journal-erreur.js';
import { t } from './i18n/messages.js';
import { langue } from './langue.js';
import { pagesAccueil } from './pages/accueil-pages.js';
import { pagesEditeur } from './pages/editeur-pages.js';
import { pagesAdmin } from './pages/admin-pages.js';
import { pagesCompte } from './pages/compte-pages.js';
import { pagesBilans } from './pages/bilans-pages.js';
import { pagesCotation } from './pages/cotation-pages.js';
import { pagesEcheancier } from './pages/echeancier-pages.js';
import { pagesLogements } from './pages/logements-pages.js';
import { pagesImports } from './pages/imports-pages.js';
import { pagesSaisie } from './pages/saisie-pages.js';
import { pagesConventions } from './pages/conventions-pages.js';
import { pagesSession } from './pages/session-pages.js';
import { pagesTableauDeBord } from './pages/tableau-de-bord.js';
import { page } from './rendu-page.js';
import { exigerSession } from './session-web.js';

/** The title and text of an error page, by status (and by code where it says more). */
function textesErreur(status: number, code?: string): [string, string] {
  if (code === 'SERVICE_CSRF') return ['interdit_titre', 'csrf_texte'];
  if (code === 'SERVICE_CARACTERE_NUL') return ['erreur_titre', 'caractere_nul_texte'];
  if (status === 404) return ['introuvable_titre', 'introuvable_texte'];
  if (status === 403) return ['interdit_titre', 'interdit_texte'];
  if (status === 413) return ['erreur_titre', 'trop_grand_texte'];
  if (status === 400) return ['erreur_titre', 'requete_texte'];
  return ['erreur_titre', 'erreur_texte'];
}

/** Answers the page for an API status the visitor cannot go past (404, 403, else an error). */
export function pageErreur(req: Request, res: Response, status: number, code?: string): void {
  const lang = langue(req, res);
  const [titre, texte] = textesErreur(status, code);
  page(req, res, 'erreur', { texte: t(lang, texte) }, { titre: t(lang, titre), status });
}

/**
 * Errors raised before a page runs (the CSRF check, a body too large or malformed) on a page's
 * address: an HTML page, not the API's JSON; a bug of ours is logged by class only.
 */
export function erreursPages(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const status =
    err instanceof ErreurHttp
      ? err.status
      : typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number'
        ? err.status
        : 500;
  if (status >= 500) console.error(journalErreur(err));
  pageErreur(req, res, status, err instanceof ErreurHttp ? err.code : undefined);
}

export function routesWeb(ctx: Contexte): Router {
  const r = Router();
  const statique = { fallthrough: true, index: false, maxAge: '1h' } as const;
  r.use('/assets/js', express.static(packagePath('dist', 'web', 'assets', 'js'), statique));
  r.use('/assets', express.static(packagePath('templates', 'web', 'static'), statique));
  r.use(pagesSession());
  r.use(pagesAccueil());
  // Before the conventions pages: `/conventions/nouveau` is not a convention's address.
  r.use(pagesEditeur());
  r.use(pagesTableauDeBord());
  r.use(pagesCompte(ctx));
  r.use(pagesAdmin(ctx));
  r.use(pagesBilans(), pagesEcheancier(ctx), pagesCotation());
  r.use(pagesLogements());
  r.use(pagesSaisie());
  r.use(pagesImports());
  r.use(pagesConventions());
  // Signed out, every address leads to the sign-in page (nothing says whether it exists).
  r.use((req: Request, res: Response) => {
    if (exigerSession(req, res)) pageErreur(req, res, 404);
  });
  r.use(erreursPages);
  return r;
}
