/**
 * The data the avenant templates read (templates/avenant/): the two versions of the convention,
 * what changes between them article by article, and the new version's full view (parties, visas,
 * signatories). As for the convention, every text is typeset here; templates only arrange.
 * Fields ending in `Html` are HTML quoted from the convention's own templates (printed raw).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparerArticle, type Cible, type LigneComparee } from './compare-article.js';
import type { ConventionTemplates } from '../render/templates.js';
import { listeEt, minusculeInitiale, typographierHtml } from '../render/typographie.js';
import { ANNEXES_TECHNIQUES } from '../render/view-edition.js';
import {
  VIEW_SHAPE,
  type ArticleView,
  type ConventionView,
  type ShapeOf,
} from '../render/view-model.js';

export interface VersionView {
  numero: number;
  dateEffet: string;
  /** "projet", "texte arrêté, en attente de signature", "texte signé le …". */
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

/** What an article of the avenant does to the convention. */
export type Operation = 'modification' | 'insertion' | 'suppression' | 'renumerotation';

export interface ModificationView {
  /** Article of the avenant. */
  article: ArticleView;
  operation: Operation;
  /** "L’article 5 de la convention, « Décompte et pondération », est ainsi modifié". */
  chapeau: string;
  /** "l’article 5" (what is compared in the table). */
  cible: string;
  /** The amended article or annex: "Article 5", "Décompte et pondération". */
  reference: string;
  /** The convention's partial that prints it ("articles/decompte"). */
  partiel: string;
  intitule: string;
  /** The chapeau is the whole stipulation (insertion, suppression, renumbering). */
  sansInstruction: boolean;
  instructionUnique: boolean;
  instructions: InstructionView[];
  /** The side-by-side table is printed (modifications only). */
  tableau: boolean;
  /** An inserted part, quoted in full width (its headings turned into paragraphs). */
  redaction: boolean;
  redactionHtml: string;
  /** "Ancienne et nouvelle rédaction de l’article 5 de la convention". */
  legende: string;
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
    /** "modifie les articles 4 et 5 de la convention, ainsi que son annexe 3, insère…". */
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
  /** "Annexe 2 → Annexe 3" for each renumbered annex (also said by a renumbering article). */
  renumerotations: string[];
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
  renumerotations: [V],
  modifications: [
    {
      article: ARTICLE,
      operation: V,
      chapeau: V,
      cible: V,
      reference: V,
      partiel: V,
      intitule: V,
      sansInstruction: V,
      instructionUnique: V,
      instructions: [{ numero: V, texte: V, dernier: V }],
      tableau: V,
      redaction: V,
      redactionHtml: V,
      legende: V,
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
 * The technical annexes (summary of the values, identification of the document): without
 * contractual value (I28), they are printed again with each version, never amended.
 */
const TECHNIQUES: readonly string[] = ANNEXES_TECHNIQUES.map((a) => `annexes/${a}`);

/** The articles and annexes of the convention, in the order of its document.hbs. */
export function partiesComparees(templates: ConventionTemplates): string[] {
  const source = readFileSync(join(templates.dir, 'document.hbs'), 'utf8');
  return [...source.matchAll(/\{\{>\s*((?:articles|annexes)\/[\w-]+)\s*\}\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => templates.partiels.has(name));
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
    statut: minusculeInitiale(view.edition.statutTexte),
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

/** "une annexe 2" / "des annexes 2 et 3" / "un article 12". */
function nouvelles(parties: PartieComparee[]): string {
  const annexe = parties.every((p) => p.annexe);
  const nom = annexe ? 'annexe' : 'article';
  const numeros = listeEt(parties.map((p) => p.numero));
  if (parties.length > 1) return `des ${nom}s ${numeros}`;
  return `${annexe ? 'une' : 'un'} ${nom} ${numeros}`;
}

/** "Il {objet}.": what the avenant does, in the order its articles do it. */
function objet(ops: {
  suppressions: PartieComparee[];
  renumerotees: boolean;
  modifiees: PartieComparee[];
  inserees: PartieComparee[];
}): string {
  const actions: string[] = [];
  if (ops.suppressions.length) actions.push(`supprime ${cibles(ops.suppressions)}`);
  if (ops.modifiees.length) actions.push(`modifie ${cibles(ops.modifiees)}`);
  if (ops.inserees.length) actions.push(`insère dans la convention ${nouvelles(ops.inserees)}`);
  if (ops.renumerotees) actions.push('renumérote en conséquence les annexes qui suivent');
  return listeEt(actions);
}

const nomPartie = (p: PartieComparee): string =>
  `${p.annexe ? 'l’annexe' : 'l’article'} ${p.numero}`;
const majuscule = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

interface Operande {
  operation: Operation;
  partie: PartieComparee;
  chapeau: string;
  titre: string;
  legende: string;
  instructions: string[];
  lignes: LigneComparee[];
  /** Inserted part: its wording, quoted. */
  redactionHtml?: string;
}

/**
 * A whole part of the convention quoted inside the avenant: its headings become paragraphs (the
 * avenant's outline and numbering are its own) and its anchors are dropped.
 */
function citerPartie(html: string): string {
  return html
    .replace(/<h2\b[^>]*>([\s\S]*?)<\/h2>/g, '<p class="cite-titre">$1</p>')
    .replace(/<h3\b[^>]*>([\s\S]*?)<\/h3>/g, '<p class="cite-intertitre">$1</p>')
    .replace(/<section\b[^>]*>/g, '<div class="cite-partie">')
    .replace(/<\/section>/g, '</div>')
    .replace(/\s+id="[^"]*"/g, '');
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
  // Whether an article changes is judged on the wording each version prints (B7): any word of an
  // article that differs, a date included, is amended by an instruction, so that the version
  // n° 1 with the avenant's instructions applied reads as the version n° 2. The old version is
  // only given the new version's annex numbers: a renumbered annex is not modified by its
  // number (the renumbering has an article of its own), and modified parts are named by their
  // new number, as they are after the renumbering.
  const renumerotee: ConventionView = {
    ...ancienne,
    annexes: { ...ancienne.annexes, numeros: nouvelle.annexes.numeros },
  };
  const suppressions: Operande[] = [];
  const renumerotations: { avant: PartieComparee; apres: PartieComparee }[] = [];
  const suite: Operande[] = [];
  const inserees: PartieComparee[] = [];
  const modifieesParties: PartieComparee[] = [];
  for (const partiel of partiesComparees(templates)) {
    const avant = rendre(templates, partiel, ancienne);
    const apres = rendre(templates, partiel, nouvelle);
    // A part the view leaves out renders as nothing (the conversion annex without conversion).
    const dans = { avant: avant.trim() !== '', apres: apres.trim() !== '' };
    if (!dans.avant && !dans.apres) continue;
    if (dans.avant && dans.apres) {
      const renumerote = rendre(templates, partiel, renumerotee);
      const partieAvant = intitule(avant, partiel);
      const partie = intitule(renumerote, partiel);
      if (partieAvant.reference !== partie.reference)
        renumerotations.push({ avant: partieAvant, apres: partie });
      if (TECHNIQUES.includes(partiel)) continue;
      const cible: Cible = { nom: nomPartie(partie), feminin: partie.annexe };
      if (!comparerArticle(renumerote, apres, cible).changed) continue;
      const { instructions, lignes } = comparerArticle(
        rendre(templates, partiel, { ...ancienne, annexes: renumerotee.annexes }),
        apres,
        cible,
      );
      modifieesParties.push(partie);
      suite.push({
        operation: 'modification',
        partie,
        titre: `Modification de ${cible.nom} de la convention`,
        chapeau: `${majuscule(cible.nom)} de la convention, « ${partie.titre} », est ainsi ${partie.annexe ? 'modifiée' : 'modifié'}`,
        legende: `Ancienne et nouvelle rédaction de ${cible.nom} de la convention`,
        instructions,
        lignes,
      });
    } else if (dans.apres) {
      const partie = intitule(apres, partiel);
      const cible: Cible = { nom: nomPartie(partie), feminin: partie.annexe };
      inserees.push(partie);
      suite.push({
        operation: 'insertion',
        partie,
        titre: `Insertion ${partie.annexe ? 'd’une annexe' : 'd’un article'} ${partie.numero} dans la convention`,
        chapeau: `Il est inséré dans la convention ${nouvelles([partie])}, « ${partie.titre} », dont la rédaction figure ci-après`,
        legende: `Rédaction de ${cible.nom} ${partie.annexe ? 'insérée' : 'inséré'}`,
        instructions: [],
        lignes: [],
        redactionHtml: citerPartie(apres),
      });
    } else {
      const partie = intitule(avant, partiel);
      const cible: Cible = { nom: nomPartie(partie), feminin: partie.annexe };
      suppressions.push({
        operation: 'suppression',
        partie,
        titre: `Suppression de ${cible.nom} de la convention`,
        chapeau: `${majuscule(cible.nom)} de la convention, « ${partie.titre} », est ${partie.annexe ? 'supprimée' : 'supprimé'}`,
        legende: '',
        instructions: [],
        lignes: [],
      });
    }
  }
  // Legislative order: what is deleted (old numbers), then the renumbering, then what is
  // modified or inserted (new numbers).
  const operandes: Operande[] = [...suppressions];
  if (renumerotations.length) {
    const une = renumerotations.length === 1;
    const avant = renumerotations.map((r) => r.avant);
    const apres = renumerotations.map((r) => r.apres);
    const titres = listeEt(avant.map((p) => `« ${p.titre} »`));
    const [premiereAvant, premiereApres] = [avant[0], apres[0]];
    if (premiereAvant && premiereApres)
      operandes.push({
        operation: 'renumerotation',
        partie: premiereApres,
        titre: 'Renumérotation des annexes de la convention',
        chapeau: `${
          une
            ? `${majuscule(nomPartie(premiereAvant))} de la convention, ${titres}, devient ${nomPartie(premiereApres)}`
            : `Les annexes ${listeEt(avant.map((p) => p.numero))} de la convention, ${titres}, deviennent respectivement les annexes ${listeEt(apres.map((p) => p.numero))}`
        } ; les renvois ${une ? 'à cette annexe' : 'à ces annexes'} sont modifiés en conséquence`,
        legende: '',
        instructions: [],
        lignes: [],
      });
  }
  // After a renumbering, the old wording is quoted with the new annex numbers: say so.
  for (const op of suite)
    if (op.operation === 'modification' && renumerotations.length)
      op.legende = `Ancienne rédaction (annexes numérotées comme au présent avenant) et nouvelle rédaction de ${nomPartie(op.partie)} de la convention`;
  operandes.push(...suite);

  const numero = (i: number): ArticleView => ({
    numero: i,
    titre: '',
    ancre: `article-${String(i)}`,
  });
  const modifications: ModificationView[] = operandes.map((op, i) => {
    const { partie, instructions, lignes } = op;
    const modification = op.operation === 'modification';
    return {
      article: { ...numero(i + 2), titre: op.titre },
      operation: op.operation,
      chapeau: op.chapeau,
      cible: nomPartie(partie),
      reference: partie.reference,
      partiel: partie.partiel,
      intitule: partie.titre,
      sansInstruction: !modification,
      instructionUnique: modification && instructions.length === 1,
      instructions: instructions.map((texte, k) => ({
        numero: `${String(k + 1)}°`,
        // A single instruction follows the colon of the opening sentence: no capital.
        texte: instructions.length === 1 ? minusculeInitiale(texte) : texte,
        dernier: k === instructions.length - 1,
      })),
      tableau: modification,
      redaction: op.redactionHtml !== undefined,
      redactionHtml: op.redactionHtml ?? '',
      legende: op.legende,
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
      cibles: objet({
        suppressions: suppressions.map((op) => op.partie),
        renumerotees: renumerotations.length > 0,
        // "son annexe 2 (ancienne annexe 3)": after a renumbering, two annexes may share a number.
        modifiees: modifieesParties.map((p) => {
          const r = renumerotations.find((x) => x.apres.partiel === p.partiel);
          return r ? { ...p, numero: `${p.numero} (ancienne annexe ${r.avant.numero})` } : p;
        }),
        inserees,
      }),
      consecutives: nouvelle.document.version === ancienne.document.version + 1,
    },
    ancienne: versionView(ancienne),
    nouvelle: versionView(nouvelle),
    convention: nouvelle,
    articles: {
      objet: { ...numero(1), titre: 'Objet de l’avenant' },
      dateEffet: { ...numero(n + 2), titre: 'Entrée en vigueur et prise d’effet' },
      autres: { ...numero(n + 3), titre: 'Autres stipulations' },
    },
    modifications,
    renumerotations: renumerotations.map((r) => `${r.avant.reference} → ${r.apres.reference}`),
    generateur: input.generateur,
  };
}
