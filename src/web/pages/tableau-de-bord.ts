/**
 * The bailleur's dashboard (`/bailleurs/:siren`, per département) and the réservataire's view
 * (`/reservataires/:rid`): the API's dashboards (`/api/.../tableau-de-bord`) shown as tables and
 * charts (SVG drawn on the server, each with its text alternative and the table of its numbers).
 * Access and figures are the API's: a réservataire asking for another's address gets the 404 page.
 */
import { Router, type Request, type Response } from 'express';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Graphique } from '../../graphiques/graphique.js';
import type { LignePilotage, TableauDeBord } from '../../pilotage/tableau-de-bord.js';
import { api } from '../api-interne.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';

interface ReponseTableau {
  annee: number;
  date: string;
  annees: number[];
  tableau: TableauDeBord;
  graphiques: Graphique[];
}

interface ListeConventions {
  conventions: {
    id: string;
    departement: string;
    bailleur: string;
    reservataire: string;
    /** The parties' names as the convention's text gives them (null when it gives none). */
    bailleur_nom: string | null;
    reservataire_nom: string | null;
    versions: { version: number; statut: string }[];
  }[];
}

const ETIQUETTES: Record<string, string> = {
  atteint: 'succes',
  en_retard: 'attention',
  en_deca: 'attention',
  non_atteint: 'erreur',
  sans_objet: 'neutre',
  error: 'erreur',
  warning: 'attention',
  info: 'neutre',
};

const enc = encodeURIComponent;

/** `annee=` of the page, passed on to the API when it is a year (else the API's default). */
function requeteAnnee(req: Request): string {
  const a = req.query['annee'];
  return typeof a === 'string' && /^\d{4}$/.test(a) ? `?annee=${a}` : '';
}

const statut = (lang: Lang, s: string) => ({
  libelle: t(lang, `statut_${s}`),
  classe: ETIQUETTES[s] ?? 'neutre',
});

/** A convention version's status in the page's language (« Signée », "Signed"). */
const libelleStatut = (lang: Lang, s: string | undefined) =>
  s === undefined ? '' : t(lang, `cv_statut_${s}`);

/** What the templates read of a dashboard: rows with their labels, charts with their tables. */
function vueTableau(lang: Lang, r: ReponseTableau, pourReservataire: boolean) {
  // A bailleur reads its réservataires; a réservataire its conventions, one per bailleur.
  const nom = (c: LignePilotage) =>
    pourReservataire ? `${c.bailleur.nom} (${c.departement})` : c.reservataire.nom;
  const cs = r.tableau.conventions;
  return {
    titreChiffres: pourReservataire ? 'tdb_par_convention' : 'tdb_par_reservataire',
    colonneNom: pourReservataire ? 'tdb_bailleur' : 'tdb_reservataire',
    annee: r.annee,
    date: r.date,
    annees: r.annees.map((a) => ({ annee: a, choisie: a === r.annee })),
    vide: cs.length === 0,
    conventions: cs.map((c) => ({ ...c, nom: nom(c) })),
    totaux: r.tableau.totaux,
    objectifs: cs.flatMap((c) =>
      c.objectifs.map((o) => ({ ...o, nom: nom(c), statut: statut(lang, o.statut) })),
    ),
    horsQpv: cs.flatMap((c) =>
      c.hors_qpv
        ? [
            {
              nom: nom(c),
              ...c.hors_qpv,
              solde: Math.round((c.hors_qpv.realise - c.hors_qpv.cible) * 1e6) / 1e6,
              statut: statut(lang, c.hors_qpv.statut),
            },
          ]
        : [],
    ),
    parts: cs.flatMap((c) =>
      c.parts_indicatives.map((o) => ({ ...o, nom: nom(c), statut: statut(lang, o.statut) })),
    ),
    alertes: [
      ...r.tableau.alertes.map((a) => ({ ...a, nom: '—' })),
      ...cs.flatMap((c) => c.alertes.map((a) => ({ ...a, nom: nom(c) }))),
    ].map((a) => ({
      ...a,
      gravite: {
        libelle: t(lang, `gravite_${a.severity}`),
        classe: ETIQUETTES[a.severity] ?? 'neutre',
      },
    })),
    graphiques: r.graphiques
      .filter((g) => g.svg)
      .map((g) => ({ ...g, parts: g.cle === 'typologies' })),
  };
}

async function tableauBailleur(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const siren = String(req.params['siren']);
  const a = api(req, res);
  const liste = corpsOuPage(
    req,
    res,
    await a.get<ListeConventions>(`/api/conventions?bailleur=${enc(siren)}`),
  );
  if (!liste) return;
  const departements = [...new Set(liste.conventions.map((c) => c.departement))].sort();
  const demande = typeof req.query['departement'] === 'string' ? req.query['departement'] : '';
  const dep = departements.includes(demande) ? demande : (departements[0] ?? '00');
  const r = corpsOuPage(
    req,
    res,
    await a.get<ReponseTableau>(
      `/api/bailleurs/${enc(siren)}/departements/${enc(dep)}/tableau-de-bord${requeteAnnee(req)}`,
    ),
  );
  if (!r) return;
  const nom =
    r.tableau.conventions[0]?.bailleur.nom ??
    liste.conventions.find((c) => c.bailleur_nom)?.bailleur_nom ??
    siren;
  page(
    req,
    res,
    'tableau-de-bord',
    {
      ...vueTableau(lang, r, false),
      siren,
      nomBailleur: nom,
      departement: dep,
      departements: departements.map((d) => ({ code: d, choisi: d === dep })),
      // The figures the page shows, watched by actualisation.js (live updates).
      sourceActualisation: `/api/bailleurs/${enc(siren)}/departements/${enc(dep)}/figures?annee=${String(r.annee)}`,
    },
    {
      titre: `${t(lang, 'tdb_titre')} — ${nom} (${dep}) — ${String(r.annee)}`,
      scripts: ['actualisation'],
    },
  );
}

async function vueReservataire(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const lang = langue(req, res);
  const rid = String(req.params['rid']);
  const a = api(req, res);
  const r = corpsOuPage(
    req,
    res,
    await a.get<ReponseTableau>(
      `/api/reservataires/${enc(rid)}/tableau-de-bord${requeteAnnee(req)}`,
    ),
  );
  if (!r) return;
  const liste = corpsOuPage(
    req,
    res,
    await a.get<ListeConventions>(`/api/conventions?reservataire=${enc(rid)}`),
  );
  if (!liste) return;
  const noms = new Map(r.tableau.conventions.map((c) => [c.convention, c]));
  const nom =
    r.tableau.conventions[0]?.reservataire.nom ??
    liste.conventions.find((c) => c.reservataire_nom)?.reservataire_nom ??
    rid;
  const nomBailleur = (c: ListeConventions['conventions'][number]) =>
    noms.get(c.id)?.bailleur.nom ?? c.bailleur_nom ?? undefined;
  const conventions = liste.conventions.map((c) => {
    const derniere = c.versions[c.versions.length - 1];
    return {
      id: c.id,
      bailleur: nomBailleur(c) ?? c.bailleur,
      siren: nomBailleur(c) ? c.bailleur : undefined,
      departement: c.departement,
      version: noms.get(c.id)?.version ?? derniere?.version,
      statut: libelleStatut(lang, noms.get(c.id)?.statut ?? derniere?.statut),
    };
  });
  const paires = [
    ...new Map(liste.conventions.map((c) => [`${c.bailleur}|${c.departement}`, c])).values(),
  ];
  const bilans = paires.map((c) => {
    const base = `/api/bailleurs/${enc(c.bailleur)}/departements/${enc(c.departement)}/bilan/${String(r.annee)}`;
    return {
      libelle: `${t(lang, 'tdb_bilan_de')} ${String(r.annee)} — ${nomBailleur(c) ?? c.bailleur} (${c.departement})`,
      formats: ['pdf', 'csv', 'xlsx'].map((f) => ({
        format: f.toUpperCase(),
        href: `${base}?format=${f}&destinataire=${enc(rid)}`,
      })),
    };
  });
  page(
    req,
    res,
    'vue-reservataire',
    {
      ...vueTableau(lang, r, true),
      rid,
      nomReservataire: nom,
      listeConventions: conventions,
      bilans,
    },
    { titre: `${t(lang, 'tdb_vue_reservataire')} — ${nom} — ${String(r.annee)}` },
  );
}

export function pagesTableauDeBord(): Router {
  const r = Router();
  r.get('/bailleurs/:siren', (req, res, next) => {
    tableauBailleur(req, res).catch(next);
  });
  r.get('/reservataires/:rid', (req, res, next) => {
    vueReservataire(req, res).catch(next);
  });
  return r;
}
