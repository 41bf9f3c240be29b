/**
 * The dashboards: a bailleur's in one département, a réservataire's across its bailleurs. Every
 * number is the figures routes' (`evaluate` on the inputs written from the log, through the same
 * cache) at the end of each month of the year; the library groups them (`tableauDeBord`) and
 * draws the charts with their text alternatives (`graphiquesPilotage`). Same permission as the
 * figures: a réservataire sees its own conventions only.
 */
import { Router, type Request, type Response } from 'express';
import { checkDates } from '../../engine/evaluate.js';
import {
  finsDeMois,
  graphiquesPilotage,
  tableauDeBord,
  type EvaluationPilotage,
} from '../../index.js';
import type { Contexte } from '../contexte.js';
import { traduireAuService } from '../../diagnostics/dire-au-service.js';
import { exiger } from '../http/acces.js';
import { langue } from '../http/erreur-http.js';
import { principal } from '../http/authentifier.js';
import { declarer } from '../http/route.js';
import { aujourdhui } from '../echeancier/echeances.js';
import { CacheFigures, type CorpsEvaluation } from '../flux/figures.js';
import { annee, au, conventionsDe, date, refusBibliotheque } from '../flux/parametres-figures.js';
import { pairesDuReservataire } from '../flux/paires-reservataire.js';

const REQUETE = {
  annee:
    'Année du tableau de bord (AAAA ; défaut : celle du dernier événement enregistré jusqu’au jour du service, sinon l’année du jour).',
  date: 'Date d’évaluation (AAAA-MM-JJ ; défaut : fin de l’année) : le dernier point mensuel.',
  au: 'Les chiffres tels qu’ils étaient à cet instant du journal (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
};

/** The years of the recorded events of these bailleurs up to `jour` (AAAA-MM-JJ), in order. */
async function anneesEvenements(
  db: Contexte['base']['db'],
  bailleurs: readonly string[],
  jour: string,
): Promise<number[]> {
  if (!bailleurs.length) return [];
  const r = await db
    .selectFrom('evenement')
    .select((e) => [e.fn.min('date').as('premiere'), e.fn.max('date').as('derniere')])
    .where('bailleur', 'in', [...bailleurs])
    .where('date', '<=', jour)
    .executeTakeFirst();
  const de = Number((r?.premiere ?? '').slice(0, 4));
  const a = Number((r?.derniere ?? '').slice(0, 4));
  if (!de || !a) return [];
  return Array.from({ length: a - de + 1 }, (_, i) => de + i);
}

/**
 * The year asked, or by default the last year with a recorded event (the service's year when
 * there is none); the month ends up to the date (checked as `evaluate` checks them) and `au`.
 */
function periode(req: Request, annees: readonly number[], jour: string) {
  const parDefaut = annees[annees.length - 1] ?? Number(jour.slice(0, 4));
  const a = req.query['annee'] === undefined ? parDefaut : annee(req);
  const d = date(req);
  let fin: string;
  try {
    fin = checkDates(a, d);
  } catch (e) {
    throw refusBibliotheque(req, e);
  }
  const instant = au(req);
  return {
    annee: a,
    dates: finsDeMois(a, fin),
    annees: [...new Set([...annees, a])].sort((x, y) => x - y),
    ...(instant ? { au: instant } : {}),
  };
}

/** The dashboard's answer: its figures, its charts (SVG, text alternative, table). */
function corps(
  moments: EvaluationPilotage[],
  ok: boolean,
  annees: number[],
  plus: Record<string, string>,
  lang: 'fr' | 'en' = 'fr',
) {
  const brut = tableauDeBord(moments);
  // The figures are evaluated once, in French: the alerts are said again in the asked language.
  const tableau = {
    ...brut,
    alertes: brut.alertes.map((a) => traduireAuService(a, lang)),
    conventions: brut.conventions.map((c) => ({
      ...c,
      alertes: c.alertes.map((a) => traduireAuService(a, lang)),
    })),
  };
  return {
    ok,
    annee: tableau.annee,
    date: tableau.date,
    /** The years with recorded events (and the one shown), for a year selector. */
    annees,
    ...plus,
    tableau,
    graphiques: graphiquesPilotage(tableau, lang),
  };
}

/**
 * The dashboard's JSON kept per request (bailleur, département, year, dates) while the data's
 * versions of its month-end evaluations are the same: the groupings and the charts (ECharts on
 * the server) are drawn once per change of the data, not once per visit.
 */
class ReponsesMemorisees {
  private readonly entrees = new Map<string, { versions: string; json: string }>();
  constructor(private readonly taille = 64) {}

  obtenir(cle: string, versions: string, calculer: () => unknown): string {
    const connue = this.entrees.get(cle);
    if (connue?.versions === versions) return connue.json;
    const json = JSON.stringify(calculer());
    this.entrees.delete(cle);
    this.entrees.set(cle, { versions, json });
    const premiere = this.entrees.keys().next().value;
    if (this.entrees.size > this.taille && premiere !== undefined) this.entrees.delete(premiere);
    return json;
  }
}

export function routesPilotage(ctx: Contexte, cache = new CacheFigures(ctx.base.db, 256)): Router {
  const r = Router();
  const db = ctx.base.db;

  /** The evaluations of a bailleur × département at each date (cached as the figures). */
  const evaluations = async (
    req: Request,
    p: ReturnType<typeof periode>,
    bailleur: string,
    departement: string,
  ): Promise<{ corps: CorpsEvaluation[]; versions: string }> => {
    const corps: CorpsEvaluation[] = [];
    const versions: string[] = [];
    try {
      // One after the other: the machine's cores serve other requests meanwhile.
      for (const d of p.dates) {
        const f = await cache.figures({
          bailleur,
          departement,
          annee: p.annee,
          date: d,
          ...(p.au ? { au: p.au } : {}),
        });
        corps.push(f.corps);
        versions.push(f.version);
      }
    } catch (e) {
      throw refusBibliotheque(req, e);
    }
    return { corps, versions: versions.join('\n') };
  };
  const reponses = new ReponsesMemorisees();

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/departements/:dep/tableau-de-bord',
      requete: REQUETE,
      groupe: 'figures',
      resume:
        'Le tableau de bord d’un bailleur dans un département : dû, réalisé, taux et écart par réservataire, objectifs par commune, parts indicatives, solde hors QPV, alertes, points de fin de mois et graphiques SVG avec leur alternative textuelle (annee=, date=, au=).',
      acces: 'lire',
      portee: 'bailleur',
    },
    async (req: Request, res: Response) => {
      const siren = String(req.params['siren']);
      exiger(req, principal(res), 'lire', { type: 'bailleur', siren });
      const departement = String(req.params['dep']);
      const p = periode(req, await anneesEvenements(db, [siren], aujourdhui(ctx)), aujourdhui(ctx));
      const { corps: moments, versions } = await evaluations(req, p, siren, departement);
      const lang = langue(req);
      const cle = JSON.stringify([
        siren,
        departement,
        p.annee,
        p.dates,
        p.au ?? '',
        p.annees,
        lang,
      ]);
      const json = reponses.obtenir(cle, versions, () => {
        const fin = moments[moments.length - 1];
        return corps(moments, fin?.ok ?? true, p.annees, { bailleur: siren, departement }, lang);
      });
      res.type('json').send(json);
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/reservataires/:rid/tableau-de-bord',
      requete: REQUETE,
      groupe: 'figures',
      resume:
        'Le tableau de bord d’un réservataire : ses conventions seulement, chez tous les bailleurs (dû, réalisé, taux, objectifs, alertes, points de fin de mois, graphiques ; annee=, date=, au=).',
      acces: 'lire',
      portee: 'réservataire',
    },
    async (req: Request, res: Response) => {
      const rid = String(req.params['rid']);
      exiger(req, principal(res), 'lire', { type: 'reservataire', id: rid });
      const instant = au(req);
      const paires = await pairesDuReservataire(db, rid, instant);
      const jour = aujourdhui(ctx);
      const bailleurs = [...new Set(paires.map((x) => x.bailleur))];
      const p = periode(req, await anneesEvenements(db, bailleurs, jour), jour);
      const moments: EvaluationPilotage[] = p.dates.map((d) => ({
        annee: p.annee,
        date: d,
        conventions: [],
      }));
      let ok = true;
      for (const x of paires) {
        const parDate = (await evaluations(req, p, x.bailleur, x.departement)).corps;
        parDate.forEach((e, i) => {
          const siens = conventionsDe(e, (c) => c.reservataire.id === rid);
          if (i === parDate.length - 1) ok &&= siens.ok;
          moments[i]?.conventions.push(...siens.conventions);
        });
      }
      res.json(corps(moments, ok, p.annees, { reservataire: rid }, langue(req)));
    },
  );
  return r;
}
