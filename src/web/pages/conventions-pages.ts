/**
 * The conventions pages: the list the account sees (filters by département, bailleur,
 * réservataire, as a GET form), a convention's page (its text as printed, in a frame that keeps
 * the print's own stylesheet; its versions, signatures, downloads), the semantic diff between two
 * versions as a table, the avenant. Every figure, state and document is the API's answer to the
 * visitor (`/api/conventions/...`); downloads are the API's bytes, relayed as they stream.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as FluxWeb } from 'node:stream/web';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Principal } from '../../server/auth/principal.js';
import { api, type ApiInterne } from '../api-interne.js';
import { t } from '../i18n/messages.js';
import { langue } from '../langue.js';
import { page } from '../rendu-page.js';
import { corpsOuPage } from '../reponse-api.js';
import { pageErreur } from '../routes-web.js';
import { exigerSession } from '../session-web.js';
import {
  dateLongue,
  etatSignatures,
  lignesDiff,
  lignesSignatures,
  peutRediger,
  signablesPar,
  sommaire,
  statut,
  tf,
  type Convention,
  type ConventionListee,
  type Diff,
  type SuiviSignatures,
  type Version,
} from './conventions-vues.js';

const enc = encodeURIComponent;
const FILTRES = ['departement', 'bailleur', 'reservataire'] as const;
type Filtre = (typeof FILTRES)[number];

/** Addresses of the pages of a convention. */
const adresse = {
  convention: (cid: string) => `/conventions/${enc(cid)}`,
  version: (cid: string, v: number) => `/conventions/${enc(cid)}/versions/${String(v)}`,
  texte: (cid: string, v: number) => `${adresse.version(cid, v)}/texte`,
  pdf: (cid: string, v: number) => `${adresse.version(cid, v)}/pdf`,
  pdfSigne: (cid: string, v: number) => `${adresse.version(cid, v)}/pdf-signe`,
  deux: (cid: string, quoi: string, de: number, a: number) =>
    `/conventions/${enc(cid)}/${quoi}?de=${String(de)}&a=${String(a)}`,
  brouillon: (cid: string) => `/conventions/${enc(cid)}/brouillon`,
};
const apiConvention = (cid: string) => `/api/conventions/${enc(cid)}`;
const apiVersion = (cid: string, v: number) => `${apiConvention(cid)}/versions/${String(v)}`;

/** A version number from the address (`1`, `2`…), else undefined. */
function numero(x: unknown): number | undefined {
  return typeof x === 'string' && /^[1-9][0-9]{0,8}$/.test(x) ? Number(x) : undefined;
}

const texteRequete = (req: Request, cle: string): string | undefined => {
  const v = req.query[cle];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

/**
 * On screen only, a margin around the printed text shown in its frame (the print sets its own
 * page margins; the text itself is untouched).
 */
const MARGE_ECRAN = '<style>@media screen { body { margin: 1rem 1.25rem; } }</style>';

/**
 * Relays a document of the API: a PDF as it streams, as an attachment under `fichier`; an HTML
 * print as is, with a screen margin. The API's refusal becomes the usual page (sign-in, 404…).
 */
async function relayer(
  req: Request,
  res: Response,
  chemin: string,
  o: { type: 'html' } | { type: 'pdf'; fichier: string },
): Promise<void> {
  const rep = await api(req, res).brut(chemin);
  if (!rep.ok || !rep.body) {
    await rep.body?.cancel();
    corpsOuPage(req, res, { status: rep.status, body: undefined, headers: rep.headers });
    return;
  }
  res.status(200).set('Cache-Control', 'no-store');
  const minutage = rep.headers.get('server-timing');
  if (minutage) res.set('Server-Timing', minutage);
  if (o.type === 'html') {
    const html = await rep.text();
    const i = html.indexOf('</head>');
    res
      .type('text/html; charset=utf-8')
      .send(i < 0 ? html : html.slice(0, i) + MARGE_ECRAN + html.slice(i));
    return;
  }
  res.type('application/pdf').attachment(o.fichier);
  const taille = rep.headers.get('content-length');
  if (taille) res.set('Content-Length', taille);
  await pipeline(Readable.fromWeb(rep.body as FluxWeb<Uint8Array>), res);
}

// ---------------------------------------------------------------------------------------------
// The list

/** The options of a filter: each value, labelled by the party's name when the texts give one. */
function options(
  valeurs: Iterable<string>,
  choisie: string | undefined,
  noms: ReadonlyMap<string, string> = new Map(),
) {
  const toutes = new Set(valeurs);
  if (choisie) toutes.add(choisie);
  const libelle = (v: string) => {
    const nom = noms.get(v);
    return nom ? `${nom} (${v})` : v;
  };
  return [...toutes]
    .map((valeur) => ({ valeur, libelle: libelle(valeur), choisie: valeur === choisie }))
    .sort((x, y) => x.libelle.localeCompare(y.libelle, 'fr'));
}

/** Each party's name by its SIREN or id, as the conventions' texts give them. */
function nomsPar(cs: ConventionListee[], f: Filtre): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of cs) {
    const nom =
      f === 'bailleur' ? c.bailleur_nom : f === 'reservataire' ? c.reservataire_nom : null;
    if (nom) m.set(c[f], nom);
  }
  return m;
}

/**
 * A row of the list: the version in force (the API's `en_vigueur`), else the latest one; and the
 * later version in preparation (draft or text still to sign) as a second mention.
 */
async function ligneListe(a: ApiInterne, lang: Lang, c: ConventionListee) {
  const derniere = c.versions.at(-1);
  const enVigueur = c.versions.find((v) => v.version === c.en_vigueur?.version);
  const montree = enVigueur ?? derniere;
  const rs = montree
    ? await a.get<SuiviSignatures>(`${apiVersion(c.id, montree.version)}/signatures`)
    : undefined;
  const preparation =
    derniere && derniere.version > (enVigueur?.version ?? 0) ? derniere : undefined;
  return {
    id: c.id,
    href: adresse.convention(c.id),
    departement: c.departement,
    bailleur: c.bailleur,
    reservataire: c.reservataire,
    bailleur_nom: c.bailleur_nom,
    reservataire_nom: c.reservataire_nom,
    version: montree?.version,
    enVigueur: enVigueur !== undefined,
    statut: montree ? statut(lang, montree.statut) : undefined,
    date_effet: montree?.date_effet,
    signatures: rs?.status === 200 ? etatSignatures(lang, rs.body) : undefined,
    preparation: preparation
      ? {
          href: adresse.version(c.id, preparation.version),
          texte: tf(lang, 'cv_en_preparation', {
            v: preparation.version,
            statut: statut(lang, preparation.statut).libelle,
          }),
        }
      : undefined,
    versions: c.versions.map((v) => ({
      version: v.version,
      href: adresse.version(c.id, v.version),
      statut: statut(lang, v.statut).libelle,
    })),
  };
}

async function pageListe(req: Request, res: Response): Promise<void> {
  const p = exigerSession(req, res);
  if (!p) return;
  const lang = langue(req, res);
  const a = api(req, res);
  const choisis: Partial<Record<Filtre, string>> = {};
  for (const f of FILTRES) {
    const v = texteRequete(req, f);
    if (v) choisis[f] = v;
  }
  const qs = new URLSearchParams(choisis as Record<string, string>).toString();
  const [rTout, rFiltre] = await Promise.all([
    a.get<{ conventions: ConventionListee[] }>('/api/conventions'),
    a.get<{ conventions: ConventionListee[] }>(`/api/conventions${qs ? `?${qs}` : ''}`),
  ]);
  const tout = corpsOuPage(req, res, rTout);
  if (!tout) return;
  const filtre = corpsOuPage(req, res, rFiltre);
  if (!filtre) return;
  const lignes = await Promise.all(filtre.conventions.map((c) => ligneListe(a, lang, c)));
  const n = lignes.length;
  page(
    req,
    res,
    'conventions',
    {
      filtres: FILTRES.map((f) => ({
        nom: f,
        libelle: t(lang, `cv_${f}`),
        options: options(
          tout.conventions.map((c) => c[f]),
          choisis[f],
          nomsPar(tout.conventions, f),
        ),
      })),
      filtre: qs !== '',
      lignes,
      nombreConventions: n === 1 ? t(lang, 'cv_nombre_un') : tf(lang, 'cv_nombre', { n }),
      nouvelle: p.appartenances.some((x) => x.permissions.has('rediger')) || p.admin,
    },
    { titre: t(lang, 'cv_liste_titre') },
  );
}

// ---------------------------------------------------------------------------------------------
// A convention's page

function lignesVersions(lang: Lang, c: Convention, courante: number) {
  return c.versions.map((v, i) => {
    const precedente = i > 0 ? c.versions[i - 1]?.version : undefined;
    const n = String(v.version);
    return {
      version: v.version,
      href: adresse.version(c.id, v.version),
      courante: v.version === courante,
      statut: statut(lang, v.statut),
      date_effet: v.date_effet,
      cree_le: v.cree_le,
      pdf: adresse.pdf(c.id, v.version),
      pdfLibelle: tf(lang, 'cv_telecharger_pdf', { v: n }),
      ...(precedente !== undefined
        ? {
            diff: {
              href: adresse.deux(c.id, 'diff', precedente, v.version),
              libelle: tf(lang, 'cv_diff_avec_precedente', { p: precedente }),
            },
            avenant: {
              href: adresse.deux(c.id, 'avenant', precedente, v.version),
              libelle: tf(lang, 'cv_avenant_avec_precedente', { p: precedente, v: n }),
            },
          }
        : {}),
    };
  });
}

/**
 * The document a signer of this version downloads: the PDF another party already signed (to
 * countersign); else, for a first version, its PDF; for a later one, the avenant from the version
 * before (a later version prints as a consolidated text, without signature fields: the avenant is
 * what the parties sign).
 */
function documentASigner(lang: Lang, c: Convention, v: Version, s: SuiviSignatures) {
  if (s.signatures.some((x) => x.pdf_sha256))
    return { href: adresse.pdfSigne(c.id, v.version), libelle: t(lang, 'cv_pdf_a_contresigner') };
  const i = c.versions.findIndex((x) => x.version === v.version);
  const precedente = i > 0 ? c.versions[i - 1]?.version : undefined;
  if (precedente === undefined)
    return { href: adresse.pdf(c.id, v.version), libelle: t(lang, 'cv_pdf_a_signer') };
  return {
    href: adresse.deux(c.id, 'avenant/pdf', precedente, v.version),
    libelle: t(lang, 'cv_avenant_a_signer'),
  };
}

/** The downloads and actions the version offers this visitor. */
function actions(lang: Lang, p: Principal, c: Convention, v: Version, s: SuiviSignatures) {
  const signePdf = s.signatures.some((x) => x.pdf_sha256);
  const aSigner = signablesPar(p, v, s).length > 0;
  return {
    pdf: {
      href: adresse.pdf(c.id, v.version),
      libelle: tf(lang, 'cv_telecharger_pdf', { v: v.version }),
    },
    ...(aSigner ? { aSigner: documentASigner(lang, c, v, s) } : {}),
    ...(signePdf && !aSigner ? { pdfSigne: adresse.pdfSigne(c.id, v.version) } : {}),
    ...(v.statut === 'projet' && peutRediger(p, c) ? { brouillon: adresse.brouillon(c.id) } : {}),
  };
}

function vueComparer(c: Convention, courante: number) {
  if (c.versions.length < 2) return undefined;
  const i = c.versions.findIndex((v) => v.version === courante);
  const a = c.versions[Math.max(i, 1)]?.version;
  const de = c.versions[Math.max(i, 1) - 1]?.version;
  const opts = (choisie: number | undefined) =>
    c.versions.map((v) => ({ valeur: v.version, choisie: v.version === choisie }));
  return { action: `/conventions/${enc(c.id)}/diff`, de: opts(de), a: opts(a) };
}

async function pageVersion(req: Request, res: Response, next: NextFunction): Promise<void> {
  const cid = String(req.params['cid']);
  if (req.params['v'] === undefined && cid === 'nouveau') {
    next();
    return;
  }
  const p = exigerSession(req, res);
  if (!p) return;
  const lang = langue(req, res);
  const a = api(req, res);
  const c = corpsOuPage(req, res, await a.get<Convention>(apiConvention(cid)));
  if (!c) return;
  const n =
    req.params['v'] === undefined
      ? (c.en_vigueur?.version ?? c.versions.at(-1)?.version)
      : numero(req.params['v']);
  const v = c.versions.find((x) => x.version === n);
  if (!v) {
    pageErreur(req, res, 404);
    return;
  }
  const [rs, rh] = await Promise.all([
    a.get<SuiviSignatures>(`${apiVersion(c.id, v.version)}/signatures`),
    a.get<string>(`${apiVersion(c.id, v.version)}.html`),
  ]);
  const suivi = corpsOuPage(req, res, rs);
  if (!suivi) return;
  const texte = adresse.texte(c.id, v.version);
  const titre = tf(lang, 'cv_page_titre', { id: c.id, v: v.version });
  page(
    req,
    res,
    'conventions-version',
    {
      c,
      v: { ...v, statutVue: statut(lang, v.statut) },
      actions: actions(lang, p, c, v, suivi),
      signatures: {
        lignes: lignesSignatures(lang, suivi),
        etat: etatSignatures(lang, suivi),
        caption: tf(lang, 'cv_signatures_caption', { v: v.version }),
      },
      versions: lignesVersions(lang, c, v.version),
      versionsCaption: tf(lang, 'cv_versions_caption', { id: c.id }),
      comparer: vueComparer(c, v.version),
      sommaire: typeof rh.body === 'string' && rh.status === 200 ? sommaire(rh.body) : [],
      texte: { src: texte, titre: tf(lang, 'cv_texte_cadre', { id: c.id, v: v.version }) },
    },
    { titre },
  );
}

// ---------------------------------------------------------------------------------------------
// Diff and avenant

/** `?de=&a=` of the address and the convention (its versions), else the page already answered. */
async function deuxVersions(
  req: Request,
  res: Response,
): Promise<{ c: Convention; de: Version; a: Version } | undefined> {
  if (!exigerSession(req, res)) return undefined;
  const c = corpsOuPage(
    req,
    res,
    await api(req, res).get<Convention>(apiConvention(String(req.params['cid']))),
  );
  if (!c) return undefined;
  const de = c.versions.find((x) => x.version === numero(req.query['de']));
  const a = c.versions.find((x) => x.version === numero(req.query['a']));
  if (!de || !a) {
    pageErreur(req, res, 404);
    return undefined;
  }
  return { c, de, a };
}

async function pageDiff(req: Request, res: Response): Promise<void> {
  const d = await deuxVersions(req, res);
  if (!d) return;
  const lang = langue(req, res);
  const { c, de, a } = d;
  const diff = corpsOuPage(
    req,
    res,
    await api(req, res).get<Diff>(
      `${apiConvention(c.id)}/diff?de=${String(de.version)}&a=${String(a.version)}`,
    ),
  );
  if (!diff) return;
  const changements = diff.comparaison?.changements ?? [];
  const p = { id: c.id, de: de.version, a: a.version };
  page(
    req,
    res,
    'conventions-diff',
    {
      c,
      intro: tf(lang, 'cv_diff_intro', {
        ...p,
        dde: dateLongue(lang, diff.comparaison?.ancienne.date_effet),
        da: dateLongue(lang, diff.comparaison?.nouvelle.date_effet),
      }),
      lignes: lignesDiff(lang, changements),
      caption: tf(lang, 'cv_diff_caption', { ...p, n: changements.length }),
      avant: tf(lang, 'cv_diff_avant', p),
      apres: tf(lang, 'cv_diff_apres', p),
      texteA: adresse.version(c.id, a.version),
      avenant: adresse.deux(c.id, 'avenant', de.version, a.version),
      retour: adresse.convention(c.id),
    },
    { titre: tf(lang, 'cv_diff_titre', p) },
  );
}

async function pageAvenant(req: Request, res: Response): Promise<void> {
  const d = await deuxVersions(req, res);
  if (!d) return;
  const lang = langue(req, res);
  const { c, de, a } = d;
  const p = { id: c.id, de: de.version, a: a.version };
  page(
    req,
    res,
    'conventions-avenant',
    {
      c,
      texte: {
        src: adresse.deux(c.id, 'avenant/texte', de.version, a.version),
        titre: tf(lang, 'cv_avenant_cadre', p),
      },
      pdf: adresse.deux(c.id, 'avenant/pdf', de.version, a.version),
      diff: adresse.deux(c.id, 'diff', de.version, a.version),
      retour: adresse.convention(c.id),
    },
    { titre: tf(lang, 'cv_avenant_titre', p) },
  );
}

async function documentAvenant(req: Request, res: Response, format: 'html' | 'pdf') {
  const d = await deuxVersions(req, res);
  if (!d) return;
  const { c, de, a } = d;
  const qs = `de=${String(de.version)}&a=${String(a.version)}`;
  await relayer(
    req,
    res,
    `${apiConvention(c.id)}/avenant.${format}?${qs}`,
    format === 'html'
      ? { type: 'html' }
      : {
          type: 'pdf',
          fichier: `${c.id}-avenant-v${String(de.version)}-v${String(a.version)}.pdf`,
        },
  );
}

// ---------------------------------------------------------------------------------------------
// Documents of a version

/** `:v` of the address, or the 404 page. */
function versionDemandee(req: Request, res: Response): number | undefined {
  if (!exigerSession(req, res)) return undefined;
  const v = numero(req.params['v']);
  if (v === undefined) pageErreur(req, res, 404);
  return v;
}

async function documentVersion(
  req: Request,
  res: Response,
  quoi: 'texte' | 'pdf' | 'pdf-signe',
): Promise<void> {
  const v = versionDemandee(req, res);
  if (v === undefined) return;
  const cid = String(req.params['cid']);
  const base = apiVersion(cid, v);
  const nom = `${cid}-v${String(v)}`;
  if (quoi === 'texte') await relayer(req, res, `${base}.html`, { type: 'html' });
  else if (quoi === 'pdf')
    await relayer(req, res, `${base}.pdf`, { type: 'pdf', fichier: `${nom}.pdf` });
  else
    await relayer(req, res, `${base}/signatures.pdf`, {
      type: 'pdf',
      fichier: `${nom}-signee.pdf`,
    });
}

export function pagesConventions(): Router {
  const r = Router();
  r.get('/conventions', pageListe);
  r.get('/conventions/:cid', pageVersion);
  r.get('/conventions/:cid/versions/:v', pageVersion);
  for (const quoi of ['texte', 'pdf', 'pdf-signe'] as const)
    r.get(`/conventions/:cid/versions/:v/${quoi}`, (req, res) => documentVersion(req, res, quoi));
  r.get('/conventions/:cid/diff', pageDiff);
  r.get('/conventions/:cid/avenant', pageAvenant);
  r.get('/conventions/:cid/avenant/texte', (req, res) => documentAvenant(req, res, 'html'));
  r.get('/conventions/:cid/avenant/pdf', (req, res) => documentAvenant(req, res, 'pdf'));
  return r;
}
