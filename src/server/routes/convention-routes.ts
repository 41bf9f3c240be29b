/**
 * Conventions held by the service: upload a version (YAML, checked by `convflux check`'s own
 * function), list what the caller sees, read versions, change a draft. A version with check
 * errors is refused, draft or not (every diagnostic, at line:column of its layout path): the
 * stored versions feed every party's figures. Sealed versions (arretee, signee) never change.
 */
import express, { Router, type Request, type Response } from 'express';
import { auditer } from '../audit.js';
import type { Principal } from '../auth/principal.js';
import type { Contexte } from '../contexte.js';
import { placeDuYaml, verifierDepot, type Place } from '../conventions/depot.js';
import { cheminRegles } from '../conventions/arbre-temporaire.js';
import {
  dateEffetDuYaml,
  descriptionVersion,
  insererVersion,
  ressourceConvention,
  scellee,
  sha256,
  versionAutorisee,
  versionsDe,
} from '../conventions/versions-stockees.js';
import { versionEnVigueur } from '../conventions/version-en-vigueur.js';
import { nomsParties } from '../conventions/noms-parties.js';
import { exiger, introuvable } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { diagnosticRequete, ErreurHttp, langue } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';
import { voit } from '../policy.js';

/** A convention's YAML may be long (annexes, états des lieux): its own body limit. */
export const LIMITE_YAML = '2mb';
export const TYPES_YAML = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];
const corpsYaml = express.text({ type: TYPES_YAML, limit: LIMITE_YAML });

/** The body as YAML text; a body of another type (JSON, a form) 415, none 400. */
function texteYaml(req: Request): string {
  const body: unknown = req.body;
  const en = langue(req) === 'en';
  // It was a 400 « Champ (corps) », where every other route answers a body of another type 415.
  if (req.headers['content-type'] && req.is(TYPES_YAML) === false)
    throw new ErreurHttp(415, 'SERVICE_CORPS_ATTENDU', {
      attendu: en ? 'the convention’s YAML text' : 'le texte YAML de la convention',
      type: 'application/yaml',
    });
  if (typeof body === 'string' && body.trim() !== '') return body;
  throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {
    champ: en ? '(body)' : '(corps)',
    attendu: en
      ? 'the convention’s YAML text (Content-Type: application/yaml)'
      : 'le texte YAML de la convention (Content-Type: application/yaml)',
  });
}

/**
 * The uploaded text's place (permission `rediger` on its parties first, so that the check, which
 * reads their other conventions, says nothing to others), then its check; 400 on any error.
 * `fichier`: the path of the version a PUT replaces, which names the diagnostics of a text with no
 * place of its own (a YAML syntax error) — they named `conventions/depot.yaml`, a file the caller
 * never sent, until 5 December 2026.
 */
async function deposer(
  ctx: Contexte,
  req: Request,
  p: Principal,
  yaml: string,
  fichier?: string,
): Promise<{ place: Place; avertissements: unknown[] }> {
  const place = placeDuYaml(yaml);
  if (place) exiger(req, p, 'rediger', ressourceConvention(place));
  const duBailleur = !place || voit(p, { type: 'bailleur', siren: place.bailleur });
  const verifie = await verifierDepot(ctx.base.db, yaml, place, langue(req), duBailleur);
  const r =
    place || fichier === undefined
      ? verifie
      : {
          ...verifie,
          diagnostics: verifie.diagnostics.map((d) =>
            d.file === verifie.fichier ? { ...d, file: fichier } : d,
          ),
        };
  if (!r.ok) throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', r.diagnostics);
  if (!place)
    throw new ErreurHttp(400, 'SERVICE_CONVENTION_SANS_PLACE', {}, '', [
      ...r.diagnostics,
      diagnosticRequete(req, 'SERVICE_CONVENTION_SANS_PLACE', {}),
    ]);
  return { place, avertissements: r.diagnostics };
}

function filtreTexte(req: Request, cle: string): string | undefined {
  const v = req.query[cle];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function routesConventions(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions',
      filtres: true,
      requete: {
        departement: 'Ne garde que les conventions de ce département.',
        bailleur: 'Ne garde que celles de ce bailleur (SIREN).',
        reservataire: 'Ne garde que celles de ce réservataire.',
      },
      groupe: 'conventions',
      resume:
        'Les conventions que le compte voit (filtres departement, bailleur, reservataire), avec le nom des parties tel que le texte le donne, leurs versions et celle en vigueur ce jour (signée par les deux parties, prise d’effet passée).',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      let q = db.selectFrom('convention_version').selectAll().orderBy('convention_id');
      const dep = filtreTexte(req, 'departement');
      const bailleur = filtreTexte(req, 'bailleur');
      const reservataire = filtreTexte(req, 'reservataire');
      if (dep) q = q.where('departement', '=', dep);
      if (bailleur) q = q.where('bailleur', '=', bailleur);
      if (reservataire) q = q.where('reservataire', '=', reservataire);
      const rows = (await q.orderBy('version').execute()).filter((v) =>
        voit(p, ressourceConvention(v)),
      );
      const parId = new Map<string, typeof rows>();
      for (const v of rows) parId.set(v.convention_id, [...(parId.get(v.convention_id) ?? []), v]);
      const jour = ctx.maintenant().toISOString().slice(0, 10);
      const conventions = [];
      for (const [id, vs] of parId.entries())
        conventions.push({
          id,
          departement: vs[0]?.departement,
          bailleur: vs[0]?.bailleur,
          reservataire: vs[0]?.reservataire,
          ...nomsParties(vs.at(-1)?.yaml),
          versions: vs.map((v) => ({
            version: v.version,
            statut: v.statut,
            sha256: v.sha256,
            date_effet: dateEffetDuYaml(v.yaml),
          })),
          en_vigueur: await versionEnVigueur(db, vs, jour),
        });
      res.json({ conventions });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/conventions',
      groupe: 'conventions',
      resume:
        'Dépose une nouvelle version (texte YAML), vérifiée comme par convflux check ; 400 avec chaque diagnostic à sa ligne et colonne.',
      acces: 'rediger',
      portee: 'bailleur ou réservataire nommé dans le YAML',
      corpsBrut: TYPES_YAML,
      reponses: { 415: 'Corps d’un autre type que YAML (SERVICE_CORPS_ATTENDU).' },
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const yaml = texteYaml(req);
      const { place, avertissements } = await deposer(ctx, req, p, yaml);
      const id = `${place.id}/v${String(place.version)}`;
      const existe = async () =>
        db.selectFrom('convention_version').select('id').where('id', '=', id).executeTakeFirst();
      const conflit = () =>
        new ErreurHttp(409, 'SERVICE_CONVENTION_VERSION_EXISTE', {
          id: place.id,
          version: place.version,
        });
      if (await existe()) throw conflit();
      const quand = ctx.maintenant().toISOString();
      try {
        await db.transaction().execute(async (tx) => {
          await insererVersion(tx, place, yaml, p.compte_id, quand);
          await auditer(tx, ctx.maintenant(), {
            qui: p.compte_id,
            action: 'convention.depot',
            objet: id,
            details: { statut: place.statut, sha256: sha256(yaml) },
          });
        });
      } catch (e) {
        // Two uploads of the same version at once: the unique key keeps one, the other is told.
        if (await existe()) throw conflit();
        throw e;
      }
      const v = await db
        .selectFrom('convention_version')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      res
        .status(201)
        .location(`/api/conventions/${place.id}/versions/${String(place.version)}`)
        .json({ ...descriptionVersion(v), diagnostics: avertissements });
    },
    corpsYaml,
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid',
      groupe: 'conventions',
      resume: 'Les versions d’une convention.',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const versions = await versionsDe(db, String(req.params['cid']));
      const premiere = versions[0];
      if (!premiere) throw introuvable(req);
      exiger(req, p, 'lire', ressourceConvention(premiere));
      res.json({
        id: premiere.convention_id,
        departement: premiere.departement,
        bailleur: premiere.bailleur,
        reservataire: premiere.reservataire,
        ...nomsParties(versions.at(-1)?.yaml),
        versions: versions.map(descriptionVersion),
        en_vigueur: await versionEnVigueur(
          db,
          versions,
          ctx.maintenant().toISOString().slice(0, 10),
        ),
      });
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/versions/:v.yaml',
      groupe: 'conventions',
      resume: 'Le texte YAML d’une version, tel que déposé.',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
      produit: ['application/yaml'],
    },
    async (req: Request, res: Response) => {
      const v = await versionAutorisee(req, db, principal(res), 'lire');
      res.type('application/yaml; charset=utf-8').send(v.yaml);
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/versions/:v',
      groupe: 'conventions',
      resume: 'Une version : statut, scellement, SHA-256 du YAML, chemin dans rules/.',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
    },
    async (req: Request, res: Response) => {
      const v = await versionAutorisee(req, db, principal(res), 'lire');
      res.json(descriptionVersion(v));
    },
  );

  declarer(
    r,
    {
      methode: 'put',
      chemin: '/conventions/:cid/versions/:v',
      groupe: 'conventions',
      resume:
        'Remplace le texte d’un projet (vérifié comme au dépôt) ; une version scellée (arretee, signee) répond 409.',
      acces: 'rediger',
      portee: 'bailleur ou réservataire partie',
      corpsBrut: TYPES_YAML,
      reponses: { 415: 'Corps d’un autre type que YAML (SERVICE_CORPS_ATTENDU).' },
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const avant = await versionAutorisee(req, db, p, 'rediger');
      if (scellee(avant))
        throw new ErreurHttp(409, 'SERVICE_CONVENTION_SCELLEE', {
          id: avant.convention_id,
          version: avant.version,
          statut: avant.statut,
        });
      const yaml = texteYaml(req);
      const autre = (place: Place) =>
        place.id !== avant.convention_id || place.version !== avant.version
          ? new ErreurHttp(
              400,
              'SERVICE_CONVENTION_AUTRE_VERSION',
              {
                id: place.id,
                version: place.version,
                attendu: avant.convention_id,
                attendue: avant.version,
              },
              '/version',
            )
          : undefined;
      // Before the check: a text of another convention answered 404 on this very address (the
      // permission was asked on the text's parties), one of another version the check of that one.
      const annoncee = placeDuYaml(yaml);
      const erreur = annoncee && autre(annoncee);
      if (erreur) throw erreur;
      const { place, avertissements } = await deposer(ctx, req, p, yaml, cheminRegles(avant));
      const apres = autre(place);
      if (apres) throw apres;
      const quand = ctx.maintenant().toISOString();
      await db.transaction().execute(async (tx) => {
        // Only a draft is replaced: a concurrent seal in between leaves this update without effect.
        const maj = await tx
          .updateTable('convention_version')
          .set({
            yaml,
            sha256: sha256(yaml),
            statut: place.statut,
            reservataire: place.reservataire,
            modifie_le: quand,
          })
          .where('id', '=', avant.id)
          .where('statut', '=', 'projet')
          .executeTakeFirst();
        if (Number(maj.numUpdatedRows) !== 1)
          throw new ErreurHttp(409, 'SERVICE_CONVENTION_SCELLEE', {
            id: avant.convention_id,
            version: avant.version,
            statut: 'arretee',
          });
        await auditer(tx, ctx.maintenant(), {
          qui: p.compte_id,
          action: 'convention.modification',
          objet: avant.id,
          details: { statut: place.statut, sha256: sha256(yaml) },
        });
      });
      // Read back under the permission just used: a drafter without `lire` gets its answer.
      const v = await versionAutorisee(req, db, p, 'rediger');
      res.json({ ...descriptionVersion(v), diagnostics: avertissements });
    },
    corpsYaml,
  );
  return r;
}
