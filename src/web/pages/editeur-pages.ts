/**
 * The draft editor of conventions: `/conventions/:cid/brouillon` opens the convention's draft
 * (`?version=N`, else its last unsealed version, else a new version from its last text) and
 * `/conventions/nouveau` a new convention for a bailleur × réservataire (`?departement=&bailleur=
 * &reservataire=`). The page is a form with a `<textarea>` that saves the draft through the API
 * (PUT of the stored draft, else POST of a new version) and shows its diagnostics; with
 * JavaScript, `/assets/js/editeur.js` replaces the textarea by the editor (src/web/client/).
 */
import { Router, type Request, type Response } from 'express';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { api } from '../api-interne.js';
import { diagnosticsDe } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { pageErreur } from '../routes-web.js';
import { exigerSession } from '../session-web.js';
import { prochaineVersion, squelette } from './brouillon-texte.js';

interface VersionApi {
  version: number;
  statut: string;
  scellee: boolean;
}
interface ConventionApi {
  id: string;
  versions: VersionApi[];
}

interface Brouillon {
  titre: string;
  yaml: string;
  action: string;
  /** The stored draft's number (PUT), or undefined for a new version (POST). */
  version?: number;
  /** The version a new one follows. */
  nouvelle?: number;
  cid?: string;
  enregistre?: boolean;
  diagnostics?: Diagnostic[];
}

const remplacer = (s: string, v: Record<string, string | number>): string =>
  s.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));

/** The strings the browser code shows (its diagnostics list, the preview's state). */
function textesClient(lang: Lang): string {
  const cles = {
    aucun: 'ed_aucun',
    position: 'ed_position',
    error: 'ed_error',
    warning: 'ed_warning',
    info: 'ed_info',
    apercuAJour: 'ed_apercu_a_jour',
    apercuEnCours: 'ed_apercu_en_cours',
    apercuErreurs: 'ed_apercu_erreurs',
  };
  return JSON.stringify(Object.fromEntries(Object.entries(cles).map(([k, c]) => [k, t(lang, c)])));
}

function afficher(req: Request, res: Response, b: Brouillon, status = 200): void {
  const lang = langue(req, res);
  const diagnostics = (b.diagnostics ?? []).map((d) => ({
    ...d,
    position:
      d.line > 0 ? remplacer(t(lang, 'ed_position'), { ligne: d.line, colonne: d.column }) : '',
    gravite: t(lang, `ed_${d.severity}`),
  }));
  const cid = b.cid ? encodeURIComponent(b.cid) : undefined;
  page(
    req,
    res,
    'editeur',
    {
      ...b,
      diagnostics,
      enErreur: diagnostics.some((d) => d.severity === 'error'),
      textes: textesClient(lang),
      versionStockee:
        b.version !== undefined
          ? remplacer(t(lang, 'ed_version_stockee'), { version: b.version })
          : undefined,
      nouvelleVersion:
        b.nouvelle !== undefined
          ? remplacer(t(lang, 'ed_nouvelle_version'), { version: b.nouvelle })
          : undefined,
      apercuStocke:
        cid && b.version !== undefined
          ? `/api/conventions/${cid}/versions/${String(b.version)}.html`
          : undefined,
      lienConvention: cid ? `/conventions/${cid}` : undefined,
    },
    { titre: b.titre, status, scripts: ['editeur'] },
  );
}

const champ = (req: Request, nom: string): string => {
  const v = (req.body as Record<string, unknown> | undefined)?.[nom];
  return typeof v === 'string' ? v : '';
};

/** The stored draft to open, or the version a new draft follows. */
function choisir(c: ConventionApi, demandee: unknown): { ouvrir?: number; suivre?: number } {
  const n = typeof demandee === 'string' ? Number(demandee) : NaN;
  const voulue = c.versions.find((v) => v.version === n);
  if (voulue) return voulue.scellee ? { suivre: voulue.version } : { ouvrir: voulue.version };
  const projets = c.versions.filter((v) => !v.scellee);
  const dernier = projets[projets.length - 1];
  if (dernier) return { ouvrir: dernier.version };
  return { suivre: c.versions[c.versions.length - 1]?.version ?? 0 };
}

async function ouvrir(req: Request, res: Response): Promise<void> {
  const lang = langue(req, res);
  const cid = String(req.params['cid']);
  const chemin = `/api/conventions/${encodeURIComponent(cid)}`;
  const a = api(req, res);
  const c = await a.get<ConventionApi>(chemin);
  if (c.status !== 200) {
    pageErreur(req, res, c.status);
    return;
  }
  const { ouvrir: v, suivre } = choisir(c.body, req.query['version']);
  const numero = v ?? suivre ?? 0;
  const texte = await a.get<string>(`${chemin}/versions/${String(numero)}.yaml`);
  if (texte.status !== 200) {
    pageErreur(req, res, texte.status);
    return;
  }
  afficher(req, res, {
    titre: remplacer(t(lang, 'ed_titre'), { id: c.body.id }),
    yaml: v !== undefined ? texte.body : prochaineVersion(texte.body, numero + 1),
    action: `/conventions/${encodeURIComponent(cid)}/brouillon`,
    cid: c.body.id,
    ...(v !== undefined ? { version: v } : { nouvelle: numero + 1 }),
    enregistre: req.query['enregistre'] === '1',
  });
}

interface Enregistree {
  convention_id: string;
  version: number;
}

/** Saves the draft through the API; on success, back to it (the address says it was saved). */
async function enregistrer(req: Request, res: Response, b: Brouillon): Promise<void> {
  const a = api(req, res);
  // A form sends its textarea's lines ended by CRLF: the text is stored as typed, with LF.
  const yaml = champ(req, 'yaml').replace(/\r\n?/g, '\n');
  const rep =
    b.version !== undefined && b.cid
      ? await a.envoyer<Enregistree>(
          'PUT',
          `/api/conventions/${encodeURIComponent(b.cid)}/versions/${String(b.version)}`,
          yaml,
          'application/yaml',
        )
      : await a.envoyer<Enregistree>('POST', '/api/conventions', yaml, 'application/yaml');
  if (rep.status === 200 || rep.status === 201) {
    const { convention_id: id, version } = rep.body;
    res.redirect(
      303,
      `/conventions/${encodeURIComponent(id)}/brouillon?version=${String(version)}&enregistre=1`,
    );
    return;
  }
  if (rep.status === 404 || rep.status === 403) {
    pageErreur(req, res, rep.status);
    return;
  }
  afficher(req, res, { ...b, yaml, diagnostics: diagnosticsDe(rep.body) }, 400);
}

export function pagesEditeur(): Router {
  const r = Router();

  r.get('/conventions/nouveau', (req, res) => {
    if (!exigerSession(req, res)) return;
    const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : '');
    afficher(req, res, {
      titre: t(langue(req, res), 'ed_titre_nouveau'),
      yaml: squelette(q('departement'), q('bailleur'), q('reservataire')),
      action: '/conventions/nouveau',
    });
  });

  r.post('/conventions/nouveau', async (req, res) => {
    if (!exigerSession(req, res)) return;
    await enregistrer(req, res, {
      titre: t(langue(req, res), 'ed_titre_nouveau'),
      yaml: '',
      action: '/conventions/nouveau',
    });
  });

  r.get('/conventions/:cid/brouillon', async (req, res) => {
    if (!exigerSession(req, res)) return;
    await ouvrir(req, res);
  });

  r.post('/conventions/:cid/brouillon', async (req, res) => {
    if (!exigerSession(req, res)) return;
    const cid = req.params['cid'];
    const v = Number(champ(req, 'version'));
    const version = Number.isInteger(v) && v > 0 ? v : undefined;
    await enregistrer(req, res, {
      titre: remplacer(t(langue(req, res), 'ed_titre'), { id: cid }),
      yaml: '',
      action: `/conventions/${encodeURIComponent(cid)}/brouillon`,
      cid,
      ...(version !== undefined ? { version } : {}),
    });
  });
  return r;
}
