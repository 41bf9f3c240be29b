/**
 * The flats' pages of a bailleur: the suivi (freed flats to orient, open cycles and their
 * deadline), one flat's explained history (`evaluate --explain`), and the orientation aid with
 * the form that records the bailleur's choice as an `orientation` event. Every figure, every
 * access decision and every check is the API's (orientations, échéancier, explication, events).
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Echeance } from '../../echeancier/echeance.js';
import { api, type ApiInterne } from '../api-interne.js';
import { diagnosticsDe, erreursFormulaire } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import {
  aOrienter,
  calcul,
  cyclesOuverts,
  etapesVue,
  parcours,
  type ReponseExplication,
  type ReponseLogement,
  type ReponseOrientation,
  type ReponseOrientations,
} from './logements-vues.js';
import { vueOrientation } from './orientation-vue.js';

const enc = encodeURIComponent;

/** A query-string or form value (empty when absent). */
function valeur(req: Request, nom: string): string {
  const b = req.body as Record<string, unknown> | undefined;
  const v = req.method === 'POST' ? b?.[nom] : req.query[nom];
  return typeof v === 'string' ? v.trim() : '';
}

const requete = (o: Record<string, string | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** The départements where the bailleur has conventions (the ones the visitor sees). */
async function departements(a: ApiInterne, siren: string): Promise<string[]> {
  const r = await a.get<{ conventions?: { bailleur?: string; departement?: string }[] }>(
    `/api/conventions${requete({ bailleur: siren })}`,
  );
  const deps = (r.status === 200 ? (r.body.conventions ?? []) : [])
    .filter((c) => c.bailleur === siren)
    .map((c) => c.departement ?? '');
  return [...new Set(deps.filter(Boolean))].sort();
}

async function suivi(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const a = api(req, res);
  const siren = String(req.params['siren']);
  const deps = await departements(a, siren);
  const departement = valeur(req, 'departement') || (deps.length > 1 ? deps[0] : undefined);
  const date = valeur(req, 'date');
  const base = `/api/bailleurs/${enc(siren)}`;
  const rep = await a.get<ReponseOrientations>(
    `${base}/orientations${requete({ departement, date })}`,
  );
  const vue = { siren, dateDemandee: date, departement, departements: deps.length > 1 ? deps : [] };
  const titre = t(lang, 'log_titre_suivi');
  if (rep.status === 400) {
    const erreurs = erreursFormulaire(champDate(diagnosticsDe(rep.body)));
    page(req, res, 'logements', { ...vue, erreurs }, { titre, status: 400 });
    return;
  }
  const o = corpsOuPage(req, res, rep);
  if (!o) return;
  const ech = await a.get<{ echeances: Echeance[] }>(`/api/echeancier${requete({ date: o.date })}`);
  const echeances = (ech.status === 200 ? ech.body.echeances : []).filter(
    (e) => e.bailleur === siren && (!departement || e.departement === departement),
  );
  const logements = aOrienter(o, echeances);
  const cycles = cyclesOuverts(echeances);
  page(
    req,
    res,
    'logements',
    { ...vue, dateEvaluation: o.date, logements, cycles, resultat: true },
    { titre },
  );
}

/** The API names the query parameter `date` in `params.parametre`: show it beside the field. */
function champDate(ds: Diagnostic[]): Diagnostic[] {
  return ds.map((d) =>
    typeof d.params['parametre'] === 'string' && !d.pointer
      ? { ...d, pointer: `/${d.params['parametre']}` }
      : d,
  );
}

/** The year explained: asked, or the date's, or the year of the flat's last event. */
function anneeDe(req: Request, l: ReponseLogement): string {
  const dates = l.evenements.map((e) => (typeof e['date'] === 'string' ? e['date'] : ''));
  const derniere = dates.sort().at(-1);
  return valeur(req, 'annee') || valeur(req, 'date').slice(0, 4) || (derniere ?? '').slice(0, 4);
}

async function fiche(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const a = api(req, res);
  const siren = String(req.params['siren']);
  const id = String(req.params['id']);
  const base = `/api/bailleurs/${enc(siren)}/logements/${enc(id)}`;
  const l = corpsOuPage(req, res, await a.get<ReponseLogement>(base));
  if (!l) return;
  const annee = anneeDe(req, l);
  const date = valeur(req, 'date');
  const titre = `${t(lang, 'log_titre_logement')} ${id}`;
  const vue = {
    siren,
    id,
    annee,
    dateDemandee: date,
    evenements: l.evenements,
    evenement: valeur(req, 'evenement'),
  };
  const rep = await a.get<ReponseExplication>(`${base}/explication${requete({ annee, date })}`);
  if (rep.status === 400) {
    const erreurs = erreursFormulaire(champDate(diagnosticsDe(rep.body)));
    page(req, res, 'logement', { ...vue, erreurs }, { titre, status: 400 });
    return;
  }
  const x = corpsOuPage(req, res, rep);
  if (!x) return;
  const o = await a.get<ReponseOrientation>(`${base}/orientation${requete({ date })}`);
  page(
    req,
    res,
    'logement',
    {
      ...vue,
      parc: x.parc,
      parcours: parcours(x, lang),
      etapes: etapesVue(x.etapes, lang),
      calcul: calcul(x.etapes, x.points),
      aOrienter: o.status === 200 && o.body.suggestion !== null,
      lienOrientation: `/bailleurs/${enc(siren)}/logements/${enc(id)}/orientation${requete({ date })}`,
    },
    { titre },
  );
}

async function orientation(
  req: Request,
  res: Response,
  formulaire: Record<string, unknown> = {},
  status = 200,
): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const siren = String(req.params['siren']);
  const id = String(req.params['id']);
  const date = valeur(req, req.method === 'POST' ? 'date_suggestion' : 'date');
  const base = `/api/bailleurs/${enc(siren)}/logements/${enc(id)}`;
  const rep = await api(req, res).get<ReponseOrientation>(
    `${base}/orientation${requete({ date })}`,
  );
  const titre = `${t(lang, 'log_titre_orientation')} ${id}`;
  if (rep.status === 400) {
    const erreurs = erreursFormulaire(diagnosticsDe(rep.body));
    page(req, res, 'logement-orientation', { siren, id, erreurs }, { titre, status: 400 });
    return;
  }
  const o = corpsOuPage(req, res, rep);
  if (!o) return;
  const vue = vueOrientation(o, {
    reservataire: valeur(req, 'reservataire'),
    date: valeur(req, 'date'),
    evenement: valeur(req, 'id') || `web-orientation-${randomUUID()}`,
    envoye: req.method === 'POST',
  });
  page(req, res, 'logement-orientation', { siren, id, ...vue, ...formulaire }, { titre, status });
}

async function orienter(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  const id = String(req.params['id']);
  const evenement = {
    id: valeur(req, 'id'),
    date: valeur(req, 'date'),
    type: 'orientation',
    logement: id,
    ...(valeur(req, 'reservataire') ? { reservataire: valeur(req, 'reservataire') } : {}),
  };
  const confirmer = valeur(req, 'confirmer') === 'true';
  const rep = await api(req, res).envoyer<{ classement?: string }>(
    'POST',
    `/api/bailleurs/${enc(siren)}/evenements${requete({ confirmer: confirmer ? 'true' : undefined })}`,
    evenement,
  );
  if (rep.status === 201 || rep.status === 200) {
    const suite = requete({ evenement: evenement.id, date: evenement.date });
    res.redirect(303, `/bailleurs/${enc(siren)}/logements/${enc(id)}${suite}`);
    return;
  }
  if (rep.status !== 400 && rep.status !== 409) {
    corpsOuPage(req, res, rep);
    return;
  }
  const erreurs = erreursFormulaire(diagnosticsDe(rep.body));
  const anomalie = rep.status === 409 && rep.body.classement === 'anomalie';
  await orientation(req, res, { erreurs, anomalie }, rep.status);
}

export function pagesLogements(): Router {
  const r = Router();
  r.get('/bailleurs/:siren/logements', suivi);
  r.get('/bailleurs/:siren/logements/:id', fiche);
  r.get('/bailleurs/:siren/logements/:id/orientation', (req, res) => orientation(req, res));
  r.post('/bailleurs/:siren/logements/:id/orientation', orienter);
  return r;
}
