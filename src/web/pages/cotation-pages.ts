/**
 * Cotation for an EPCI's members: its grids (filed through the API, checked there), a grid's
 * criteria and weights with the API's check diagnostics, scoring a pasted requests file with each
 * score explained (the library's explanation of the API's cotation), and the relevé of one
 * request (relayed from the API). Only the requests' unique numbers are shown.
 */
import { Router, type Request, type Response } from 'express';
import type { Grille } from '../../check/grille/grille.js';
import { motsDateRetenue } from '../../cotation/date-retenue.js';
import { lignesExplication, type LigneExplication } from '../../cotation/format-cotation.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Principal } from '../../server/auth/principal.js';
import { organisationNommee } from '../navigation.js';
import type { CotationDite } from '../../cotation/priorite-renseignee.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { api, type ReponseApi } from '../api-interne.js';
import { diagnosticsDe } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import { champ, interpoler, relayer, seg } from './documents-relais.js';

interface GrilleListee {
  nom: string;
  sha256: string;
  cree_le: string;
}

interface Verification {
  ok: boolean;
  diagnostics: Diagnostic[];
  grille: Grille | null;
}

interface Resultat {
  grille: string;
  date: string;
  /** `prioritaire: null`: the file does not say (non renseigné). */
  cotations: CotationDite[];
  rejets: Diagnostic[];
  diagnostics: Diagnostic[];
}

const base = (siren: string) => `/epci/${seg(siren)}/cotation`;
const apiEpci = (siren: string) => `/api/epci/${seg(siren)}`;

/** Diagnostics as table rows (line:column when the API gives one). */
const lignesDiagnostics = (ds: Diagnostic[]) =>
  ds.map((d) => ({
    ...d,
    position: d.line > 0 ? `${String(d.line)}:${String(d.column)}` : '—',
    classe: d.severity === 'error' ? 'erreur' : d.severity === 'warning' ? 'attention' : 'neutre',
  }));

interface Saisie {
  yaml?: string;
  demandes?: string;
  date?: string;
  diagnosticsGrille?: Diagnostic[];
  verifiee?: boolean;
  erreursCotation?: Diagnostic[];
  status?: number;
}

async function vueCotation(req: Request, res: Response, s: Saisie = {}): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const siren = String(req.params['siren']);
  const rep = await api(req, res).get<{ grilles: GrilleListee[] }>(`${apiEpci(siren)}/grilles`);
  const g = corpsOuPage(req, res, rep);
  if (!g) return;
  page(
    req,
    res,
    'cotation',
    {
      siren,
      base: base(siren),
      grilles: g.grilles.map((x) => ({ ...x, href: `${base(siren)}/grilles/${seg(x.nom)}` })),
      derniere: g.grilles[g.grilles.length - 1]?.nom,
      yaml: s.yaml ?? '',
      demandes: s.demandes ?? '',
      dateCotation: s.date ?? '',
      diagnosticsGrille: s.diagnosticsGrille ? lignesDiagnostics(s.diagnosticsGrille) : undefined,
      verifiee: s.verifiee,
      erreursCotation: s.erreursCotation?.map((d) => d.message),
    },
    {
      titre: `${t(lang, 'cot_titre')} — ${organisationNommee(res.locals['principal'] as Principal | undefined, 'epci', siren, lang)}`,
      status: s.status ?? 200,
    },
  );
}

/**
 * One line of a score's explanation. A criterion's line names it by the grid's own labels, which
 * the EPCI wrote in French: they are marked `lang="fr"` (a screen reader says them in French),
 * the rest is in the page's language.
 */
function ligneExplication(l: LigneExplication, lang: Lang) {
  if ('texte' in l) return { texte: l.texte, sous: false };
  return {
    libelle: `– ${l.critere}`,
    suite: `${lang === 'fr' ? ' : ' : ': '}${l.poids}`,
    sous: true,
  };
}

/** The grid's YAML as filed, then the API's check of it (diagnostics and the grid read). */
async function grilleVerifiee(
  req: Request,
  res: Response,
  siren: string,
  nom: string,
): Promise<{ yaml: string; v: Verification } | undefined> {
  const a = api(req, res);
  const ry = await a.get<string>(`${apiEpci(siren)}/grilles/${seg(nom)}`);
  const yaml = corpsOuPage(req, res, ry);
  if (yaml === undefined) return undefined;
  const rv = await a.envoyer<Verification>(
    'POST',
    `${apiEpci(siren)}/grilles/verification`,
    yaml,
    'application/yaml',
  );
  const v = corpsOuPage(req, res, rv);
  return v ? { yaml, v } : undefined;
}

function criteres(g: Grille, lang: 'fr' | 'en') {
  const unite = t(lang, g.combinaison === 'multiplicative' ? 'cot_coefficient' : 'cot_points');
  return g.groupes.flatMap((grp) =>
    grp.criteres.flatMap((c) =>
      c.valeurs?.length
        ? c.valeurs.map((v) => ({
            groupe: grp.libelle,
            critere: `${c.libelle} — ${v.libelle}`,
            poids: v.coefficient ?? v.points,
            unite,
          }))
        : [
            {
              groupe: grp.libelle,
              critere: c.libelle,
              poids: c.coefficient ?? c.points ?? grp.coefficient ?? grp.points,
              unite,
            },
          ],
    ),
  );
}

async function pageGrille(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const siren = String(req.params['siren']);
  const nom = String(req.params['nom']);
  const r = await grilleVerifiee(req, res, siren, nom);
  if (!r) return;
  const g = r.v.grille;
  page(
    req,
    res,
    'cotation-grille',
    {
      siren,
      nom,
      base: base(siren),
      grille: g,
      deposee: req.query['deposee'] === '1' ? interpoler(t(lang, 'cot_deposee'), { nom }) : '',
      anciennete: g
        ? interpoler(t(lang, 'cot_anciennete_texte'), {
            p: g.anciennete.points_par_mois,
            depuis: t(lang, `cot_depuis_${g.anciennete.depuis}`),
            refus: t(lang, `cot_refus_${g.anciennete.refus}`),
          })
        : '',
      combinaison: g ? t(lang, `cot_combinaison_${g.combinaison}`) : '',
      dateRetenue: g ? motsDateRetenue(g, lang) : '',
      criteres: g ? criteres(g, lang) : [],
      ok: r.v.ok,
      diagnostics: lignesDiagnostics(r.v.diagnostics),
    },
    {
      titre: `${t(lang, 'cot_grille')} ${nom} — ${organisationNommee(res.locals['principal'] as Principal | undefined, 'epci', siren, lang)}`,
    },
  );
}

async function deposerOuVerifier(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  const yaml = champ(req, 'yaml');
  const verifier = champ(req, 'action') === 'verifier';
  const a = api(req, res);
  const chemin = `${apiEpci(siren)}/grilles${verifier ? '/verification' : ''}`;
  const rep: ReponseApi = await a.envoyer('POST', chemin, yaml, 'application/yaml');
  if (rep.status === 201) {
    const nom = (rep.body as { nom: string }).nom;
    res.redirect(303, `${base(siren)}/grilles/${seg(nom)}?deposee=1`);
    return;
  }
  if (rep.status === 200 || rep.status === 400 || rep.status === 409) {
    const diagnostics =
      rep.status === 200 ? (rep.body as Verification).diagnostics : diagnosticsDe(rep.body);
    await vueCotation(req, res, {
      yaml,
      diagnosticsGrille: diagnostics,
      verifiee: rep.status === 200 && (rep.body as Verification).ok,
      status: rep.status === 200 ? 200 : 400,
    });
    return;
  }
  corpsOuPage(req, res, rep);
}

async function coter(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const siren = String(req.params['siren']);
  const demandes = champ(req, 'demandes');
  const date = champ(req, 'date');
  const grille = champ(req, 'grille');
  const q = new URLSearchParams({ date, ...(grille ? { grille } : {}) });
  const rep = await api(req, res).envoyer<Resultat>(
    'POST',
    `${apiEpci(siren)}/cotation?${q.toString()}`,
    demandes,
    'text/csv',
  );
  if (rep.status === 400 || rep.status === 422) {
    await vueCotation(req, res, {
      demandes,
      date,
      erreursCotation: diagnosticsDe(rep.body),
      status: 400,
    });
    return;
  }
  const r = corpsOuPage(req, res, rep);
  if (!r) return;
  const v = await grilleVerifiee(req, res, siren, r.grille);
  if (!v) return;
  const g = v.v.grille;
  page(
    req,
    res,
    'cotation-resultats',
    {
      siren,
      base: base(siren),
      grille: r.grille,
      dateCotation: r.date,
      demandes,
      caption: interpoler(t(lang, 'cot_resultats_caption'), { grille: r.grille, date: r.date }),
      cotations: r.cotations.map((c) => ({
        ...c,
        nonDite: c.prioritaire === null,
        explication: g
          ? lignesExplication(
              { ...c, prioritaire: c.prioritaire === true },
              g,
              r.date,
              lang,
              c.prioritaire === null,
            )
              .slice(1)
              .map((l) => ligneExplication(l, lang))
          : [],
      })),
      rejets: r.rejets.map((d) => ({ ligne: d.line, message: d.message })),
      diagnostics: r.diagnostics.map((d) => d.message),
    },
    {
      titre: `${t(lang, 'cot_resultats')} — ${organisationNommee(res.locals['principal'] as Principal | undefined, 'epci', siren, lang)}`,
    },
  );
}

async function releve(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  const numero = champ(req, 'numero');
  const format = champ(req, 'format') === 'pdf' ? 'pdf' : 'html';
  const q = new URLSearchParams({
    date: champ(req, 'date'),
    numero,
    format,
    ...(champ(req, 'grille') ? { grille: champ(req, 'grille') } : {}),
  });
  const rep = await api(req, res).brut(`${apiEpci(siren)}/cotation/releve?${q.toString()}`, {
    method: 'POST',
    body: champ(req, 'demandes'),
    headers: { 'content-type': 'text/csv' },
  });
  const nom = `releve-${numero.replace(/[^\w-]/g, '')}.${format}`;
  const erreurs = await relayer(req, res, rep, nom);
  if (erreurs)
    await vueCotation(req, res, {
      demandes: champ(req, 'demandes'),
      date: champ(req, 'date'),
      erreursCotation: erreurs,
      status: 400,
    });
}

export function pagesCotation(): Router {
  const r = Router();
  r.get('/epci/:siren/cotation', (req, res) => vueCotation(req, res));
  r.post('/epci/:siren/cotation/grilles', deposerOuVerifier);
  r.get('/epci/:siren/cotation/grilles/:nom', pageGrille);
  r.post('/epci/:siren/cotation', coter);
  r.post('/epci/:siren/cotation/releve', releve);
  return r;
}
