/**
 * Bilan and prévisionnel downloads, and the archive of every document sent. A bilan is the
 * library's (`bilanDocuments`) on the inputs written from the log, as of a moment of the log if
 * asked; each document sent is stored in table `document` with its SHA-256, and answered with it
 * (header `X-Convflux-SHA256`), so that « the bilan as sent on 28 February » can be fetched again
 * byte for byte (`GET /api/documents/:id`).
 *
 * Who sees what (policy resource `bilan`): the copy for all (per-réservataire aggregates, R.
 * 441-5-1) is visible to the bailleur's members and to every réservataire party to a convention of
 * that bailleur × département; a réservataire's own copy (`destinataire=`, with the annex of its
 * flats) to the bailleur's members and that réservataire only.
 */
import { traduireAuService } from '../../diagnostics/dire-au-service.js';
import { randomUUID, createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { sql } from 'kysely';
import { bilanDocuments, previsionnelDocuments } from '../../index.js';
import { auditer } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import type { Database } from '../db/schema.js';
import { exiger, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp, diagnosticRequete, langue } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';
import { voit, type Ressource } from '../policy.js';
import { ecrireEntrees } from '../flux/entrees.js';
import { CHEMINS } from '../flux/figures.js';
import {
  annee,
  au,
  choix,
  date,
  optionnel,
  refusBibliotheque,
} from '../flux/parametres-figures.js';

const FORMATS = ['pdf', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

const MIME: Record<Format, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Kdb = import('kysely').Kysely<Database>;

/** The réservataires party to a convention of the bailleur × département (as of `au`). */
async function parties(db: Kdb, bailleur: string, departement: string, a?: string) {
  let q = db
    .selectFrom('convention_version')
    .select('reservataire')
    .distinct()
    .where('bailleur', '=', bailleur)
    .where('departement', '=', departement);
  if (a) q = q.where('cree_le', '<=', a);
  return (await q.execute()).map((x) => x.reservataire);
}

/** Who may see a document (or a bilan not yet sent): its addressee, or every party there. */
function ressource(
  bailleur: string,
  destinataire: string | undefined,
  toutes: readonly string[],
): Ressource {
  return { type: 'bilan', bailleur, reservataires: destinataire ? [destinataire] : toutes };
}

interface Envoi {
  nature: 'bilan' | 'previsionnel';
  bailleur: string;
  departement: string;
  destinataire?: string;
  format: Format;
  nom: string;
  contenu: Buffer;
  parametres: Record<string, string | number>;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Archives the document, then sends it with its id and SHA-256. */
async function envoyer(ctx: Contexte, p: Principal, res: Response, e: Envoi): Promise<void> {
  const id = randomUUID();
  const empreinte = sha256(e.contenu);
  const maintenant = ctx.maintenant();
  await ctx.base.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('document')
      .values({
        id,
        organisation_id: e.destinataire
          ? `reservataire:${e.destinataire}`
          : `bailleur:${e.bailleur}`,
        nature: e.nature,
        nom: e.nom,
        type_mime: MIME[e.format],
        sha256: empreinte,
        contenu: e.contenu,
        bailleur: e.bailleur,
        departement: e.departement,
        parametres: JSON.stringify(e.parametres),
        cree_le: maintenant.toISOString(),
        cree_par: p.compte_id,
      })
      .execute();
    await auditer(tx, maintenant, {
      qui: p.compte_id,
      action: `document.${e.nature}`,
      objet: id,
      details: { sha256: empreinte, format: e.format },
    });
  });
  res.status(200);
  enTetes(res, { id, nom: e.nom, type_mime: MIME[e.format], sha256: empreinte });
  res.send(e.contenu);
}

function enTetes(res: Response, d: { id: string; nom: string; type_mime: string; sha256: string }) {
  res.set('Content-Type', d.type_mime);
  res.set('Content-Disposition', `attachment; filename="${d.nom}"`);
  res.set('X-Convflux-Document', d.id);
  res.set('X-Convflux-SHA256', d.sha256);
  res.set('Repr-Digest', `sha-256=:${Buffer.from(d.sha256, 'hex').toString('base64')}:`);
}

function cible(req: Request) {
  const a = au(req);
  const d = date(req);
  return {
    bailleur: String(req.params['siren']),
    departement: String(req.params['dep']),
    annee: annee(req, String(req.params['annee'])),
    format: choix(req, 'format', FORMATS),
    ...(a ? { au: a } : {}),
    ...(d ? { date: d } : {}),
  };
}

export function routesDocuments(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/bailleurs/:siren/departements/:dep/bilan/:annee',
      requete: {
        format: { description: 'pdf (défaut), csv ou xlsx.', valeurs: FORMATS },
        destinataire: 'L’exemplaire d’un réservataire, avec l’annexe de ses logements.',
        date: 'Date d’évaluation (AAAA-MM-JJ).',
        au: 'Le bilan tel qu’il était à cet instant du journal (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
      },
      groupe: 'documents',
      resume:
        'Le bilan annuel (R. 441-5-1) : l’exemplaire pour tous, ou celui d’un réservataire avec l’annexe de ses logements (destinataire=) ; format=pdf|csv|xlsx, date=, au= ; archivé avec son SHA-256.',
      acces: 'lire',
      portee: 'bailleur, ou réservataire partie dans ce département (son exemplaire seulement)',
      produit: Object.values(MIME),
      reponses: {
        400: 'Paramètre invalide (annee, format, date, au) ou demande refusée (SERVICE_CHAMP_INVALIDE, SERVICE_DEMANDE_REFUSEE : un destinataire sans convention en vigueur dans l’année…).',
      },
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const c = cible(req);
      const destinataire = optionnel(req, 'destinataire');
      const toutes = await parties(db, c.bailleur, c.departement, c.au);
      if (destinataire && !toutes.includes(destinataire)) {
        exiger(req, p, 'lire', { type: 'bailleur', siren: c.bailleur });
        throw introuvable(req);
      }
      exiger(req, p, 'lire', ressource(c.bailleur, destinataire, toutes));
      const entrees = await ecrireEntrees(db, c);
      try {
        const b = await bilanDocuments({
          rules: [CHEMINS.rules],
          parc: entrees.parc,
          evenements: [entrees.evenements],
          annee: c.annee,
          out: 'bilan',
          cwd: entrees.dossier,
          html: c.format !== 'pdf',
          // In the request's thread: the service answers requests side by side, and worker
          // threads (each with its own Chromium) per request would only add to its memory.
          workers: 0,
          ...(c.date ? { date: c.date } : {}),
          ...(destinataire ? { selection: { reservataires: [destinataire] } } : {}),
        }).catch((e: unknown) => {
          throw refusBibliotheque(req, e);
        });
        const doc = b.documents.find((d) => d.bilan === `${c.departement}-${c.bailleur}`);
        if (!doc)
          throw new ErreurHttp(404, 'SERVICE_AUCUN_BILAN', {
            annee: c.annee,
            bailleur: c.bailleur,
            departement: c.departement,
          });
        const fichier = c.format === 'pdf' ? doc.document : doc[c.format];
        await envoyer(ctx, p, res, {
          nature: 'bilan',
          bailleur: c.bailleur,
          departement: c.departement,
          ...(destinataire ? { destinataire } : {}),
          format: c.format,
          nom: fichier.fichier.split('/').pop() ?? fichier.fichier,
          contenu: await readFile(join(entrees.dossier, fichier.fichier)),
          parametres: {
            annee: c.annee,
            date: b.date,
            au: c.au ?? '',
            format: c.format,
            destinataire: destinataire ?? '',
            dernier_seq: entrees.dernierSeq,
          },
        });
      } finally {
        entrees.close();
      }
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/bailleurs/:siren/departements/:dep/previsionnel/:annee',
      requete: {
        format: { description: 'pdf (défaut), csv ou xlsx.', valeurs: FORMATS },
        date: 'Date d’évaluation (AAAA-MM-JJ).',
        au: 'Le journal tel qu’il était à cet instant (horodatage ISO 8601, ou une date : la fin de ce jour UTC, la date du jour étant le présent ; en-tête X-Convflux-Au).',
      },
      groupe: 'documents',
      resume:
        'Le prévisionnel de l’année (R. 441-5 I) à partir du fichier de prévision du bailleur envoyé en corps (YAML ou JSON) ; format=pdf|csv|xlsx, au= ; archivé avec son SHA-256.',
      acces: 'lire',
      portee: 'bailleur',
      corpsBrut: ['application/yaml', 'text/yaml', 'application/json'],
      produit: Object.values(MIME),
      reponses: {
        415: 'Corps d’un autre type que YAML ou JSON (SERVICE_CORPS_ATTENDU).',
        422: 'Le fichier de prévision ne permet pas de calculer le prévisionnel (SERVICE_PREVISION_INVALIDE) : ses diagnostics.',
      },
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const c = cible(req);
      exiger(req, p, 'lire', { type: 'bailleur', siren: c.bailleur });
      // No body (or one no parser read: text/csv…) was JSON.stringify(undefined): a 500.
      const corps: unknown = req.body;
      const autreType =
        Boolean(req.headers['content-type']) &&
        req.is(['application/yaml', 'text/yaml', 'application/json']) === false;
      const texte =
        typeof corps === 'string'
          ? corps
          : corps === undefined
            ? ''
            : JSON.stringify(corps, null, 2);
      if (autreType || !texte.trim())
        throw new ErreurHttp(autreType ? 415 : 400, 'SERVICE_CORPS_ATTENDU', {
          attendu:
            langue(req) === 'en'
              ? 'the forecast file, YAML or JSON (schemas/previsionnel.schema.json)'
              : 'le fichier de prévision, YAML ou JSON (schemas/previsionnel.schema.json)',
          type: 'application/yaml',
        });
      const entrees = await ecrireEntrees(db, c);
      try {
        await writeFile(join(entrees.dossier, 'prevision.yaml'), texte);
        const r = await previsionnelDocuments({
          rules: [CHEMINS.rules],
          parc: entrees.parc,
          evenements: [entrees.evenements],
          // Named relative to the evaluation's folder: its diagnostics say « prevision.yaml », not
          // the server's temporary path.
          prevision: 'prevision.yaml',
          annee: c.annee,
          out: 'previsionnel',
          cwd: entrees.dossier,
          html: c.format !== 'pdf',
        }).catch((e: unknown) => {
          throw refusBibliotheque(req, e);
        });
        const fichier =
          c.format === 'pdf' ? r.document : c.format === 'csv' ? r.csv[0] : r.classeur;
        if (!r.previsionnel || !fichier)
          throw new ErreurHttp(422, 'SERVICE_PREVISION_INVALIDE', {}, '', [
            diagnosticRequete(req, 'SERVICE_PREVISION_INVALIDE', {}),
            ...r.diagnostics.map((d) => traduireAuService(d, langue(req))),
          ]);
        await envoyer(ctx, p, res, {
          nature: 'previsionnel',
          bailleur: c.bailleur,
          departement: c.departement,
          format: c.format,
          nom: fichier.fichier.split('/').pop() ?? fichier.fichier,
          contenu: await readFile(join(entrees.dossier, fichier.fichier)),
          parametres: {
            annee: c.annee,
            au: c.au ?? '',
            format: c.format,
            dernier_seq: entrees.dernierSeq,
          },
        });
      } finally {
        entrees.close();
      }
    },
    express.text({ type: ['application/yaml', 'text/yaml'], limit: '1mb' }),
  );

  routesArchive(r, ctx);
  return r;
}

/** Whether the principal sees an archived document. */
async function visibleDe(
  db: Kdb,
  p: Principal,
  d: { organisation_id: string; bailleur: string | null; departement: string | null },
): Promise<boolean> {
  if (p.admin) return true;
  if (!d.bailleur) return p.appartenances.some((a) => a.organisation_id === d.organisation_id);
  const destinataire = d.organisation_id.startsWith('reservataire:')
    ? d.organisation_id.slice('reservataire:'.length)
    : undefined;
  const toutes = destinataire ? [] : await parties(db, d.bailleur, d.departement ?? '');
  return voit(p, ressource(d.bailleur, destinataire, toutes));
}

/**
 * What was asked, as the caller may see it: `dernier_seq` is a number of the log shared by every
 * bailleur, so two documents' numbers told a réservataire how many events other bailleurs had
 * recorded in between (the figures' version header stopped carrying it on 3 December 2026); it is
 * kept for the bailleur's members.
 */
function parametresVus(p: Principal, bailleur: string | null, texte: string | null): unknown {
  const parametres = JSON.parse(texte ?? '{}') as Record<string, unknown>;
  if (bailleur && voit(p, { type: 'bailleur', siren: bailleur })) return parametres;
  return Object.fromEntries(Object.entries(parametres).filter(([k]) => k !== 'dernier_seq'));
}

function routesArchive(r: Router, ctx: Contexte): void {
  const db = ctx.base.db;
  declarer(
    r,
    {
      methode: 'get',
      chemin: '/documents',
      filtres: true,
      requete: {
        bailleur: 'Ne garde que les documents de ce bailleur (SIREN).',
        departement: 'Ne garde que ceux de ce département.',
      },
      groupe: 'documents',
      resume:
        'Les documents envoyés que le compte peut voir (bilans, prévisionnels), avec leur SHA-256 ; bailleur=, departement=.',
      acces: 'connecte',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      let q = db
        .selectFrom('document')
        .select([
          'id',
          'organisation_id',
          'nature',
          'nom',
          'type_mime',
          'sha256',
          'bailleur',
          'departement',
          'parametres',
          'cree_le',
          sql<number | string>`length(contenu)`.as('octets'),
        ])
        .orderBy('cree_le')
        .orderBy('id');
      const b = optionnel(req, 'bailleur');
      const dep = optionnel(req, 'departement');
      if (b) q = q.where('bailleur', '=', b);
      if (dep) q = q.where('departement', '=', dep);
      const documents = [];
      for (const d of await q.execute())
        if (await visibleDe(db, p, d))
          documents.push({
            ...d,
            octets: Number(d.octets),
            parametres: parametresVus(p, d.bailleur, d.parametres),
          });
      res.json({ documents });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/documents/:id',
      groupe: 'documents',
      resume:
        'Un document envoyé, octet pour octet, avec son SHA-256 (en-têtes X-Convflux-SHA256 et Repr-Digest).',
      acces: 'connecte',
      produit: Object.values(MIME),
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const d = await db
        .selectFrom('document')
        .selectAll()
        .where('id', '=', String(req.params['id']))
        .executeTakeFirst();
      if (!d || !(await visibleDe(db, p, d))) throw introuvable(req);
      enTetes(res, d);
      res.send(Buffer.from(d.contenu));
    },
  );
}
