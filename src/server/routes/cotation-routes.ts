/**
 * Cotation for an EPCI's members (policy resource `epci`): upload a grid (YAML in the
 * rules/cotation format, checked by the library's grid check), list and read grids, score a file of
 * demandes (`coterDemandes`, as `convflux cotation`), and the relevé of one demande. The files go
 * through a temporary folder in the CLI's layout; nothing of the demandes is stored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { donneesYaml } from '../../source/yaml-lib.js';
import { parseCotationLayout } from '../../check/cotation-layout.js';
import { chargerGrille } from '../../check/grille/load-grille.js';
import { coterDemandes } from '../../cotation/coter.js';
import { CSV_ENTETE, ligneCsv } from '../../cotation/format-cotation.js';
import { cotationDite } from '../../cotation/priorite-renseignee.js';
import type { Cotation } from '../../cotation/noter.js';
import { ecrireReleve } from '../../cotation/releve.js';
import { territoires } from '../../reference/territoires.js';
import { auditer } from '../audit.js';
import type { Contexte } from '../contexte.js';
import { exiger, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp, langue } from '../http/erreur-http.js';
import { parametre, parametreDate, parametreRequis } from '../http/parametres.js';
import { declarer } from '../http/route.js';

/** The relevé's formats (`?format=`, default the first): another value is refused, not read as HTML. */
const FORMATS_RELEVE = ['html', 'pdf'] as const;

const YAML = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];
const TABLE = ['text/csv', 'application/x-ndjson', 'text/plain'];
const GRILLE = { fr: 'une grille de cotation YAML', en: 'a YAML cotation grid' };
const DEMANDES = {
  fr: 'un fichier de demandes CSV ou NDJSON',
  en: 'a CSV or NDJSON file of demandes',
};
const texte = (types: string[]) => express.text({ type: types, limit: '20mb' });

/** The body as text: none answers 400, a body of another type (JSON, a form) 415 — it was a 400. */
function corpsTexte(
  req: Request,
  attendu: { fr: string; en: string },
  type: string,
  types: string[],
): string {
  const b: unknown = req.body;
  const autreType = !!req.headers['content-type'] && req.is(types) === false;
  if (autreType || typeof b !== 'string' || b.trim() === '')
    throw new ErreurHttp(autreType ? 415 : 400, 'SERVICE_CORPS_ATTENDU', {
      attendu: attendu[langue(req)],
      type,
    });
  return b;
}

const AUTRE_TYPE = { 415: 'Corps d’un autre type que ceux acceptés (SERVICE_CORPS_ATTENDU).' };

/** A temporary folder holding the grid at rules/cotation/<siren>/v<N>.yaml (and the demandes). */
function dossier(siren: string, nom: string, yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'convflux-cotation-'));
  const grille = join('cotation', siren, `${nom}.yaml`);
  mkdirSync(join(dir, 'cotation', siren), { recursive: true });
  writeFileSync(join(dir, grille), yaml);
  return {
    dir,
    grille,
    close: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The version a grid declares (`version:`), read before the full check names the file. */
function versionDeclaree(yaml: string): number {
  let data: unknown;
  try {
    data = donneesYaml(yaml);
  } catch {
    return 1; // the full check reports the syntax error at its line
  }
  const v = typeof data === 'object' && data !== null && 'version' in data ? data.version : 1;
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1;
}

/** The date a filed grid is in force from (`en_vigueur_le`), '' when it cannot be read. */
function enVigueurLe(yaml: string): string {
  let data: unknown;
  try {
    data = donneesYaml(yaml);
  } catch {
    return '';
  }
  const d =
    typeof data === 'object' && data !== null && 'en_vigueur_le' in data ? data.en_vigueur_le : '';
  return typeof d === 'string' ? d : '';
}

/**
 * A grid sent in a request, checked as `check` checks rules/cotation/<siren>/v<N>.yaml (the layout
 * check refuses a grid of another EPCI): its file name and what the loader read.
 */
async function lireGrilleEnvoyee(req: Request, siren: string, yaml: string) {
  const nom = `v${String(versionDeclaree(yaml))}`;
  const d = dossier(siren, nom, yaml);
  try {
    const chemin = join(d.dir, d.grille);
    const g = await chargerGrille(
      chemin,
      d.grille,
      langue(req),
      territoires(),
      parseCotationLayout(chemin),
    );
    return { nom, ...g };
  } finally {
    d.close();
  }
}

export function routesCotation(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;
  const epci = (req: Request) => String(req.params['siren']);

  /**
   * The grid named (?grille= or the route's), else the last version filed in force on `date`
   * (as `convflux cotation` scores only with the version that applies that day), else the last
   * filed (which then says from when it applies).
   */
  async function grille(req: Request, date?: string) {
    const siren = epci(req);
    let q = db
      .selectFrom('grille_cotation')
      .select(['nom', 'yaml', 'sha256'])
      .where('epci', '=', siren);
    const nom = parametre(req, 'grille') ?? (req.params['nom'] as string | undefined);
    if (nom) q = q.where('nom', '=', nom);
    const rows = await q.execute();
    rows.sort((a, b) => Number(b.nom.slice(1)) - Number(a.nom.slice(1)));
    const enVigueur =
      !nom && date !== undefined ? rows.find((x) => enVigueurLe(x.yaml) <= date) : undefined;
    const g = enVigueur ?? rows[0];
    if (!g) throw introuvable(req);
    return g;
  }

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/epci/:siren/grilles',
      groupe: 'cotation',
      resume:
        'Dépose une grille de cotation (YAML, format rules/cotation), vérifiée ; diagnostics à la ligne et à la colonne.',
      acces: 'rediger',
      portee: 'EPCI',
      corpsBrut: ['application/yaml'],
      reponses: AUTRE_TYPE,
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const siren = epci(req);
      exiger(req, p, 'rediger', { type: 'epci', siren });
      const yaml = corpsTexte(req, GRILLE, 'application/yaml', YAML);
      const g = await lireGrilleEnvoyee(req, siren, yaml);
      // The layout check also refuses a grid of another EPCI (COTATION_SIREN_INCOHERENT).
      if (!g.grille) throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', g.diagnostics);
      const nom = g.nom;
      const existe = await db
        .selectFrom('grille_cotation')
        .select('nom')
        .where('epci', '=', siren)
        .where('nom', '=', nom)
        .executeTakeFirst();
      if (existe) throw new ErreurHttp(409, 'SERVICE_EXISTE_DEJA', { objet: `La grille ${nom}` });
      const sha256 = createHash('sha256').update(yaml).digest('hex');
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('grille_cotation')
          .values({
            epci: siren,
            nom,
            yaml,
            sha256,
            cree_le: ctx.maintenant().toISOString(),
            cree_par: p.compte_id,
          })
          .execute();
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'grille.deposee',
          objet: `grille:${siren}/${nom}`,
          details: { sha256 },
        });
      });
      res.status(201).json({ epci: siren, nom, sha256 });
    },
    texte(YAML),
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/epci/:siren/grilles/verification',
      groupe: 'cotation',
      resume:
        'Vérifie une grille de cotation (YAML) sans la déposer : diagnostics à la ligne et à la colonne, et la grille lue quand elle n’a pas d’erreur.',
      acces: 'lire',
      portee: 'EPCI',
      corpsBrut: ['application/yaml'],
      reponses: AUTRE_TYPE,
    },
    async (req: Request, res: Response) => {
      const siren = epci(req);
      exiger(req, principal(res), 'lire', { type: 'epci', siren });
      const yaml = corpsTexte(req, GRILLE, 'application/yaml', YAML);
      const g = await lireGrilleEnvoyee(req, siren, yaml);
      res.json({ ok: Boolean(g.grille), diagnostics: g.diagnostics, grille: g.grille ?? null });
    },
    texte(YAML),
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/epci/:siren/grilles',
      groupe: 'cotation',
      resume: 'Les grilles de cotation de l’EPCI.',
      acces: 'lire',
      portee: 'EPCI',
    },
    async (req: Request, res: Response) => {
      const siren = epci(req);
      exiger(req, principal(res), 'lire', { type: 'epci', siren });
      const grilles = await db
        .selectFrom('grille_cotation')
        .select(['nom', 'sha256', 'cree_le'])
        .where('epci', '=', siren)
        .orderBy('nom')
        .execute();
      res.json({ epci: siren, grilles });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/epci/:siren/grilles/:nom',
      groupe: 'cotation',
      resume: 'Le texte YAML d’une grille, tel que déposé.',
      acces: 'lire',
      portee: 'EPCI',
      produit: ['application/yaml'],
    },
    async (req: Request, res: Response) => {
      exiger(req, principal(res), 'lire', { type: 'epci', siren: epci(req) });
      const g = await grille(req);
      res.type('application/yaml; charset=utf-8').set('x-sha256', g.sha256).send(g.yaml);
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/epci/:siren/cotation',
      requete: {
        date: 'Date de la cotation (AAAA-MM-JJ), obligatoire.',
        grille:
          'Nom de la grille (défaut : la dernière déposée en vigueur à la date, ou la dernière déposée).',
      },
      groupe: 'cotation',
      resume:
        'Cote un fichier de demandes (CSV ou NDJSON) avec une grille (?grille=, défaut la dernière en vigueur à la date) à une date (?date=) ; JSON, ou CSV avec Accept: text/csv.',
      acces: 'lire',
      portee: 'EPCI',
      corpsBrut: ['text/csv', 'application/x-ndjson'],
      reponses: AUTRE_TYPE,
      produit: ['application/json', 'text/csv'],
    },
    async (req: Request, res: Response) => {
      const siren = epci(req);
      exiger(req, principal(res), 'lire', { type: 'epci', siren });
      const date = parametreDate(req, 'date', '');
      if (!date)
        parametreRequis(req, 'date', { fr: 'une date AAAA-MM-JJ', en: 'a date YYYY-MM-DD' });
      const g = await grille(req, date);
      const ndjson = Boolean(req.is('application/x-ndjson'));
      const corps = corpsTexte(req, DEMANDES, 'text/csv', TABLE);
      const d = dossier(siren, g.nom, g.yaml);
      const cotations: Cotation[] = [];
      /** Those whose priority the file does not say (no column, an empty cell): non renseigné. */
      const nonDites = new Set<Cotation>();
      try {
        const demandes = ndjson ? 'demandes.ndjson' : 'demandes.csv';
        writeFileSync(join(d.dir, demandes), corps);
        const c = await coterDemandes({
          grille: d.grille,
          demandes,
          date,
          lang: langue(req),
          cwd: d.dir,
          onCotation: (x, _d, nonDite) => {
            cotations.push(x);
            if (nonDite) nonDites.add(x);
          },
        });
        if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
          res
            .type('text/csv; charset=utf-8')
            .send(
              [CSV_ENTETE, ...cotations.map((x) => ligneCsv(x, nonDites.has(x)))].join('\n') + '\n',
            );
          return;
        }
        res.json({
          ok: c.ok,
          grille: g.nom,
          date,
          entrees: c.entrees,
          cotations: cotations.map((x) => cotationDite(x, nonDites.has(x))),
          rejets: c.rejets,
          diagnostics: c.diagnostics,
        });
      } finally {
        d.close();
      }
    },
    texte(TABLE),
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/epci/:siren/cotation/releve',
      requete: {
        date: 'Date de la cotation (AAAA-MM-JJ), obligatoire.',
        numero: 'Numéro unique de la demande, obligatoire.',
        grille:
          'Nom de la grille (défaut : la dernière déposée en vigueur à la date, ou la dernière déposée).',
        format: { description: 'pdf pour un PDF (défaut : html).', valeurs: FORMATS_RELEVE },
      },
      groupe: 'cotation',
      resume:
        'Le relevé de cotation d’une demande (?numero=) : le fichier de demandes entier est coté (le rang en dépend) ; HTML, ou PDF avec ?format=pdf.',
      acces: 'lire',
      portee: 'EPCI',
      corpsBrut: ['text/csv', 'application/x-ndjson'],
      reponses: AUTRE_TYPE,
      produit: ['text/html', 'application/pdf'],
    },
    async (req: Request, res: Response) => {
      const siren = epci(req);
      exiger(req, principal(res), 'lire', { type: 'epci', siren });
      const date = parametreDate(req, 'date', '');
      if (!date)
        parametreRequis(req, 'date', { fr: 'une date AAAA-MM-JJ', en: 'a date YYYY-MM-DD' });
      const numero = parametreRequis(req, 'numero', {
        fr: 'le numéro unique de la demande',
        en: 'the request’s numéro unique',
      });
      const format = parametre(req, 'format') ?? 'html';
      if (!(FORMATS_RELEVE as readonly string[]).includes(format))
        throw new ErreurHttp(400, 'SERVICE_PARAMETRE_INVALIDE', {
          parametre: 'format',
          attendu: FORMATS_RELEVE.join(', '),
        });
      const pdf = format === 'pdf';
      const g = await grille(req, date);
      const ndjson = Boolean(req.is('application/x-ndjson'));
      const corps = corpsTexte(req, DEMANDES, 'text/csv', TABLE);
      const d = dossier(siren, g.nom, g.yaml);
      try {
        const demandes = ndjson ? 'demandes.ndjson' : 'demandes.csv';
        writeFileSync(join(d.dir, demandes), corps);
        const c = await ecrireReleve({
          grille: d.grille,
          demandes,
          date,
          numero,
          out: 'sortie',
          html: !pdf,
          lang: langue(req),
          cwd: d.dir,
        });
        if (!c.document)
          throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', [
            ...c.diagnostics,
            ...c.rejets,
          ]);
        const contenu = readFileSync(resolve(d.dir, c.document.fichier));
        res.type(pdf ? 'application/pdf' : 'text/html; charset=utf-8').send(contenu);
      } finally {
        d.close();
      }
    },
    texte(TABLE),
  );
  return r;
}
