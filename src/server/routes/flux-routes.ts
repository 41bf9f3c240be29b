/**
 * Parc and events of a bailleur: imports (streamed to a temp file, read with the CLI's reader,
 * all or nothing unless `tolerant=true`), live recording of one event (classified by the
 * library), and reading them back. Events and parc are the bailleur's: its members see them
 * (`lire`) and record them (`saisir`); nobody else sees them (404), réservataires included.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { isIsoDate } from '../../convention/calendar.js';
import { estClasseur } from '../../input/table-source.js';
import type { Contexte } from '../contexte.js';
import { enregistrerEvenement } from '../flux/enregistrer-evenement.js';
import { notifierEvenement } from '../webhooks/notifier-evenement.js';
import { avecVerrouImport } from '../flux/imports-interrompus.js';
import {
  commencerImport,
  importer,
  type DemandeImport,
  type FormatImport,
  type Nature,
} from '../flux/importer.js';
import { exiger, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp, diagnosticRequete, langue } from '../http/erreur-http.js';
import { lireBooleen } from '../http/parametre-booleen.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import type { Ressource } from '../policy.js';

const NATURES: readonly Nature[] = ['parc', 'evenements'];
const FORMATS: readonly FormatImport[] = ['csv', 'ndjson', 'xlsx', 'rpls'];
/** The extension an uploaded file is stored under, by format. */
const EXTENSION: Record<FormatImport, string> = {
  csv: 'csv',
  ndjson: 'ndjson',
  xlsx: 'xlsx',
  rpls: 'csv',
};

/** The media types of an import's raw body (`text/plain` too: a CSV sent as text). */
const TYPES_IMPORT = [
  'text/csv',
  'application/x-ndjson',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'text/plain',
];

/**
 * An import's body is the file, raw: a body of another type (a form — what `curl --data-binary`
 * sends by default —, JSON) was read by the app's parsers before the route, and the file would
 * be imported empty. 415 naming the types read (no Content-Type at all is read as the file).
 */
function exigerCorpsBrut(req: Request): void {
  if (!req.headers['content-type'] || req.is(TYPES_IMPORT) !== false) return;
  const en = langue(req) === 'en';
  throw new ErreurHttp(415, 'SERVICE_CORPS_ATTENDU', {
    attendu: en
      ? 'the file itself, not a form nor JSON'
      : 'le fichier lui-même, ni formulaire ni JSON',
    type: TYPES_IMPORT.join(en ? ' or ' : ' ou '),
  });
}

/**
 * The RPLS layout names columns, not a file format: an extract saved from Excel (a workbook) is
 * read as one, where it was read as a CSV and refused as a binary file.
 */
function classeurRpls(d: DemandeImport): DemandeImport {
  if (d.format !== 'rpls' || !estClasseur(d.fichier)) return d;
  const fichier = d.fichier.replace(/\.csv$/, '.xlsx');
  renameSync(d.fichier, fichier);
  return { ...d, fichier, nom: d.nom.replace(/\.csv$/, '.xlsx') };
}

const bailleur = (req: Request): Ressource => ({
  type: 'bailleur',
  siren: String(req.params['siren']),
});

function parametre<T extends string>(req: Request, nom: string, permis: readonly T[]): T {
  const v = req.query[nom];
  if (typeof v === 'string' && (permis as readonly string[]).includes(v)) return v as T;
  throw new ErreurHttp(400, 'SAISIE_PARAMETRE_INVALIDE', {
    parametre: nom,
    attendu: permis.join(', '),
  });
}

const texte = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `?nom=…` once (a repeated parameter is refused), undefined when absent or empty. */
function parametreTexte(req: Request, nom: string): string | undefined {
  const v = req.query[nom];
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string') return v;
  throw new ErreurHttp(400, 'SAISIE_PARAMETRE_INVALIDE', {
    parametre: nom,
    attendu: langue(req) === 'en' ? 'one value' : 'une seule valeur',
  });
}

export function routesFlux(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/bailleurs/:siren/imports',
      requete: {
        nature: { description: 'parc ou evenements, obligatoire.', valeurs: NATURES },
        format: {
          description:
            'csv, ndjson, xlsx ou rpls (un parc aux colonnes du RPLS, en CSV ou en classeur .xlsx), obligatoire.',
          valeurs: FORMATS,
        },
        tolerant: {
          description:
            'true : enregistre les lignes valides et renvoie les rejetées (défaut : tout ou rien).',
          booleen: true,
        },
      },
      groupe: 'parc et flux',
      resume:
        'Importe un parc ou des événements (CSV, NDJSON, .xlsx, parc RPLS) : tout ou rien, ou tolerant=true.',
      acces: 'saisir',
      portee: 'le bailleur',
      corpsBrut: TYPES_IMPORT,
      statut: 201,
      reponse: 'import',
      requis: ['nature', 'format'],
      reponses: {
        415: 'Corps d’un autre type que ceux acceptés (SERVICE_CORPS_ATTENDU).',
        422: 'Import refusé, rien n’est enregistré : le rapport de l’import (lignes, rejets) et ses diagnostics (SAISIE_IMPORT_REJETE, SAISIE_IMPORT_ILLISIBLE).',
      },
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const ressource = bailleur(req);
      exiger(req, p, 'saisir', ressource);
      exigerCorpsBrut(req);
      const nature = parametre(req, 'nature', NATURES);
      const format = parametre(req, 'format', FORMATS);
      if (format === 'rpls' && nature !== 'parc')
        throw new ErreurHttp(400, 'SAISIE_PARAMETRE_INVALIDE', {
          parametre: 'format',
          attendu:
            langue(req) === 'en'
              ? 'csv, ndjson, xlsx (rpls: a parc)'
              : 'csv, ndjson, xlsx (rpls : un parc)',
        });
      const dossier = mkdtempSync(join(tmpdir(), 'convflux-import-'));
      const d: DemandeImport = {
        id: randomUUID(),
        bailleur: String(req.params['siren']),
        nature,
        format,
        tolerant: lireBooleen(req, 'tolerant'),
        qui: p.compte_id,
        quand: () => ctx.maintenant(),
        lang: langue(req),
        fichier: join(dossier, `import.${EXTENSION[format]}`),
        nom: `import ${nature}.${EXTENSION[format]}`,
      };
      try {
        const resultat = await avecVerrouImport(ctx.base, d.id, async () => {
          await commencerImport(db, d);
          await pipeline(req, createWriteStream(d.fichier));
          return importer(ctx.base, classeurRpls(d));
        });
        if (resultat.statut === 'termine') {
          res.status(201).json(resultat);
          return;
        }
        // The file itself refused (empty, not a workbook…): no row was read, so no « 1 ligne(s)
        // rejetée(s) sur 0 ».
        const illisible = resultat.lignes === 0 && resultat.rejets.every((x) => x.line === 0);
        const resume = illisible
          ? diagnosticRequete(req, 'SAISIE_IMPORT_ILLISIBLE', {})
          : diagnosticRequete(req, 'SAISIE_IMPORT_REJETE', {
              rejetees: resultat.rejetees,
              lignes: resultat.lignes,
            });
        res.status(422).json({ ...resultat, diagnostics: [resume, ...resultat.rejets] });
      } finally {
        rmSync(dossier, { recursive: true, force: true });
      }
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/imports',
      groupe: 'parc et flux',
      resume: 'Les imports du bailleur, le plus récent d’abord, avec leur progression.',
      acces: 'lire',
      portee: 'le bailleur',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      exiger(req, p, 'lire', bailleur(req));
      const imports = await db
        .selectFrom('import')
        .select(['id', 'nature', 'format', 'statut', 'lignes', 'acceptees', 'cree_le'])
        .where('bailleur', '=', String(req.params['siren']))
        .orderBy('cree_le', 'desc')
        .orderBy('id')
        .limit(100)
        .execute();
      res.json({ imports });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/imports/:id',
      groupe: 'parc et flux',
      resume:
        'Un import : son état et sa progression (lignes lues, acceptées), ses rejets et ses remarques.',
      acces: 'lire',
      portee: 'le bailleur de l’import',
      reponse: 'import',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const i = await db
        .selectFrom('import')
        .selectAll()
        .where('id', '=', String(req.params['id']))
        .executeTakeFirst();
      if (!i) throw introuvable(req);
      exiger(req, p, 'lire', { type: 'bailleur', siren: i.bailleur });
      res.json({
        ...i,
        rejets: JSON.parse(i.rejets) as unknown,
        remarques: JSON.parse(i.remarques) as unknown,
      });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/bailleurs/:siren/evenements',
      requete: {
        confirmer: {
          description: 'true : enregistre un événement anomal (sinon l’API demande confirmation).',
          booleen: true,
        },
      },
      groupe: 'parc et flux',
      resume:
        'Enregistre un événement (classé valide, anomalie — à confirmer par ?confirmer=true — ou invalide) ; idempotent par id.',
      acces: 'saisir',
      portee: 'le bailleur',
      corps: 'evenement',
      statut: 201,
      reponses: {
        200: 'Le même événement est déjà enregistré (deja_enregistre: true) : rien n’est ajouté.',
        409: 'Identifiant déjà pris par un autre événement (SAISIE_ID_DEJA_PRIS), ou événement anomal à confirmer par ?confirmer=true (SAISIE_CONFIRMATION_REQUISE).',
      },
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      exiger(req, p, 'saisir', bailleur(req));
      const ligne = valider(req, 'evenement');
      const r = await enregistrerEvenement(ctx.base, {
        bailleur: String(req.params['siren']),
        ligne,
        confirmer: lireBooleen(req, 'confirmer'),
        qui: p.compte_id,
        quand: ctx.maintenant(),
        lang: langue(req),
        fichier: `${req.method} ${req.baseUrl}${req.path}`,
      });
      res.status(r.status).json(r.body);
      // After the commit, without blocking the answer: the bailleur's and the addressee's webhooks.
      if (r.status === 201 && r.body.classement)
        void notifierEvenement(ctx, {
          bailleur: String(req.params['siren']),
          id: r.body.id ?? '',
          date: texte(ligne['date']),
          type: texte(ligne['type']),
          logement: texte(ligne['logement']),
          ...(texte(ligne['reservataire']) ? { reservataire: texte(ligne['reservataire']) } : {}),
          classement: r.body.classement,
        }).catch(() => undefined);
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/evenements',
      requete: {
        logement: 'Ne garde que les événements de ce logement.',
        depuis: 'Ne garde que les événements à partir de cette date (AAAA-MM-JJ).',
        apres: 'Ne garde que les événements de numéro de séquence supérieur (pagination, suivi).',
      },
      groupe: 'parc et flux',
      resume:
        'Les événements du bailleur (?logement=, ?depuis=AAAA-MM-JJ), dans l’ordre d’enregistrement.',
      acces: 'lire',
      portee: 'le bailleur',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      exiger(req, p, 'lire', bailleur(req));
      let q = db
        .selectFrom('evenement')
        .select(['seq', 'donnees', 'classement', 'enregistre_le', 'import_id'])
        .where('bailleur', '=', String(req.params['siren']))
        .orderBy('seq')
        .limit(10000);
      // Each filter checked: a malformed one was ignored (every event returned) or read as text.
      const logement = parametreTexte(req, 'logement');
      if (logement !== undefined) q = q.where('logement', '=', logement);
      const depuis = parametreTexte(req, 'depuis');
      if (depuis !== undefined) {
        if (!isIsoDate(depuis))
          throw new ErreurHttp(400, 'SERVICE_DATE_INVALIDE', {
            parametre: 'depuis',
            valeur: depuis,
          });
        q = q.where('date', '>=', depuis);
      }
      // Paging and polling: the records after a sequence number.
      const apres = parametreTexte(req, 'apres');
      if (apres !== undefined) {
        if (!/^\d{1,15}$/.test(apres))
          throw new ErreurHttp(400, 'SAISIE_PARAMETRE_INVALIDE', {
            parametre: 'apres',
            attendu:
              langue(req) === 'en' ? 'a sequence number (seq)' : 'un numéro de séquence (seq)',
          });
        q = q.where('seq', '>', Number(apres));
      }
      const rows = await q.execute();
      res.json({
        evenements: rows.map((e) => ({
          ...(JSON.parse(e.donnees) as Record<string, unknown>),
          seq: e.seq,
          classement: e.classement,
          enregistre_le: e.enregistre_le,
          import_id: e.import_id,
        })),
      });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/logements/:id',
      groupe: 'parc et flux',
      resume: 'Un logement du parc et ses événements.',
      acces: 'lire',
      portee: 'le bailleur',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const siren = String(req.params['siren']);
      exiger(req, p, 'lire', bailleur(req));
      const l = await db
        .selectFrom('logement')
        .select(['donnees', 'import_id'])
        .where('bailleur', '=', siren)
        .where('id', '=', String(req.params['id']))
        .executeTakeFirst();
      if (!l) throw introuvable(req);
      const evenements = await db
        .selectFrom('evenement')
        .select(['seq', 'donnees', 'classement'])
        .where('bailleur', '=', siren)
        .where('logement', '=', String(req.params['id']))
        .orderBy('seq')
        .execute();
      res.json({
        logement: JSON.parse(l.donnees) as unknown,
        evenements: evenements.map((e) => ({
          ...(JSON.parse(e.donnees) as Record<string, unknown>),
          seq: e.seq,
          classement: e.classement,
        })),
      });
    },
  );
  return r;
}
