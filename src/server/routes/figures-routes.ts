/**
 * Live figures (per bailleur × département, per réservataire across bailleurs, per convention),
 * the explanation of one flat and the orientation suggestions. Every figure is the library's
 * (`evaluate`, `Orientation`) on the inputs written from the log: the service adds no rule.
 */
import { Router, type Request, type Response } from 'express';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { traduireAuService } from '../../diagnostics/dire-au-service.js';
import { etapesExpliquees } from '../../explain/format-explication.js';
import { Orientation } from '../../index.js';
import type { Contexte } from '../contexte.js';
import { exiger, introuvable } from '../http/acces.js';
import { langue } from '../http/erreur-http.js';
import { principal, versionLue } from '../http/authentifier.js';
import { declarer } from '../http/route.js';
import { ecrireEntrees, type Perimetre } from '../flux/entrees.js';
import {
  CacheFigures,
  etiquetteVersions,
  CHEMINS,
  corpsEnLangue,
  corpsEvaluation,
  evaluerEntrees,
  type CorpsEvaluation,
} from '../flux/figures.js';
import { annee, au, conventionsDe, date, refusBibliotheque } from '../flux/parametres-figures.js';
import { pairesDuReservataire } from '../flux/paires-reservataire.js';

const periode = (req: Request) => {
  const d = date(req);
  const a = au(req);
  return { annee: annee(req), ...(d !== undefined ? { date: d } : {}), ...(a ? { au: a } : {}) };
};

/**
 * The orientation's diagnostics (computed in French) in the request's language and in the
 * service's words (`direAuService`: « Logement … », not « --logement … »).
 */
const auService =
  (req: Request) =>
  <D extends Diagnostic>(d: D): D =>
    traduireAuService(d, langue(req));

/** Runs a library call; its usage errors become 400 diagnostics. */
async function bibliotheque<T>(req: Request, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw refusBibliotheque(req, e);
  }
}

/** The query parameters of the three figures routes (bailleur × département, réservataire, convention). */
const REQUETE_FIGURES = {
  annee: 'Année évaluée (AAAA), obligatoire.',
  date: 'Date d’évaluation (AAAA-MM-JJ ; défaut : fin de l’année).',
  au: 'Les chiffres tels qu’ils étaient à cet instant du journal (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
};

/** The live figures of a bailleur × département, under /api (`authentifierAvecVersion` too). */
export const CHEMIN_FIGURES = '/bailleurs/:siren/departements/:dep/figures';

type EtagFn = (corps: Buffer, encodage: string) => string | undefined;

/** The ETags of the kept bodies, by the application's `etag fn` (as `res.send` computes it). */
const etags = new WeakMap<Buffer, string | undefined>();

function etagDe(res: Response, o: Buffer): string | undefined {
  if (etags.has(o)) return etags.get(o);
  const fn = res.app.get('etag fn') as EtagFn | false | undefined;
  const e = fn ? fn(o, 'utf8') : undefined;
  etags.set(o, e);
  return e;
}

export function routesFigures(ctx: Contexte, cache = new CacheFigures(ctx.base.db)): Router {
  const r = Router();
  const db = ctx.base.db;

  /**
   * The evaluation of a bailleur × département (cached while the log does not move); `lue`: its
   * data version, read with the principal (`authentifierAvecVersion`).
   */
  const figures = (req: Request, bailleur: string, departement: string, lue?: string) =>
    bibliotheque(req, async () => {
      const t0 = performance.now();
      const f = await cache.figures({ bailleur, departement, ...periode(req) }, lue);
      return { ...f, ms: performance.now() - t0 };
    });

  /**
   * `octets`: the body already serialised and encoded, kept per version (the same bytes as
   * `res.json(corps)`), sent with its ETag computed once by the application's own ETag function.
   */
  const envoyer = (
    res: Response,
    f: { versions: readonly string[]; ms: number },
    corps: unknown,
    octets?: () => Buffer,
  ) => {
    res.set('X-Convflux-Version-Donnees', etiquetteVersions(f.versions));
    res.vary('Accept-Language');
    res.set('Server-Timing', `figures;dur=${f.ms.toFixed(1)}`);
    if (!octets) {
      res.json(corps);
      return;
    }
    const o = octets();
    const e = etagDe(res, o);
    if (e) res.set('ETag', e);
    res.type('json').send(o);
  };

  declarer(
    r,
    {
      methode: 'get',
      chemin: CHEMIN_FIGURES,
      requete: REQUETE_FIGURES,
      requis: ['annee'],
      groupe: 'figures',
      resume:
        'Les chiffres vivants d’un bailleur dans un département (dû, réalisé, objectifs, alertes) : la réponse de convflux evaluate --json sur les mêmes données (annee=, date=, au=).',
      acces: 'lire',
      portee: 'bailleur',
    },
    async (req: Request, res: Response) => {
      const siren = String(req.params['siren']);
      exiger(req, principal(res), 'lire', { type: 'bailleur', siren });
      const dep = String(req.params['dep']);
      const f = await figures(req, siren, dep, versionLue(res, siren, dep));
      const lang = langue(req);
      // The kept bytes are the French body; in English the body is said again (`corpsEnLangue`).
      if (lang === 'fr') envoyer(res, { versions: [f.version], ms: f.ms }, f.corps, f.octets);
      else envoyer(res, { versions: [f.version], ms: f.ms }, corpsEnLangue(f.corps, lang));
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/reservataires/:rid/figures',
      requete: REQUETE_FIGURES,
      requis: ['annee'],
      groupe: 'figures',
      resume:
        'Les chiffres vivants d’un réservataire : ses conventions seulement, chez tous les bailleurs (annee=, date=, au=).',
      acces: 'lire',
      portee: 'réservataire',
    },
    async (req: Request, res: Response) => {
      const rid = String(req.params['rid']);
      exiger(req, principal(res), 'lire', { type: 'reservataire', id: rid });
      const p = periode(req);
      const paires = await pairesDuReservataire(db, rid, p.au);
      const parties: CorpsEvaluation['conventions'] = [];
      let ok = true;
      let dateEval = p.date ?? `${String(p.annee)}-12-31`;
      const lues = { versions: [] as string[], ms: 0 };
      for (const x of paires) {
        const f = await figures(req, x.bailleur, x.departement);
        const siens = conventionsDe(
          corpsEnLangue(f.corps, langue(req)),
          (c) => c.reservataire.id === rid,
        );
        ok &&= siens.ok;
        dateEval = siens.date;
        parties.push(...siens.conventions);
        lues.versions.push(f.version);
        lues.ms += f.ms;
      }
      envoyer(res, lues, { ok, annee: p.annee, date: dateEval, conventions: parties });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/figures',
      requete: REQUETE_FIGURES,
      requis: ['annee'],
      groupe: 'figures',
      resume: 'Les chiffres vivants d’une convention, pour ses deux parties (annee=, date=, au=).',
      acces: 'lire',
      portee: 'bailleur ou réservataire de la convention',
    },
    async (req: Request, res: Response) => {
      const cid = String(req.params['cid']);
      const c = await db
        .selectFrom('convention_version')
        .select(['bailleur', 'departement', 'reservataire'])
        .where('convention_id', '=', cid)
        .executeTakeFirst();
      if (!c) throw introuvable(req);
      exiger(req, principal(res), 'lire', {
        type: 'convention',
        bailleur: c.bailleur,
        reservataire: c.reservataire,
      });
      const f = await figures(req, c.bailleur, c.departement);
      envoyer(
        res,
        { versions: [f.version], ms: f.ms },
        conventionsDe(corpsEnLangue(f.corps, langue(req)), (x) => x.id === cid),
      );
    },
  );

  routesLogement(r, ctx);
  return r;
}

/** The département of a flat of the bailleur (404 when the bailleur has no such flat). */
async function logement(
  ctx: Contexte,
  req: Request,
  res: Response,
): Promise<Perimetre & { id: string }> {
  const siren = String(req.params['siren']);
  exiger(req, principal(res), 'lire', { type: 'bailleur', siren });
  const id = String(req.params['id']);
  const l = await ctx.base.db
    .selectFrom('logement')
    .select('departement')
    .where('bailleur', '=', siren)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!l) throw introuvable(req);
  const a = au(req);
  return { id, bailleur: siren, departement: l.departement, ...(a ? { au: a } : {}) };
}

/** Explanation and orientation: flat-level data, for the bailleur's members only. */
function routesLogement(r: Router, ctx: Contexte): void {
  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/logements/:id/explication',
      requete: {
        annee: 'Année évaluée (AAAA), obligatoire.',
        date: 'Date d’évaluation (AAAA-MM-JJ).',
        au: 'Le journal tel qu’il était à cet instant (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
      },
      requis: ['annee'],
      groupe: 'figures',
      resume:
        'Le parcours d’un logement pas à pas : convflux evaluate --explain --json (annee=, date=, au=).',
      acces: 'lire',
      portee: 'bailleur',
    },
    async (req: Request, res: Response) => {
      const p = await logement(ctx, req, res);
      const an = annee(req);
      const d = date(req);
      const entrees = await ecrireEntrees(ctx.base.db, p);
      try {
        const r = await bibliotheque(req, () =>
          evaluerEntrees(entrees, { annee: an, explain: p.id, ...(d ? { date: d } : {}) }),
        );
        const x = r.explication ?? { logement: p.id, etapes: [], conventions: {}, points: {} };
        // The words of the steps (the alerts' labels) in the request's language, as --lang.
        const etapes = await etapesExpliquees(x, langue(req));
        res.vary('Accept-Language');
        res.json({
          ok: corpsEvaluation(r.evaluation).ok && x.parc !== undefined,
          logement: x.logement,
          parc: x.parc ?? null,
          parcours: x.parcours ?? null,
          etapes,
          points: x.points,
        });
      } finally {
        entrees.close();
      }
    },
  );

  /**
   * Opens the orientation on the inputs written from the log and runs `utiliser` on it; the inputs'
   * folder is removed after, not before: a flat without liberation is looked up in the parc file
   * again (`ligneDuParc`), which was gone — every never-freed flat was « not in the parc ».
   */
  const orientation = async <T>(
    req: Request,
    p: Perimetre,
    utiliser: (o: Orientation) => Promise<T> | T,
  ): Promise<T> => {
    const d = date(req);
    const entrees = await ecrireEntrees(ctx.base.db, p);
    try {
      return await bibliotheque(req, async () => {
        const o = await Orientation.ouvrir({
          rules: [CHEMINS.rules],
          parc: entrees.parc,
          evenements: [entrees.evenements],
          cwd: entrees.dossier,
          lang: 'fr',
          ...(d ? { date: d } : {}),
        });
        return utiliser(o);
      });
    } finally {
      entrees.close();
    }
  };

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/logements/:id/orientation',
      requete: {
        date: 'Date de la suggestion (AAAA-MM-JJ).',
        au: 'Le journal tel qu’il était à cet instant (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
      },
      groupe: 'figures',
      resume:
        'Les réservataires suggérés pour un logement libéré : convflux orient --logement --json (date=, au=).',
      acces: 'lire',
      portee: 'bailleur',
    },
    async (req: Request, res: Response) => {
      const p = await logement(ctx, req, res);
      const corps = await orientation(req, p, async (o) => {
        const s = await o.suggerer(p.id);
        const diagnostics = [...o.diagnostics, ...s.diagnostics].map(auService(req));
        return {
          ok: !diagnostics.some((x) => x.severity === 'error'),
          date: o.date,
          suggestion: s.suggestion ?? null,
          diagnostics,
        };
      });
      res.json(corps);
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/orientations',
      requete: {
        departement: 'Ne garde que les logements de ce département.',
        date: 'Date de la suggestion (AAAA-MM-JJ).',
        au: 'Le journal tel qu’il était à cet instant (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
      },
      groupe: 'figures',
      resume:
        'Tous les logements libérés non encore orientés, avec leur suggestion : convflux orient --all-open --json (departement=, date=, au=).',
      acces: 'lire',
      portee: 'bailleur',
    },
    async (req: Request, res: Response) => {
      const siren = String(req.params['siren']);
      exiger(req, principal(res), 'lire', { type: 'bailleur', siren });
      const dep = typeof req.query['departement'] === 'string' ? req.query['departement'] : '';
      const a = au(req);
      const perimetre = {
        bailleur: siren,
        ...(dep ? { departement: dep } : {}),
        ...(a ? { au: a } : {}),
      };
      const corps = await orientation(req, perimetre, (o) => {
        const diagnostics = o.diagnostics.map(auService(req));
        return {
          ok: !diagnostics.some((x) => x.severity === 'error'),
          date: o.date,
          logements: o.ouverts(),
          diagnostics,
        };
      });
      res.json(corps);
    },
  );
}
