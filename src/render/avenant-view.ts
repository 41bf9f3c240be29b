/**
 * The data the avenant templates read (templates/avenant/): the two versions of the convention,
 * what changes between them article by article, and the new version's full view (parties, visas,
 * signatories). As for the convention, every text is typeset here; templates only arrange.
 * Fields ending in `Html` are HTML quoted from the convention's own templates (printed raw).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparerArticle, type Cible, type LigneComparee } from './avenant-compare.js';
import type { ConventionTemplates } from './templates.js';
import { listeEt, minusculeInitiale, typographierHtml } from './typographie.js';
import { VIEW_SHAPE, type ArticleView, type ConventionView, type ShapeOf } from './view-model.js';

export interface VersionView {
  numero: number;
  dateEffet: string;
  /** "version signée" / "projet". */
  statut: string;
  empreinte: string;
  empreinteCourte: string;
  yamlSha256: string;
  fichier: string;
}

export interface InstructionView {
  /** "1°". */
  numero: string;
  texte: string;
  /** Last of the list (ends with a full stop rather than a semicolon). */
  dernier: boolean;
}

export interface LigneComparaisonView {
  ancienHtml: string;
  nouveauHtml: string;
  /** inchange, modifie, ajoute, supprime (a CSS class). */
  etat: string;
  inchange: boolean;
}

export interface ModificationView {
  /** Article of the avenant. */
  article: ArticleView;
  /** "L’article 5 de la convention, « Décompte et pondération », est ainsi modifié". */
  chapeau: string;
  /** "l’article 5" (what is compared in the table). */
  cible: string;
  /** The amended article or annex: "Article 5", "Décompte et pondération". */
  reference: string;
  intitule: string;
  instructionUnique: boolean;
  instructions: InstructionView[];
  lignes: LigneComparaisonView[];
}

export interface AvenantView {
  modele: { nom: string; version: string; empreinte: string };
  avenant: {
    numero: number;
    titre: string;
    id: string;
    projet: boolean;
    dateEffet: string;
    /** AAAA-MM-JJ (PDF metadata dates). */
    dateEffetIso: string;
    /** "les articles 4, 5 et 7 de la convention, ainsi que ses annexes 1 et 2". */
    cibles: string;
    /** The new version directly follows the old one (no version skipped). */
    consecutives: boolean;
  };
  ancienne: VersionView;
  nouvelle: VersionView;
  /** The new version of the convention (parties, visas, signatories, article numbers). */
  convention: ConventionView;
  articles: { objet: ArticleView; dateEffet: ArticleView; autres: ArticleView };
  modifications: ModificationView[];
  generateur: string;
}

const V = 'valeur';
const ARTICLE: ShapeOf<ArticleView> = { numero: V, titre: V, ancre: V };
const VERSION: ShapeOf<VersionView> = {
  numero: V,
  dateEffet: V,
  statut: V,
  empreinte: V,
  empreinteCourte: V,
  yamlSha256: V,
  fichier: V,
};

export const AVENANT_SHAPE: ShapeOf<AvenantView> = {
  modele: { nom: V, version: V, empreinte: V },
  avenant: {
    numero: V,
    titre: V,
    id: V,
    projet: V,
    dateEffet: V,
    dateEffetIso: V,
    cibles: V,
    consecutives: V,
  },
  ancienne: VERSION,
  nouvelle: VERSION,
  convention: VIEW_SHAPE,
  articles: { objet: ARTICLE, dateEffet: ARTICLE, autres: ARTICLE },
  modifications: [
    {
      article: ARTICLE,
      chapeau: V,
      cible: V,
      reference: V,
      intitule: V,
      instructionUnique: V,
      instructions: [{ numero: V, texte: V, dernier: V }],
      lignes: [{ ancienHtml: V, nouveauHtml: V, etat: V, inchange: V }],
    },
  ],
  generateur: V,
};

/** A quoted part of the convention: a partial of templates/convention/ (article or annex). */
export interface PartieComparee {
  /** Partial name ("articles/decompte"). */
  partiel: string;
  /** "Article 5" / "Annexe 1". */
  reference: string;
  titre: string;
  annexe: boolean;
  numero: string;
}

/**
 * The articles and annexes of the convention, in the order of its document.hbs. The annex that
 * identifies the document (version, hashes) is not a stipulation: it is never amended.
 */
export function partiesComparees(templates: ConventionTemplates): string[] {
  const source = readFileSync(join(templates.dir, 'document.hbs'), 'utf8');
  return [...source.matchAll(/\{\{>\s*((?:articles|annexes)\/[\w-]+)\s*\}\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => name !== 'annexes/identification' && templates.partiels.has(name));
}

/** A partial of the convention rendered from one version's view, typeset as printed. */
function rendre(templates: ConventionTemplates, partiel: string, view: ConventionView): string {
  const render = templates.partiels.get(partiel);
  if (!render) throw new Error(`modèle partiel inconnu : ${partiel}`);
  return typographierHtml(render(view));
}

/** "Article 5" and "Décompte et pondération" from the partial's <h2>. */
function intitule(html: string, partiel: string): PartieComparee {
  const h2 = /<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? '';
  const numero = /<span class="numero">([\s\S]*?)<\/span>/.exec(h2)?.[1]?.trim() ?? partiel;
  const titre = h2
    .replace(/<span class="numero">[\s\S]*?<\/span>/, '')
    .replace(/<[^>]*>/g, '')
    .replace(/^[\s–-]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const annexe = /^Annexe\b/.test(numero);
  return {
    partiel,
    reference: numero,
    titre,
    annexe,
    numero: numero.replace(/^(Article|Annexe)[\s\u00a0]+/, ''),
  };
}

function versionView(view: ConventionView): VersionView {
  return {
    numero: view.document.version,
    dateEffet: view.document.dateEffet,
    statut: minusculeInitiale(view.document.statut),
    empreinte: view.document.empreinte,
    empreinteCourte: view.document.empreinteCourte,
    yamlSha256: view.document.yamlSha256,
    fichier: view.document.fichier,
  };
}

/** "les articles 4, 5 et 7 de la convention, ainsi que ses annexes 1 et 2". */
function cibles(parties: PartieComparee[]): string {
  const articles = parties.filter((p) => !p.annexe).map((p) => p.numero);
  const annexes = parties.filter((p) => p.annexe).map((p) => p.numero);
  const a = articles.length
    ? `${articles.length > 1 ? 'les articles' : 'l’article'} ${listeEt(articles)} de la convention`
    : '';
  const x = annexes.length
    ? `${annexes.length > 1 ? 'les annexes' : 'l’annexe'} ${listeEt(annexes)}`
    : '';
  if (a && x)
    return `${a}, ainsi que ${annexes.length > 1 ? 'ses annexes' : 'son annexe'} ${listeEt(annexes)}`;
  return a || `${x} de la convention`;
}

export interface AvenantInput {
  ancienne: ConventionView;
  nouvelle: ConventionView;
  templates: ConventionTemplates;
  modele: { nom: string; version: string; empreinte: string };
  generateur: string;
}

/** The comparison of every article and annex, and the avenant's view. */
export function buildAvenantView(input: AvenantInput): AvenantView {
  const { ancienne, nouvelle, templates } = input;
  // Whether an article changes is judged with the same document identity on both sides: the
  // version number and date d'effet that some articles print (Durée) are not stipulations.
  const ancienneMemeDocument: ConventionView = { ...ancienne, document: nouvelle.document };
  const modifiees: { partie: PartieComparee; instructions: string[]; lignes: LigneComparee[] }[] =
    [];
  for (const partiel of partiesComparees(templates)) {
    const avant = rendre(templates, partiel, ancienne);
    const apres = rendre(templates, partiel, nouvelle);
    const partie = intitule(apres, partiel);
    const cible: Cible = {
      nom: `${partie.annexe ? 'l’annexe' : 'l’article'} ${partie.numero}`,
      feminin: partie.annexe,
    };
    if (!comparerArticle(rendre(templates, partiel, ancienneMemeDocument), apres, cible).changed)
      continue;
    const { instructions, lignes } = comparerArticle(avant, apres, cible);
    modifiees.push({ partie, instructions, lignes });
  }

  const numero = (i: number): ArticleView => ({
    numero: i,
    titre: '',
    ancre: `article-${String(i)}`,
  });
  const modifications: ModificationView[] = modifiees.map(({ partie, instructions, lignes }, i) => {
    const nom = `${partie.annexe ? 'l’annexe' : 'l’article'} ${partie.numero}`;
    const participe = partie.annexe ? 'modifiée' : 'modifié';
    return {
      article: { ...numero(i + 2), titre: `Modification de ${nom} de la convention` },
      chapeau: `${nom.charAt(0).toUpperCase()}${nom.slice(1)} de la convention, « ${partie.titre} », est ainsi ${participe}`,
      cible: nom,
      reference: partie.reference,
      intitule: partie.titre,
      instructionUnique: instructions.length === 1,
      instructions: instructions.map((texte, k) => ({
        numero: `${String(k + 1)}°`,
        // A single instruction follows the colon of the opening sentence: no capital.
        texte: instructions.length === 1 ? minusculeInitiale(texte) : texte,
        dernier: k === instructions.length - 1,
      })),
      lignes: lignes.map((l) => ({
        ancienHtml: l.ancien,
        nouveauHtml: l.nouveau,
        etat: l.etat,
        inchange: l.etat === 'inchange',
      })),
    };
  });
  const n = modifications.length;
  return {
    modele: input.modele,
    avenant: {
      numero: nouvelle.document.version - 1,
      titre: `Avenant n° ${String(nouvelle.document.version - 1)} à la convention de réservation de logements locatifs sociaux en flux`,
      id: nouvelle.document.id,
      projet: nouvelle.document.projet,
      dateEffet: nouvelle.document.dateEffet,
      dateEffetIso: nouvelle.document.dateEffetIso,
      cibles: cibles(modifiees.map((m) => m.partie)),
      consecutives: nouvelle.document.version === ancienne.document.version + 1,
    },
    ancienne: versionView(ancienne),
    nouvelle: versionView(nouvelle),
    convention: nouvelle,
    articles: {
      objet: { ...numero(1), titre: 'Objet de l’avenant' },
      dateEffet: { ...numero(n + 2), titre: 'Date d’effet' },
      autres: { ...numero(n + 3), titre: 'Autres stipulations' },
    },
    modifications,
    generateur: input.generateur,
  };
}
