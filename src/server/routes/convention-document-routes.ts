/**
 * A stored version printed (HTML, PDF), the semantic diff between two versions, and the avenant
 * from one to the other: the library's render, diff and avenant, on the stored texts.
 */
import { Router, type Request, type Response } from 'express';
import type { Contexte } from '../contexte.js';
import { avenantVersions, diffVersions, htmlVersion, pdfVersion } from '../conventions/rendu.js';
import { versionAutorisee } from '../conventions/versions-stockees.js';
import { principal } from '../http/authentifier.js';
import { ErreurHttp, langue } from '../http/erreur-http.js';
import { declarer } from '../http/route.js';

const LECTURE = { acces: 'lire', portee: 'bailleur ou réservataire partie' } as const;

/**
 * `?de=&a=`: two version numbers; for an avenant (`croissantes`), the first below the second. A
 * diff compares any two, as `convflux diff` does.
 */
function deuxVersions(req: Request, croissantes = false): [number, number] {
  const en = langue(req) === 'en';
  const n = (cle: string): number => {
    const v = req.query[cle];
    if (typeof v === 'string' && /^[1-9][0-9]{0,8}$/.test(v)) return Number(v);
    throw new ErreurHttp(
      400,
      'SERVICE_CHAMP_INVALIDE',
      { champ: cle, attendu: en ? 'a version number' : 'un numéro de version' },
      `/${cle}`,
    );
  };
  const [de, a] = [n('de'), n('a')];
  // An avenant amends a version by a later one: `a` not above `de` was sent to the library, whose
  // 422 spoke of files and of `convflux render --avenant v1.yaml v2.yaml` (until 5 December 2026).
  if (croissantes && a <= de)
    throw new ErreurHttp(
      400,
      'SERVICE_CHAMP_INVALIDE',
      {
        champ: 'a',
        attendu: en
          ? `a version number above de (${de})`
          : `un numéro de version supérieur à de (${de})`,
      },
      '/a',
    );
  return [de, a];
}

export function routesConventionDocuments(ctx: Contexte): Router {
  const r = Router();
  const db = ctx.base.db;

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/versions/:v.html',
      groupe: 'conventions',
      resume: 'Le texte imprimé de la version (HTML de convflux render).',
      ...LECTURE,
      produit: ['text/html'],
    },
    async (req: Request, res: Response) => {
      const v = await versionAutorisee(req, db, principal(res), 'lire');
      const debut = performance.now();
      const { html, garde } = await htmlVersion(db, v, langue(req));
      // Server-Timing says whether this answer rendered the text or reused its print.
      const duree = (performance.now() - debut).toFixed(0);
      res
        .set('Server-Timing', `rendu;dur=${duree};desc="${garde ? 'deja-rendu' : 'rendu'}"`)
        .type('text/html; charset=utf-8')
        .send(Buffer.from(html));
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/versions/:v.pdf',
      groupe: 'conventions',
      resume:
        'Le PDF de la version (convflux render, Chromium), rendu une fois par texte et archivé.',
      ...LECTURE,
      produit: ['application/pdf'],
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const v = await versionAutorisee(req, db, p, 'lire');
      const pdf = await pdfVersion(db, v, p.compte_id, ctx.maintenant().toISOString());
      res
        .type('application/pdf')
        .attachment(`${v.convention_id}-v${String(v.version)}.pdf`)
        .send(Buffer.from(pdf));
    },
  );

  declarer(
    r,
    {
      methode: 'get',
      chemin: '/conventions/:cid/diff',
      requete: {
        de: 'Numéro de la version de départ.',
        a: 'Numéro de la version d’arrivée (l’une ou l’autre peut être la plus récente).',
      },
      groupe: 'conventions',
      resume: 'Différence sémantique entre deux versions (?de=1&a=2), comme convflux diff --json.',
      ...LECTURE,
    },
    async (req: Request, res: Response) => {
      const p = principal(res);
      const [de, a] = deuxVersions(req);
      const vDe = await versionAutorisee(req, db, p, 'lire', de);
      const vA = await versionAutorisee(req, db, p, 'lire', a);
      const d = await diffVersions(db, vDe, vA, langue(req));
      if (!d.ok) throw new ErreurHttp(422, 'SERVICE_CHAMP_INVALIDE', {}, '', d.diagnostics);
      res.json(d);
    },
  );

  for (const format of ['html', 'pdf'] as const)
    declarer(
      r,
      {
        methode: 'get',
        chemin: `/conventions/:cid/avenant.${format}`,
        requete: {
          de: 'Numéro de la version de départ.',
          a: 'Numéro de la version d’arrivée (supérieur à de).',
        },
        groupe: 'conventions',
        resume: `L’avenant d’une version à une suivante (?de=1&a=2), en ${format.toUpperCase()}, comme convflux render --avenant.`,
        ...LECTURE,
        produit: [format === 'html' ? 'text/html' : 'application/pdf'],
      },
      async (req: Request, res: Response) => {
        const p = principal(res);
        const [de, a] = deuxVersions(req, true);
        const vDe = await versionAutorisee(req, db, p, 'lire', de);
        const vA = await versionAutorisee(req, db, p, 'lire', a);
        const doc = await avenantVersions(db, vDe, vA, format, langue(req));
        res
          .type(format === 'html' ? 'text/html; charset=utf-8' : 'application/pdf')
          .send(Buffer.from(doc));
      },
    );
  return r;
}
