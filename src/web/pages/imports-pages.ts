/**
 * Imports (`/bailleurs/:siren/imports`): the form, the result of one import (`?import=ID`: its
 * status, what the reading of the file noted, every rejected row with its line and reason) and the bailleur's past imports, all read
 * from the API. With JavaScript, `client/import.ts` sends the file straight to
 * `POST /api/bailleurs/:siren/imports` with a progress bar; without, the form posts here
 * (multipart, its `_csrf` in the action's query) and the file part is streamed to the same API
 * route, never held in memory. Either way the page then shows the import (PRG).
 */
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import type { Diagnostic, Lang } from '../../diagnostics/diagnostic.js';
import { api, type ReponseApi } from '../api-interne.js';
import { formatImport, NATURES_IMPORT } from '../format-import.js';
import { diagnosticsDe, erreursFormulaire, type ErreursFormulaire } from '../formulaire.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { exigerSession } from '../session-web.js';
import { locale } from '../formats.js';

interface ImportApi {
  id: string;
  nature: string;
  format: string;
  statut: 'en_cours' | 'termine' | 'rejete' | 'interrompu';
  lignes: number;
  acceptees: number;
  cree_le: string;
  rejets?: Diagnostic[];
  /** What the reading of the file noted without refusing it (the sheet read, a column ignored…). */
  remarques?: Diagnostic[];
}

const FORMATS = ['', 'csv', 'ndjson', 'xlsx', 'rpls'];
const ETIQUETTE: Record<ImportApi['statut'], string> = {
  termine: 'succes',
  rejete: 'erreur',
  en_cours: 'neutre',
  interrompu: 'attention',
};

const chemin = (siren: string) => `/bailleurs/${encodeURIComponent(siren)}/imports`;
const apiImports = (siren: string) => `/api${chemin(siren)}`;

const quand = (iso: string, lang: Lang): string =>
  new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));

function vueImport(i: ImportApi, siren: string, lang: Lang) {
  return {
    ...i,
    quand: quand(i.cree_le, lang),
    natureLibelle: t(lang, `sai_imp_nature_${i.nature}`),
    statutLibelle: t(lang, `sai_imp_statut_${i.statut}`),
    etiquette: ETIQUETTE[i.statut],
    href: `${chemin(siren)}?import=${encodeURIComponent(i.id)}#resultat`,
  };
}

function vueResultat(i: ImportApi, siren: string, lang: Lang) {
  const rejets = i.rejets ?? [];
  return {
    ...vueImport(i, siren, lang),
    message: t(lang, `sai_imp_${i.statut}`),
    alerte: i.statut === 'termine' ? 'succes' : i.statut === 'en_cours' ? 'info' : 'erreur',
    estTermine: i.statut === 'termine',
    rejetees: rejets.length,
    rejets: rejets.map((d) => ({ ligne: d.line, message: d.message, code: d.code })),
    remarques: (i.remarques ?? []).map((d) => ({ message: d.message, code: d.code })),
  };
}

const options = (
  valeurs: readonly string[],
  choisi: string,
  cle: (v: string) => string,
  lang: Lang,
) => valeurs.map((v) => ({ valeur: v, libelle: t(lang, cle(v)), choisi: v === choisi }));

interface Saisi {
  nature: string;
  format: string;
}

async function afficher(
  req: Request,
  res: Response,
  saisi: Saisi,
  erreurs?: ErreursFormulaire,
): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  const lang = langue(req, res);
  const liste = corpsOuPage(
    req,
    res,
    await api(req, res).get<{ imports: ImportApi[] }>(apiImports(siren)),
  );
  if (!liste) return;
  const id = typeof req.query['import'] === 'string' ? req.query['import'] : '';
  const un = id
    ? await api(req, res).get<ImportApi>(`/api/imports/${encodeURIComponent(id)}`)
    : undefined;
  page(
    req,
    res,
    'imports',
    {
      siren,
      action: chemin(siren),
      natures: options(NATURES_IMPORT, saisi.nature, (v) => `sai_imp_nature_${v}`, lang),
      formats: options(FORMATS, saisi.format, (v) => `sai_imp_format_${v || 'auto'}`, lang),
      erreurs,
      resultat: un?.status === 200 ? vueResultat(un.body, siren, lang) : undefined,
      imports: liste.imports.map((i) => vueImport(i, siren, lang)),
    },
    { titre: t(lang, 'sai_imp_titre'), scripts: ['import'], status: erreurs ? 400 : 200 },
  );
}

interface Televersement {
  champs: Record<string, string>;
  envoi?: Promise<ReponseApi<Partial<ImportApi> & { diagnostics?: Diagnostic[] }>>;
  manque?: 'fichier' | 'format';
}

async function lire<T>(r: globalThis.Response): Promise<ReponseApi<T>> {
  const json = (r.headers.get('content-type') ?? '').includes('json');
  return { status: r.status, headers: r.headers, body: (json ? await r.json() : {}) as T };
}

/**
 * Reads the multipart form: its fields (before the file), then streams the file part to the API.
 * Resolves as soon as the upload to the API has begun, or when the form ends without a file.
 */
function recevoir(req: Request, res: Response, siren: string): Promise<Televersement> {
  return new Promise((resolve, reject) => {
    const champs: Record<string, string> = {};
    let manque: Televersement['manque'];
    let commence = false;
    const bb = busboy({
      headers: req.headers,
      limits: { files: 1, fields: 20, fieldSize: 10_000 },
    });
    bb.on('field', (nom, valeur) => {
      champs[nom] = valeur;
    });
    bb.on('file', (nom, flux, info) => {
      const nomFichier = info.filename ?? '';
      const format = formatImport(champs['format'] ?? '', nomFichier);
      if (nom !== 'fichier' || commence || !nomFichier || !format) {
        if (nom === 'fichier' && !commence) manque = nomFichier ? 'format' : 'fichier';
        flux.resume();
        return;
      }
      commence = true;
      const nature = encodeURIComponent(champs['nature'] ?? '');
      const envoi = api(req, res)
        .brut(`${apiImports(siren)}?nature=${nature}&format=${format}`, {
          method: 'POST',
          body: Readable.toWeb(flux) as ReadableStream,
          headers: { 'content-type': 'application/octet-stream' },
          duplex: 'half',
        })
        .then((r) => lire<Partial<ImportApi> & { diagnostics?: Diagnostic[] }>(r));
      resolve({ champs, envoi });
    });
    bb.on('close', () => {
      resolve({ champs, manque: manque ?? 'fichier' });
    });
    bb.on('error', reject);
    req.pipe(bb);
  });
}

function erreurManque(champ: 'fichier' | 'format', lang: Lang): ErreursFormulaire {
  const message = t(
    lang,
    champ === 'fichier' ? 'sai_imp_fichier_absent' : 'sai_imp_format_inconnu',
  );
  return { champs: { [champ]: [message] }, generales: [], toutes: [{ champ, message }] };
}

async function importer(req: Request, res: Response): Promise<void> {
  if (!exigerSession(req, res)) return;
  const siren = String(req.params['siren']);
  const lang = langue(req, res);
  if (!req.is('multipart/form-data')) {
    await afficher(req, res, { nature: '', format: '' }, erreurManque('fichier', lang));
    return;
  }
  const { champs, envoi, manque } = await recevoir(req, res, siren);
  const saisi = { nature: champs['nature'] ?? '', format: champs['format'] ?? '' };
  if (!envoi) {
    await afficher(req, res, saisi, erreurManque(manque ?? 'fichier', lang));
    return;
  }
  const rep = await envoi;
  // The API answered before reading the whole file (a refused parameter): drop the rest.
  if (!req.complete) {
    req.unpipe();
    req.resume();
  }
  if ((rep.status === 201 || rep.status === 422) && rep.body.id) {
    res.redirect(303, `${chemin(siren)}?import=${encodeURIComponent(rep.body.id)}#resultat`);
    return;
  }
  if (rep.status === 400) {
    await afficher(req, res, saisi, erreursFormulaire(diagnosticsDe(rep.body)));
    return;
  }
  corpsOuPage(req, res, rep);
}

export function pagesImports(): Router {
  const r = Router();
  r.get('/bailleurs/:siren/imports', (req, res) => afficher(req, res, { nature: '', format: '' }));
  r.post('/bailleurs/:siren/imports', importer);
  return r;
}
