/**
 * `convflux cotation --releve NUMERO --out DOSSIER` and `--document-grille --out DOSSIER`: the
 * relevé de cotation of one request (its score and how it was obtained, its priority, its rank
 * among the requests of the same kind, the average waiting time, the effect of a refusal, the
 * grid's criteria) and the public grid document, as PDF or HTML.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic, Lang } from '../diagnostics/diagnostic.js';
import { displayPath } from '../display-path.js';
import { ensureOutputDir, writeOutput } from '../output/write-output.js';
import { territoires } from '../reference/territoires.js';
import { lireAttributions } from './attributions.js';
import { communeCourante } from './commune-courante.js';
import { numeroNormalise, type Demande } from './demande.js';
import { coterDemandes, type CoterResult } from './coter.js';
import type { Grille } from '../check/grille/grille.js';
import { parseCotationLayout } from '../check/cotation-layout.js';
import { chargerGrille } from '../check/grille/load-grille.js';
import type { Cotation } from './noter.js';
import { lignesEnDouble, numeroNonCote } from './numero-non-cote.js';
import { Classement } from './rang.js';
import {
  cotationHtml,
  cotationPdfs,
  loadCotationTemplates,
  type CotationSource,
} from './releve-render.js';
import { grilleView, releveView, type CotationView } from './releve-view.js';

export interface DocumentEcrit {
  /** As the other commands show a path: relative to cwd when under it (displayPath). */
  fichier: string;
  pages?: number;
}

export interface ReleveOptions {
  grille: string;
  demandes: string;
  date: string;
  numero: string;
  out: string;
  attributions?: string;
  html: boolean;
  lang: Lang;
  cwd: string;
}

async function ecrire(
  source: CotationSource,
  path: string,
  html: boolean,
  lang: Lang,
  cwd: string,
): Promise<DocumentEcrit> {
  const t = loadCotationTemplates();
  if (html) {
    await writeOutput(`${path}.html`, cotationHtml(source.view, t), { lang, cwd });
    return { fichier: displayPath(`${path}.html`, cwd) };
  }
  const [pdf] = await cotationPdfs([source], t);
  if (!pdf) throw new Error('aucun PDF imprimé');
  await writeOutput(`${path}.pdf`, pdf.bytes, { lang, cwd });
  return { fichier: displayPath(`${path}.pdf`, cwd), pages: pdf.pages };
}

const sha256 = async (path: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

function vue(g: Grille, titre: string, detail: boolean): CotationView {
  const t = loadCotationTemplates();
  return { modele: t.modele, titre, grille: grilleView(g, detail) };
}

/** The first wished commune's name (a former code: its current commune's). */
function communeNom(code: string | undefined): { communeNom?: string } {
  if (code === undefined) return {};
  const t = territoires();
  const c = t.communes.get(code) ?? t.anciens.get(code);
  return c ? { communeNom: c.nom } : {};
}

/** The relevé of one request: the whole file is scored (the rank needs every request). */
export async function ecrireReleve(
  o: ReleveOptions,
): Promise<CoterResult & { document?: DocumentEcrit }> {
  const numero = numeroNormalise(o.numero);
  const t = territoires();
  const classement = new Classement(numero, (code) => communeCourante(t, code));
  let cible: Cotation | undefined;
  let cibleNonDite = false;
  let posterieure: Demande | undefined;
  const r = await coterDemandes({
    grille: o.grille,
    demandes: o.demandes,
    date: o.date,
    lang: o.lang,
    cwd: o.cwd,
    onCotation: (c, _d, nonDite) => {
      classement.ajouter(c);
      if (c.numero_unique === numero) {
        cible = c;
        cibleNonDite = nonDite;
      }
    },
    onPosterieure: (d) => {
      if (d.numero_unique === numero) posterieure = d;
    },
  });
  const g = r.grille;
  if (!g) return r;
  // A numéro read twice: which row is the request is unknown, so no relevé.
  if (!cible || lignesEnDouble(r, numero).length) {
    r.diagnostics.unshift(
      numeroNonCote(
        r,
        numero,
        o.demandes,
        o.lang,
        posterieure && { demande: posterieure, date: o.date },
      ),
    );
    r.ok = false;
    return r;
  }
  const attributions =
    o.attributions === undefined
      ? undefined
      : await lireAttributions(o.attributions, o.date, o.lang, o.cwd);
  r.diagnostics.push(...(attributions?.diagnostics ?? []));
  // A bad attributions file would print a wrong (or « not given ») waiting time: no relevé.
  if (attributions?.diagnostics.some((d) => d.severity === 'error')) {
    r.ok = false;
    return r;
  }
  // Without its typologie or its first wished commune, the request's kind is unknown: neither
  // a rank among « the same kind » nor a waiting time of that kind can be told.
  const connu = cible.typologie !== undefined && cible.commune !== undefined;
  const delai = connu ? attributions?.delai(cible.typologie, cible.commune) : undefined;
  const position = connu ? classement.rang(cible) : undefined;
  const view: CotationView = {
    ...vue(g, `Relevé de cotation de votre demande de logement social`, false),
    releve: releveView(g, cible, o.date, {
      ...(position ? { rang: position } : {}),
      ...(delai ? { delai } : {}),
      ...communeNom(cible.commune),
      attributionsDonnees: attributions !== undefined,
      prioriteNonDite: cibleNonDite,
    }),
  };
  await ensureOutputDir(o.out, { lang: o.lang, cwd: o.cwd });
  const grilleSha256 = await sha256(resolve(o.cwd, o.grille));
  const document = await ecrire(
    { view, date: o.date, grilleSha256 },
    join(resolve(o.cwd, o.out), `releve-${numero}`),
    o.html,
    o.lang,
    o.cwd,
  );
  return { ...r, document };
}

/** The public grid document (all criteria, for the EPCI's website). */
export async function ecrireDocumentGrille(o: {
  grille: string;
  out: string;
  html: boolean;
  lang: Lang;
  cwd: string;
}): Promise<{ diagnostics: Diagnostic[]; document?: DocumentEcrit }> {
  const path = resolve(o.cwd, o.grille);
  const loaded = await chargerGrille(
    path,
    o.grille,
    o.lang,
    territoires(),
    parseCotationLayout(path),
  );
  const g = loaded.grille;
  if (!g) return { diagnostics: loaded.diagnostics };
  await ensureOutputDir(o.out, { lang: o.lang, cwd: o.cwd });
  const view = vue(g, `Grille de cotation de la demande de logement social – ${g.epci.nom}`, true);
  const file = join(resolve(o.cwd, o.out), `grille-${g.epci.siren}-v${String(g.version)}`);
  return {
    diagnostics: loaded.diagnostics,
    document: await ecrire(
      { view, date: g.en_vigueur_le, grilleSha256: await sha256(path) },
      file,
      o.html,
      o.lang,
      o.cwd,
    ),
  };
}
