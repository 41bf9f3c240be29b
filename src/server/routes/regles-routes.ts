/**
 * A whole `rules/` tree of conventions in and out of the service, as JSON `{ fichiers: { "<path
 * in rules/>": "<YAML>" } }` — what a script builds from a folder in a few lines, and what
 * `convflux check` reads once written back to disk. The import is all or nothing.
 */
import express, { Router, type Request, type Response } from 'express';
import { FileReport } from '../../diagnostics/file-report.js';
import { auditer } from '../audit.js';
import type { Contexte } from '../contexte.js';
import { cheminRegles } from '../conventions/arbre-temporaire.js';
import { placesImport, verifierImport } from '../conventions/import-regles.js';
import {
  insererVersion,
  ressourceConvention,
  scellee,
  sha256,
  type VersionStockee,
} from '../conventions/versions-stockees.js';
import { exiger } from '../http/acces.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp, langue } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';
import { valider } from '../http/valider.js';
import { voit } from '../policy.js';

/** A région's tree is larger than the 1 MB of ordinary JSON bodies. */
export const LIMITE_REGLES = '20mb';
/** Mounted on /api/regles before the application's JSON parser (which then leaves the body be). */
export const corpsRegles = express.json({ limit: LIMITE_REGLES });

function filtre(req: Request, cle: string): string | undefined {
  const v = req.query[cle];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

type Issue = 'cree' | 'remplace' | 'inchange';

export function routesRegles(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/regles',
      filtres: true,
      requete: {
        departement: 'Ne garde que les conventions de ce département.',
        bailleur: 'Ne garde que celles de ce bailleur (SIREN).',
      },
      groupe: 'conventions',
      resume:
        'Exporte les conventions que le compte voit (filtres departement, bailleur) en arbre rules/ : { fichiers: { chemin: YAML } }.',
      acces: 'lire',
      portee: 'bailleur ou réservataire partie',
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      let q = db.selectFrom('convention_version').selectAll().orderBy('id');
      const dep = filtre(req, 'departement');
      const bailleur = filtre(req, 'bailleur');
      if (dep) q = q.where('departement', '=', dep);
      if (bailleur) q = q.where('bailleur', '=', bailleur);
      const fichiers: Record<string, string> = {};
      for (const v of await q.execute())
        if (voit(p, ressourceConvention(v))) fichiers[cheminRegles(v)] = v.yaml;
      res.json({ fichiers });
    },
  );

  declarer(
    r,
    {
      methode: 'post',
      chemin: '/regles',
      groupe: 'conventions',
      resume:
        'Importe un arbre rules/ de conventions, tout ou rien : chaque fichier à sa place, vérifiés ensemble comme par convflux check ; les versions scellées déjà présentes ne changent pas.',
      acces: 'rediger',
      portee: 'bailleur ou réservataire de chaque convention',
      corps: 'regles',
      statut: 201,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const lang = langue(req);
      const b = valider(req, 'regles');
      const { fichiers, diagnostics } = placesImport(b.fichiers, lang);
      // Access first: the check reads the parties' other conventions.
      for (const f of fichiers) exiger(req, p, 'rediger', ressourceConvention(f.place));
      if (diagnostics.length)
        throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', diagnostics);
      const stockees = new Map<string, VersionStockee>();
      for (const v of await db.selectFrom('convention_version').selectAll().execute())
        stockees.set(cheminRegles(v), v);
      const issues = new Map<string, Issue>();
      const scellees = [];
      for (const f of fichiers) {
        const avant = stockees.get(f.chemin);
        const issue: Issue = !avant
          ? 'cree'
          : avant.sha256 === sha256(f.yaml)
            ? 'inchange'
            : 'remplace';
        issues.set(f.chemin, issue);
        if (avant && issue === 'remplace' && scellee(avant))
          scellees.push(
            new FileReport(f.chemin, lang).add('SERVICE_CONVENTION_SCELLEE', {
              id: avant.convention_id,
              version: avant.version,
              statut: avant.statut,
            }),
          );
      }
      if (scellees.length)
        throw new ErreurHttp(409, 'SERVICE_CONVENTION_SCELLEE', {}, '', scellees);
      const duBailleur = fichiers.every((f) =>
        voit(p, { type: 'bailleur', siren: f.place.bailleur }),
      );
      const check = await verifierImport(db, fichiers, lang, duBailleur);
      if (!check.ok) throw new ErreurHttp(400, 'SERVICE_CHAMP_INVALIDE', {}, '', check.diagnostics);
      const quand = ctx.maintenant().toISOString();
      await db.transaction().execute(async (tx) => {
        for (const f of fichiers) {
          const issue = issues.get(f.chemin);
          if (issue === 'inchange') continue;
          if (issue === 'cree') await insererVersion(tx, f.place, f.yaml, p.compte_id, quand);
          else {
            const maj = await tx
              .updateTable('convention_version')
              .set({
                yaml: f.yaml,
                sha256: sha256(f.yaml),
                statut: f.place.statut,
                modifie_le: quand,
              })
              .where('id', '=', stockees.get(f.chemin)?.id ?? '')
              .where('statut', '=', 'projet')
              .executeTakeFirst();
            if (Number(maj.numUpdatedRows) !== 1)
              throw new ErreurHttp(409, 'SERVICE_CONVENTION_SCELLEE', {
                id: f.place.id,
                version: f.place.version,
                statut: 'arretee',
              });
          }
          await auditer(tx, ctx.maintenant(), {
            qui: p.compte_id,
            action: issue === 'cree' ? 'convention.depot' : 'convention.modification',
            objet: `${f.place.id}/v${String(f.place.version)}`,
            details: { import: true, statut: f.place.statut, sha256: sha256(f.yaml) },
          });
        }
      });
      res.status(201).json({
        fichiers: fichiers.map((f) => ({ chemin: f.chemin, issue: issues.get(f.chemin) })),
        diagnostics: check.diagnostics,
      });
    },
  );
  return r;
}
