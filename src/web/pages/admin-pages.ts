/**
 * Administration: the service's organisations and accounts (`/api/organisations`,
 * `/api/comptes`, for the service's administrators), and an organisation's members with their
 * permissions (`/api/organisations/:id/membres`, for whoever administers it: the API decides).
 * One-time passwords are shown on the answer to the form that made them, never in an address.
 */
import { Router, type Request, type Response } from 'express';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Contexte } from '../../server/contexte.js';
import { api } from '../api-interne.js';
import { garderPourLaPageSuivante, lireUneFois } from '../flash.js';
import { diagnosticsDe, erreursFormulaire, type ErreursFormulaire } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';

const PERMISSIONS = ['lire', 'saisir', 'rediger', 'signer', 'administrer'] as const;
const TYPES = ['bailleur', 'reservataire', 'epci'] as const;

interface Organisation {
  id: string;
  type: string;
  identifiant: string;
  nom: string;
}

interface Compte {
  id: string;
  email: string;
  nom: string;
  admin: boolean;
}

interface Membre {
  compte_id: string;
  email: string;
  nom: string;
  permissions: string[];
}

/** A text field of the posted form ('' when absent). */
export function valeurChamp(req: Request, nom: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[nom];
  return typeof v === 'string' ? v : '';
}

/** Every value of a repeated field (checkboxes). */
function valeursChamp(req: Request, nom: string): string[] {
  const v = (req.body as Record<string, unknown> | undefined)?.[nom];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** The success message named by `?fait=` (one of `cles`; anything else shows nothing). */
export function messageFait(req: Request, lang: Lang, cles: readonly string[]): string | undefined {
  const f = req.query['fait'];
  return typeof f === 'string' && cles.includes(f) ? t(lang, `adm_fait_${f}`) : undefined;
}

/** The permission checkboxes, ticked as given. */
function casesPermissions(lang: Lang, cochees: readonly string[]) {
  return PERMISSIONS.map((p) => ({
    valeur: p,
    libelle: t(lang, `adm_perm_${p}`),
    aide: t(lang, `adm_perm_${p}_aide`),
    coche: cochees.includes(p),
  }));
}

const lienOrganisation = (id: string) => `/admin/organisations/${encodeURIComponent(id)}`;

/** The 400 answer's errors by field, else the page for any other failure (undefined then). */
function erreursOuPage(
  req: Request,
  res: Response,
  rep: { status: number; body: unknown; headers: Headers },
): ErreursFormulaire | undefined {
  if (rep.status === 400 || rep.status === 409 || (rep.status === 404 && aUnChamp(rep.body)))
    return erreursFormulaire(diagnosticsDe(rep.body));
  corpsOuPage(req, res, rep);
  return undefined;
}

/** A 404 about a field of the body (an unknown account's address), not about the page. */
const aUnChamp = (body: unknown) => diagnosticsDe(body).some((d) => d.pointer !== '');

/**
 * The forms that only the service's administrators may send open for whom the API lets list
 * the accounts (the same `admin` access): anyone else gets the API's answer at once.
 */
async function reserveAuxAdministrateurs(req: Request, res: Response): Promise<boolean> {
  return corpsOuPage(req, res, await api(req, res).get('/api/comptes')) !== undefined;
}

async function pageAdmin(req: Request, res: Response): Promise<void> {
  const lang = langue(req, res);
  const a = api(req, res);
  // The accounts list is for the service's administrators: anyone else gets the API's answer.
  const rc = await a.get<{ comptes: Compte[] }>('/api/comptes');
  const comptes = corpsOuPage(req, res, rc);
  if (!comptes) return;
  const ro = corpsOuPage(
    req,
    res,
    await a.get<{ organisations: Organisation[] }>('/api/organisations'),
  );
  if (!ro) return;
  page(
    req,
    res,
    'admin',
    {
      organisations: ro.organisations.map((o) => ({
        ...o,
        libelleType: t(lang, o.type),
        lien: lienOrganisation(o.id),
      })),
      comptes: comptes.comptes,
    },
    { titre: t(lang, 'adm_titre') },
  );
}

function pageNouvelleOrganisation(
  req: Request,
  res: Response,
  valeurs: Record<string, string>,
  erreurs?: ErreursFormulaire,
): void {
  const lang = langue(req, res);
  page(
    req,
    res,
    'admin-organisation-nouvelle',
    {
      ...valeurs,
      erreurs,
      types: TYPES.map((v) => ({ valeur: v, libelle: t(lang, `adm_type_${v}`) })),
    },
    { titre: t(lang, 'adm_creer_organisation'), status: erreurs ? 400 : 200 },
  );
}

/** `POST /api/comptes`'s answer: the address and the one-time password, shown once. */
interface CompteCree {
  email: string;
  mot_de_passe_provisoire: string;
}

function pageNouveauCompte(
  req: Request,
  res: Response,
  vue: Record<string, unknown>,
  status = 200,
): void {
  const lang = langue(req, res);
  page(req, res, 'admin-compte-nouveau', vue, { titre: t(lang, 'adm_creer_compte'), status });
}

interface EtatOrganisation {
  email?: string;
  permissions?: string[];
  erreurs?: ErreursFormulaire;
  /** The member whose permissions form was refused, with the messages. */
  ligne?: { compte_id: string; messages: string[]; permissions?: string[] };
  status?: number;
}

async function pageOrganisation(req: Request, res: Response, etat: EtatOrganisation) {
  const lang = langue(req, res);
  const id = encodeURIComponent(String(req.params['id']));
  const rep = await api(req, res).get<{ organisation: Organisation; membres: Membre[] }>(
    `/api/organisations/${id}/membres`,
  );
  const corps = corpsOuPage(req, res, rep);
  if (!corps) return;
  const lien = lienOrganisation(corps.organisation.id);
  page(
    req,
    res,
    'admin-organisation',
    {
      organisation: { ...corps.organisation, libelleType: t(lang, corps.organisation.type) },
      lien,
      colonnes: PERMISSIONS.map((p) => t(lang, `adm_perm_${p}`)),
      membres: corps.membres.map((m, i) => {
        const refuse = etat.ligne?.compte_id === m.compte_id ? etat.ligne : undefined;
        return {
          ...m,
          rang: i,
          action: `${lien}/membres/${encodeURIComponent(m.compte_id)}`,
          cases: casesPermissions(lang, refuse?.permissions ?? m.permissions),
          erreurs: refuse?.messages,
        };
      }),
      fait: messageFait(req, lang, [
        'organisation_creee',
        'membre_ajoute',
        'permissions_modifiees',
        'membre_retire',
      ]),
      email: etat.email,
      cases: casesPermissions(lang, etat.permissions ?? ['lire']),
      erreurs: etat.erreurs,
    },
    {
      titre: `${t(lang, 'adm_organisation')} ${corps.organisation.nom}`,
      status: etat.status ?? 200,
    },
  );
}

export function pagesAdmin(ctx: Contexte): Router {
  const r = Router();

  r.get('/admin', async (req, res) => {
    if (!exigerSession(req, res)) return;
    await pageAdmin(req, res);
  });

  r.get('/admin/organisations/nouvelle', async (req, res) => {
    if (!exigerSession(req, res) || !(await reserveAuxAdministrateurs(req, res))) return;
    pageNouvelleOrganisation(req, res, {});
  });

  r.post('/admin/organisations/nouvelle', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const valeurs = {
      type: valeurChamp(req, 'type'),
      identifiant: valeurChamp(req, 'identifiant').trim(),
      nom: valeurChamp(req, 'nom').trim(),
    };
    const rep = await api(req, res).envoyer<Organisation>('POST', '/api/organisations', valeurs);
    if (rep.status === 201) {
      res.redirect(303, `${lienOrganisation(rep.body.id)}?fait=organisation_creee`);
      return;
    }
    const erreurs = erreursOuPage(req, res, rep);
    if (erreurs) pageNouvelleOrganisation(req, res, valeurs, erreurs);
  });

  // Post/Redirect/Get: the account made and its one-time password wait server-side for this
  // page, shown once (never in an address); a reload shows the empty form and re-sends nothing.
  r.get('/admin/comptes/nouveau', async (req, res) => {
    if (!exigerSession(req, res) || !(await reserveAuxAdministrateurs(req, res))) return;
    const cree = (await lireUneFois(ctx, req, res, 'compte_cree')) as CompteCree | undefined;
    if (!cree) {
      pageNouveauCompte(req, res, {});
      return;
    }
    const ro = await api(req, res).get<{ organisations: Organisation[] }>('/api/organisations');
    const organisations = ro.status === 200 ? ro.body.organisations : [];
    pageNouveauCompte(req, res, {
      cree,
      organisations: organisations.map((o) => ({ ...o, lien: lienOrganisation(o.id) })),
    });
  });

  r.post('/admin/comptes/nouveau', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const valeurs = {
      email: valeurChamp(req, 'email').trim(),
      nom: valeurChamp(req, 'nom').trim(),
      admin: valeurChamp(req, 'admin') === 'oui',
    };
    const rep = await api(req, res).envoyer<CompteCree>('POST', '/api/comptes', valeurs);
    if (rep.status === 201) {
      const { email, mot_de_passe_provisoire } = rep.body;
      await garderPourLaPageSuivante(ctx, req, res, 'compte_cree', {
        email,
        mot_de_passe_provisoire,
      });
      res.redirect(303, '/admin/comptes/nouveau');
      return;
    }
    const erreurs = erreursOuPage(req, res, rep);
    if (erreurs) pageNouveauCompte(req, res, { ...valeurs, erreurs }, 400);
  });

  r.get('/admin/organisations/:id', async (req, res) => {
    if (!exigerSession(req, res)) return;
    await pageOrganisation(req, res, {});
  });

  r.post('/admin/organisations/:id/membres', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const email = valeurChamp(req, 'email').trim();
    const permissions = valeursChamp(req, 'permissions');
    const id = encodeURIComponent(req.params['id']);
    const rep = await api(req, res).envoyer('PUT', `/api/organisations/${id}/membres`, {
      email,
      permissions,
    });
    if (rep.status === 200) {
      res.redirect(303, `/admin/organisations/${id}?fait=membre_ajoute`);
      return;
    }
    const erreurs = erreursOuPage(req, res, rep);
    if (erreurs) await pageOrganisation(req, res, { email, permissions, erreurs, status: 400 });
  });

  r.post('/admin/organisations/:id/membres/:compte', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const compte_id = req.params['compte'];
    const permissions = valeursChamp(req, 'permissions');
    const id = encodeURIComponent(req.params['id']);
    const rep = await api(req, res).envoyer('PUT', `/api/organisations/${id}/membres`, {
      compte_id,
      permissions,
    });
    if (rep.status === 200) {
      res.redirect(303, `/admin/organisations/${id}?fait=permissions_modifiees`);
      return;
    }
    const erreurs = erreursOuPage(req, res, rep);
    if (erreurs)
      await pageOrganisation(req, res, {
        ligne: { compte_id, permissions, messages: erreurs.toutes.map((e) => e.message) },
        status: rep.status,
      });
  });

  r.post('/admin/organisations/:id/membres/:compte/retrait', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const id = encodeURIComponent(req.params['id']);
    const compte = encodeURIComponent(req.params['compte']);
    const rep = await api(req, res).envoyer('DELETE', `/api/organisations/${id}/membres/${compte}`);
    if (rep.status === 204) {
      res.redirect(303, `/admin/organisations/${id}?fait=membre_retire`);
      return;
    }
    // A refusal (the organisation's last administrator) is said beside the member's row.
    const erreurs = erreursOuPage(req, res, rep);
    if (erreurs)
      await pageOrganisation(req, res, {
        ligne: { compte_id: req.params['compte'], messages: erreurs.toutes.map((e) => e.message) },
        status: rep.status,
      });
  });

  return r;
}
