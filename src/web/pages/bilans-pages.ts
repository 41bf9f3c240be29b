/**
 * Bilans and prévisionnels: per bailleur × département visible to the account (the conventions
 * the API lists), the year's bilan as PDF, CSV or xlsx — the copy for all, and a réservataire's
 * own copy with the annex of its flats —, the prévisionnel from a pasted forecast file, and the
 * archive of the documents sent with their SHA-256. Downloads relay the API's response.
 */
import { Router, type Request, type Response } from 'express';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Principal } from '../../server/auth/principal.js';
import { api } from '../api-interne.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import { champ, interpoler, relayer, seg } from './documents-relais.js';

const FORMATS = ['pdf', 'csv', 'xlsx'] as const;

interface ConventionListee {
  bailleur: string;
  departement: string;
  reservataire: string;
}

interface DocumentArchive {
  id: string;
  nature: string;
  nom: string;
  sha256: string;
  octets: number;
  cree_le: string;
}

interface Filtre {
  bailleur?: string;
  departement?: string;
  annee: number;
}

/** The year asked for, else the year before the current one (the bilan sent each spring). */
function anneeDemandee(req: Request): number {
  const a = Number(champ(req, 'annee'));
  return Number.isInteger(a) && a >= 2000 && a <= 2100 ? a : new Date().getUTCFullYear() - 1;
}

function requete(f: Omit<Filtre, 'annee'>): string {
  const q = new URLSearchParams();
  if (f.bailleur) q.set('bailleur', f.bailleur);
  if (f.departement) q.set('departement', f.departement);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function liens(f: Filtre & { bailleur: string; departement: string }, destinataire?: string) {
  return FORMATS.map((format) => {
    const q = new URLSearchParams({
      bailleur: f.bailleur,
      departement: f.departement,
      annee: String(f.annee),
      format,
      ...(destinataire ? { destinataire } : {}),
    });
    return { format: format.toUpperCase(), href: `/bilans/telecharger?${q.toString()}` };
  });
}

/** One row per copy the account may ask for: the copy for all, and its réservataires' own. */
function lignes(p: Principal, conventions: ConventionListee[], f: Filtre, lang: 'fr' | 'en') {
  const siens = new Set(
    p.appartenances.filter((a) => a.type === 'reservataire').map((a) => a.identifiant),
  );
  const paires = new Map<string, ConventionListee[]>();
  for (const c of conventions) {
    const k = `${c.bailleur}|${c.departement}`;
    paires.set(k, [...(paires.get(k) ?? []), c]);
  }
  return [...paires.values()].flatMap((cs) => {
    const { bailleur, departement } = cs[0] as ConventionListee;
    const cible = { ...f, bailleur, departement };
    const propres = [...new Set(cs.map((c) => c.reservataire))].filter((r) => siens.has(r));
    return [
      { bailleur, departement, exemplaire: t(lang, 'doc_exemplaire_commun'), liens: liens(cible) },
      ...propres.map((r) => ({
        bailleur,
        departement,
        exemplaire: interpoler(t(lang, 'doc_exemplaire_propre'), { r }),
        liens: liens(cible, r),
      })),
    ];
  });
}

async function vueBilans(
  req: Request,
  res: Response,
  f: Filtre,
  extra: { erreurs?: Diagnostic[]; status?: number } = {},
): Promise<void> {
  const p = exigerSession(req, res);
  if (!p) return;
  const lang = langue(req, res);
  const a = api(req, res);
  const [rc, rd] = await Promise.all([
    a.get<{ conventions: ConventionListee[] }>(`/api/conventions${requete(f)}`),
    a.get<{ documents: DocumentArchive[] }>(`/api/documents${requete(f)}`),
  ]);
  const conventions = corpsOuPage(req, res, rc)?.conventions;
  const documents = conventions && corpsOuPage(req, res, rd)?.documents;
  if (!conventions || !documents) return;
  const bailleursSiens = new Set(
    p.appartenances.filter((x) => x.type === 'bailleur').map((x) => x.identifiant),
  );
  const paires = [
    ...new Set(
      conventions
        .filter((c) => bailleursSiens.has(c.bailleur))
        .map((c) => `${c.bailleur}|${c.departement}`),
    ),
  ].map((k) => {
    const [bailleur = '', departement = ''] = k.split('|');
    return { valeur: k, bailleur, departement };
  });
  const titre = f.bailleur
    ? `${t(lang, 'doc_titre_bailleur')} ${f.bailleur}`
    : t(lang, 'doc_titre');
  page(
    req,
    res,
    'bilans',
    {
      filtre: f,
      action: req.path,
      lignes: lignes(p, conventions, f, lang),
      paires,
      prevision: champ(req, 'prevision'),
      documents: documents.map((d) => ({
        ...d,
        nature: t(lang, `doc_nature_${d.nature}`),
        href: `/documents/${seg(d.id)}`,
      })),
      ...(extra.erreurs?.length
        ? {
            erreurs: {
              champs: {},
              generales: extra.erreurs.map((d) => d.message),
              toutes: [],
            },
          }
        : {}),
    },
    { titre, ...(extra.status ? { status: extra.status } : {}) },
  );
}

export function pagesBilans(): Router {
  const r = Router();

  r.get('/bailleurs/:siren/bilans', async (req, res) => {
    await vueBilans(req, res, { bailleur: req.params['siren'], annee: anneeDemandee(req) });
  });

  r.get('/bilans', async (req, res) => {
    const bailleur = champ(req, 'bailleur');
    const departement = champ(req, 'departement');
    await vueBilans(req, res, {
      ...(bailleur ? { bailleur } : {}),
      ...(departement ? { departement } : {}),
      annee: anneeDemandee(req),
    });
  });

  r.get('/bilans/telecharger', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const bailleur = champ(req, 'bailleur');
    const departement = champ(req, 'departement');
    const annee = anneeDemandee(req);
    const format = champ(req, 'format') || 'pdf';
    const q = new URLSearchParams({ format });
    const destinataire = champ(req, 'destinataire');
    if (destinataire) q.set('destinataire', destinataire);
    const rep = await api(req, res).brut(
      `/api/bailleurs/${seg(bailleur)}/departements/${seg(departement)}/bilan/${String(annee)}?${q.toString()}`,
    );
    const erreurs = await relayer(req, res, rep, `bilan-${departement}-${bailleur}.${format}`);
    if (erreurs) await vueBilans(req, res, { bailleur, annee }, { erreurs, status: rep.status });
  });

  r.post('/bilans/previsionnel', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const [bailleur = '', departement = ''] = champ(req, 'paire').split('|');
    const annee = anneeDemandee(req);
    const format = champ(req, 'format') || 'pdf';
    const rep = await api(req, res).brut(
      `/api/bailleurs/${seg(bailleur)}/departements/${seg(departement)}/previsionnel/${String(annee)}?format=${seg(format)}`,
      {
        method: 'POST',
        body: champ(req, 'prevision'),
        headers: { 'content-type': 'application/yaml' },
      },
    );
    const erreurs = await relayer(
      req,
      res,
      rep,
      `previsionnel-${departement}-${bailleur}.${format}`,
    );
    if (erreurs) await vueBilans(req, res, { bailleur, annee }, { erreurs, status: rep.status });
  });

  r.get('/documents/:id', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const rep = await api(req, res).brut(`/api/documents/${seg(req.params['id'])}`);
    const erreurs = await relayer(req, res, rep, 'document');
    if (erreurs) pagesErreurDocument(req, res);
  });

  return r;
}

function pagesErreurDocument(req: Request, res: Response): void {
  const lang = langue(req, res);
  page(
    req,
    res,
    'erreur',
    { texte: t(lang, 'introuvable_texte') },
    {
      titre: t(lang, 'introuvable_titre'),
      status: 404,
    },
  );
}
