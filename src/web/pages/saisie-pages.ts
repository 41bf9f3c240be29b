/**
 * Saisie: one form per event type (`/bailleurs/:siren/saisie?type=caleol&logement=ID`), posted to
 * the page, which sends the row to `POST /api/bailleurs/:siren/evenements`. The event's id is
 * drawn when the form is shown and kept through corrections, so sending the same form twice
 * records it once (the API is idempotent by id). The API's diagnostics are shown beside the field
 * their pointer names, with every value typed kept; an anomalous event is shown with its alerts
 * and recorded only when confirmed; a recorded one redirects (PRG) to the page with its
 * classification and the flat's events.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { api } from '../api-interne.js';
import { diagnosticsDe, erreursFormulaire, type ErreursFormulaire } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import {
  champsDu,
  ligneEvenement,
  TYPES_AUTRES,
  TYPES_PRINCIPAUX,
  typeEvenement,
  valeursPostees,
  vueChamps,
  type TypeEvenement,
  type Valeurs,
} from './saisie-champs.js';

interface EvenementApi {
  id: string;
  date: string;
  type: string;
  reservataire?: string;
  decision?: string;
  par?: string;
  motif?: string;
  classement: string;
}

interface ReponseEnregistrement {
  classement?: string;
  id?: string;
  deja_enregistre?: boolean;
  diagnostics: Diagnostic[];
}

const ID_SUR = /^[A-Za-z0-9._:-]{1,128}$/;
const texte = (v: unknown): string => (typeof v === 'string' ? v : '');
const chemin = (siren: string) => `/bailleurs/${encodeURIComponent(siren)}/saisie`;
const apiBailleur = (siren: string) => `/api/bailleurs/${encodeURIComponent(siren)}`;

/** The réservataires of the bailleur's conventions (the choices of the réservataire field). */
async function reservataires(req: Request, res: Response, siren: string): Promise<string[]> {
  const rep = await api(req, res).get<{ conventions?: { reservataire: string }[] }>(
    `/api/conventions?bailleur=${encodeURIComponent(siren)}`,
  );
  const cs = rep.status === 200 ? (rep.body.conventions ?? []) : [];
  return [...new Set(cs.map((c) => c.reservataire))].sort();
}

function detail(e: EvenementApi, lang: Lang): string {
  if (e.decision) return t(lang, `sai_opt_decision_${e.decision}`);
  if (e.par) return `${t(lang, 'sai_champ_par')} : ${t(lang, `sai_opt_par_${e.par}`)}`;
  if (e.motif) return t(lang, `sai_opt_motif_${e.motif}`);
  return '';
}

function vueEvenement(e: EvenementApi, lang: Lang) {
  return {
    id: e.id,
    date: e.date,
    type: t(lang, `sai_type_${e.type}`),
    reservataire: e.reservataire ?? '',
    detail: detail(e, lang),
    classement: t(lang, `sai_classement_${e.classement}`),
    etiquette: etiquette(e.classement),
  };
}

const etiquette = (c: string): string =>
  c === 'valide' ? 'succes' : c === 'anomalie' ? 'attention' : 'erreur';

/** The flat's events from the API (none if the flat is not in the parc). */
async function evenementsDu(
  req: Request,
  res: Response,
  siren: string,
  logement: string,
): Promise<EvenementApi[] | undefined> {
  if (!logement) return undefined;
  const rep = await api(req, res).get<{ evenements: EvenementApi[] }>(
    `${apiBailleur(siren)}/logements/${encodeURIComponent(logement)}`,
  );
  return rep.status === 200 ? rep.body.evenements : undefined;
}

interface Etat {
  type: TypeEvenement;
  id: string;
  valeurs: Valeurs;
  erreurs?: ErreursFormulaire;
  anomalie?: string[];
  enregistre?: { evenement: EvenementApi; deja: boolean };
  status?: number;
}

function liensTypes(siren: string, courant: TypeEvenement, logement: string, lang: Lang) {
  const lien = (type: TypeEvenement) => ({
    href: `${chemin(siren)}?type=${type}${logement ? `&logement=${encodeURIComponent(logement)}` : ''}`,
    libelle: t(lang, `sai_type_${type}`),
    courant: type === courant,
  });
  return { principaux: TYPES_PRINCIPAUX.map(lien), autres: TYPES_AUTRES.map(lien) };
}

/** The errors on fields the form does not show (the hidden id…) go above the form. */
function surLesChamps(e: ErreursFormulaire, type: TypeEvenement): ErreursFormulaire {
  const visibles = new Set(champsDu(type).map((c) => c.nom));
  const champs: Record<string, string[]> = {};
  const generales = [...e.generales];
  for (const [nom, ms] of Object.entries(e.champs))
    if (visibles.has(nom)) champs[nom] = ms;
    else generales.push(...ms);
  const toutes = e.toutes.filter((x) => x.champ && visibles.has(x.champ));
  return { champs, generales, toutes };
}

async function afficher(req: Request, res: Response, siren: string, etat: Etat): Promise<void> {
  const lang = langue(req, res);
  const logement = texte(etat.valeurs['logement']);
  const evenements = await evenementsDu(req, res, siren, logement);
  const enregistre = etat.enregistre;
  page(
    req,
    res,
    'saisie',
    {
      siren,
      action: chemin(siren),
      type: etat.type,
      typeLibelle: t(lang, `sai_type_${etat.type}`),
      types: liensTypes(siren, etat.type, logement, lang),
      id: etat.id,
      champs: vueChamps(etat.type, etat.valeurs, await reservataires(req, res, siren), lang),
      erreurs: etat.erreurs,
      anomalie: etat.anomalie,
      enregistre: enregistre && {
        ...vueEvenement(enregistre.evenement, lang),
        deja: enregistre.deja,
      },
      logement,
      lienLogement: `/bailleurs/${encodeURIComponent(siren)}/logements/${encodeURIComponent(logement)}`,
      logementConnu: evenements !== undefined,
      evenements: evenements?.map((e) => vueEvenement(e, lang)).reverse(),
    },
    { titre: t(lang, 'sai_titre'), ...(etat.status ? { status: etat.status } : {}) },
  );
}

async function formulaire(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  // The bailleur's events are readable by its members only: the same 404 as the API otherwise.
  const acces = await api(req, res).get(`${apiBailleur(siren)}/imports`);
  if (corpsOuPage(req, res, acces) === undefined) return;
  const type = typeEvenement(req.query['type']) ?? 'designation';
  const logement = texte(req.query['logement']);
  const etat: Etat = { type, id: randomUUID(), valeurs: { logement } };
  const fait = texte(req.query['enregistre']);
  const evenements = fait ? await evenementsDu(req, res, siren, logement) : undefined;
  const evenement = evenements?.find((e) => e.id === fait);
  if (evenement) etat.enregistre = { evenement, deja: req.query['deja'] === '1' };
  await afficher(req, res, siren, etat);
}

async function enregistrer(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  const corps = (req.body ?? {}) as Record<string, unknown>;
  const type = typeEvenement(corps['type']) ?? 'designation';
  const id = ID_SUR.test(texte(corps['id'])) ? texte(corps['id']) : randomUUID();
  const valeurs = valeursPostees(type, corps);
  const confirmer = corps['confirmer'] === 'true';
  const rep = await api(req, res).envoyer<ReponseEnregistrement>(
    'POST',
    `${apiBailleur(siren)}/evenements${confirmer ? '?confirmer=true' : ''}`,
    ligneEvenement(id, type, valeurs),
  );
  const b = rep.body;
  if (rep.status === 201 || rep.status === 200) {
    const logement = encodeURIComponent(texte(valeurs['logement']));
    const deja = b.deja_enregistre ? '&deja=1' : '';
    res.redirect(
      303,
      `${chemin(siren)}?type=${type}&logement=${logement}&enregistre=${encodeURIComponent(id)}${deja}`,
    );
    return;
  }
  if (rep.status !== 400 && rep.status !== 409) {
    corpsOuPage(req, res, rep);
    return;
  }
  const diagnostics = diagnosticsDe(b);
  const etat: Etat = { type, id, valeurs, status: rep.status === 409 ? 409 : 400 };
  if (b.classement === 'anomalie')
    etat.anomalie = diagnostics.filter((d) => d.severity !== 'error').map((d) => d.message);
  else {
    etat.erreurs = surLesChamps(erreursFormulaire(diagnostics), type);
    // The id was taken by other content (a form sent back after a change): a new one.
    if (diagnostics.some((d) => d.code === 'SAISIE_ID_DEJA_PRIS')) etat.id = randomUUID();
  }
  await afficher(req, res, siren, etat);
}

export function pagesSaisie(): Router {
  const r = Router();
  r.get('/bailleurs/:siren/saisie', formulaire);
  r.post('/bailleurs/:siren/saisie', enregistrer);
  return r;
}
