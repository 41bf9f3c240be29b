/**
 * Applies the amending instructions printed in an avenant to the articles of the convention's
 * old version, as a reader (or a legal team) would, and gives each article back as a list of
 * blocks (alinéas, headings, table rows as cells), words only: the test then compares them with
 * the new version, article body by article body (B7). Every instruction form that
 * src/avenant/compare-article.ts writes is understood; anything else throws, so an instruction
 * the applier cannot follow fails the test instead of being skipped.
 */
import { blocs, type Bloc } from '../src/avenant/compare-article.js';
import { jetons, mots, texteBrut } from '../src/avenant/word-diff.js';

/** One block of an article: a heading, an alinéa or list item, a table row (its cells). */
export interface Bloc2 {
  kind: Bloc['kind'];
  /** The sub-article or rubrique as the old version names it ("7.1 Refus du candidat"). */
  section: string;
  words: string[];
  cells: string[][];
  /** Table rows: the table's opening tag and section, and the number of its first cell. */
  table: string;
  origine: string;
  /** Rank among the alinéas of its section, in the old version (0 when not an alinéa). */
  rang: number;
}

export interface Partie {
  /** "Article 4", "Annexe 1". */
  reference: string;
  technique: boolean;
  blocs: Bloc2[];
}

/** No-break spaces as spaces: the instructions and both versions are read alike. */
export const norm = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
export const words = (text: string): string[] => mots(jetons(norm(text))).map((m) => m.text);

function cellsOf(html: string): string[][] {
  return [...html.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) =>
    words(texteBrut(m[1] ?? '')),
  );
}

/** The top-level <section> elements of a convention's HTML body (articles and annexes). */
export function parties(html: string): Partie[] {
  const out: Partie[] = [];
  const re = /<(\/?)section\b[^>]*>/g;
  let depth = 0;
  let start = -1;
  for (const m of html.matchAll(re)) {
    if (m[1] !== '/') {
      if (depth === 0) start = m.index;
      depth++;
    } else {
      depth--;
      if (depth === 0 && start >= 0) {
        const section = html.slice(start, m.index + m[0].length);
        const h2 = /<h2\b[^>]*>[\s\S]*?<span class="numero">([\s\S]*?)<\/span>/.exec(section);
        const reference = texteBrut(h2?.[1] ?? '');
        if (/^(Article|Annexe)\b/.test(reference))
          out.push({
            reference,
            technique: section.includes('Annexe technique, sans valeur contractuelle'),
            blocs: modele(section),
          });
      }
    }
  }
  return out;
}

function modele(html: string): Bloc2[] {
  const rangs = new Map<string, number>();
  return blocs(html).map((b) => {
    const ligne = b.kind === 'ligne' || b.kind === 'entete';
    const cells = ligne ? cellsOf(b.html) : [];
    let rang = 0;
    if (b.kind === 'alinea' || b.kind === 'puce') {
      rang = (rangs.get(b.section) ?? 0) + 1;
      rangs.set(b.section, rang);
    }
    return {
      kind: b.kind,
      section: b.section,
      words: ligne ? [] : words(texteBrut(b.html)),
      cells,
      table: ligne ? `${b.table}|${b.section}` : '',
      origine: ligne ? (cells[0] ?? []).join(' ') : '',
      rang,
    };
  });
}

/** Blocks as comparable lines: what a reader sees, in order. */
export function lignes(bs: readonly Bloc2[]): string[] {
  return bs.map((b) =>
    b.kind === 'ligne' || b.kind === 'entete'
      ? `${b.kind}: ${b.cells.map((c) => c.join(' ')).join(' | ')}`
      : `${b.kind}: ${b.words.join(' ')}`,
  );
}

// ——— Reading the instructions ———

class Lecteur {
  pos = 0;
  constructor(readonly s: string) {}
  reste(): string {
    return this.s.slice(this.pos);
  }
  fini(): boolean {
    return this.pos >= this.s.length;
  }
  /** Consumes `re` (anchored here) and returns its groups, or undefined. */
  lire(re: RegExp): RegExpExecArray | undefined {
    const m = new RegExp(`^(?:${re.source})`, re.flags.replace('g', '')).exec(this.reste());
    if (!m) return undefined;
    this.pos += m[0].length;
    return m;
  }
  exiger(re: RegExp, quoi: string): RegExpExecArray {
    const m = this.lire(re);
    if (!m)
      throw new Error(`instruction illisible (${quoi}) : « ${this.reste()} » dans « ${this.s} »`);
    return m;
  }
  /** A quotation « … » (nested guillemets balanced): its content. */
  citation(): string {
    this.exiger(/« ?/, 'guillemet ouvrant');
    let depth = 1;
    const debut = this.pos;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === '«') depth++;
      if (c === '»') {
        depth--;
        if (depth === 0) {
          const contenu = this.s.slice(debut, this.pos).replace(/ $/, '');
          this.pos++;
          return contenu;
        }
      }
      this.pos++;
    }
    throw new Error(`guillemet non fermé dans « ${this.s} »`);
  }
}

const DESIGNATION = /(les mots|le mot|le taux|le nombre|la date|la mention) /;

type Phrase =
  | { type: 'remplacer'; ancien: string; nouveau: string }
  | { type: 'supprimer'; ancien: string }
  | { type: 'inserer'; position: 'apres' | 'avant'; repere: string; texte: string };

/** "les mots « a » sont remplacés par les mots « b », après … et …". */
function phrases(l: Lecteur): Phrase[] {
  const out: Phrase[] = [];
  for (;;) {
    const position = l.lire(/(après|avant) /i);
    if (position) {
      l.exiger(DESIGNATION, 'désignation');
      const repere = l.citation();
      l.exiger(/, (est|sont) insérée?s? /, 'insertion');
      l.exiger(DESIGNATION, 'désignation');
      out.push({
        type: 'inserer',
        position: position[1]?.toLowerCase() === 'après' ? 'apres' : 'avant',
        repere,
        texte: l.citation(),
      });
    } else {
      l.exiger(new RegExp(DESIGNATION.source, 'i'), 'désignation');
      const ancien = l.citation();
      if (l.lire(/ (est|sont) supprimée?s?/)) out.push({ type: 'supprimer', ancien });
      else {
        l.exiger(/ (est|sont) remplacée?s? par /, 'remplacement');
        l.exiger(DESIGNATION, 'désignation');
        out.push({ type: 'remplacer', ancien, nouveau: l.citation() });
      }
    }
    if (!l.lire(/, | et /)) return out;
  }
}

function trouver(dans: readonly string[], quoi: readonly string[]): number[] {
  const bas = (x: string): string => x.toLocaleLowerCase('fr');
  const out: number[] = [];
  for (let i = 0; i + quoi.length <= dans.length; i++)
    if (quoi.every((w, k) => bas(dans[i + k] ?? '') === bas(w))) out.push(i);
  return out;
}

function unique(dans: readonly string[], quoi: readonly string[], texte: string): number {
  const at = trouver(dans, quoi);
  if (at.length !== 1 || at[0] === undefined)
    throw new Error(`« ${quoi.join(' ')} » figure ${String(at.length)} fois dans « ${texte} »`);
  return at[0];
}

function appliquerPhrases(cible: string[], ps: readonly Phrase[]): string[] {
  let w = [...cible];
  for (const p of ps) {
    const texte = w.join(' ');
    if (p.type === 'remplacer') {
      const a = words(p.ancien);
      const i = unique(w, a, texte);
      w = [...w.slice(0, i), ...words(p.nouveau), ...w.slice(i + a.length)];
    } else if (p.type === 'supprimer') {
      const a = words(p.ancien);
      const i = unique(w, a, texte);
      w = [...w.slice(0, i), ...w.slice(i + a.length)];
    } else {
      const r = words(p.repere);
      const i = unique(w, r, texte);
      const at = p.position === 'apres' ? i + r.length : i;
      w = [...w.slice(0, at), ...words(p.texte), ...w.slice(at)];
    }
  }
  return w;
}

const ORDINAUX = [
  'premier',
  'deuxième',
  'troisième',
  'quatrième',
  'cinquième',
  'sixième',
  'septième',
  'huitième',
  'neuvième',
  'dixième',
  'onzième',
  'douzième',
];
const rangDe = (mot: string): number => {
  const r = ORDINAUX.indexOf(mot) + 1;
  if (!r) throw new Error(`ordinal inconnu : ${mot}`);
  return r;
};

/** "du 7.1" / "de la rubrique « R »" → the section test; '' → article level. */
function portee(l: Lecteur): (section: string) => boolean {
  if (l.lire(/ ?(du|au) (\d+(?:\.\d+)+)/i)) {
    const numero = /(\d+(?:\.\d+)+)$/.exec(l.s.slice(0, l.pos))?.[1] ?? '';
    return (s) => s.startsWith(`${numero} `);
  }
  if (l.lire(/ ?(de|à) la rubrique /i)) {
    const nom = l.citation();
    return (s) => s === nom;
  }
  return (s) => s === '';
}

// ——— Applying them ———

class Article {
  insertions = new Map<Bloc2, Bloc2>();
  constructor(readonly blocs: Bloc2[]) {}

  alinea(dans: (s: string) => boolean, rang: number | 'unique'): Bloc2 {
    const candidats = this.blocs.filter(
      (b) => (b.kind === 'alinea' || b.kind === 'puce') && b.rang > 0 && dans(b.section),
    );
    const b =
      rang === 'unique'
        ? candidats.length === 1
          ? candidats[0]
          : undefined
        : candidats.find((x) => x.rang === rang);
    if (!b) throw new Error(`alinéa ${String(rang)} introuvable`);
    return b;
  }

  /** Inserts `nouveau` after `repere` (after what was already inserted there). */
  apres(repere: Bloc2 | undefined, nouveau: Bloc2, avantPremier?: Bloc2): void {
    if (avantPremier) {
      const deja = this.insertions.get(avantPremier);
      const at = deja ? this.blocs.indexOf(deja) + 1 : this.blocs.indexOf(avantPremier);
      this.blocs.splice(at, 0, nouveau);
      this.insertions.set(avantPremier, nouveau);
      return;
    }
    if (!repere) throw new Error('repère introuvable');
    const deja = this.insertions.get(repere) ?? repere;
    this.blocs.splice(this.blocs.indexOf(deja) + 1, 0, nouveau);
    this.insertions.set(repere, nouveau);
  }

  lignes(dans: (s: string) => boolean): Bloc2[] {
    return this.blocs.filter((b) => b.kind === 'ligne' && dans(b.section));
  }

  ligne(dans: (s: string) => boolean, nom: string): Bloc2 {
    const b = this.lignes(dans).find((x) => x.origine === nom);
    if (!b) throw new Error(`ligne « ${nom} » introuvable`);
    return b;
  }

  entete(dans: (s: string) => boolean): Bloc2 | undefined {
    return this.blocs.find((b) => b.kind === 'entete' && dans(b.section));
  }
}

function alineaNouveau(texte: string, section: string): Bloc2 {
  return {
    kind: 'alinea',
    section,
    words: words(texte),
    cells: [],
    table: '',
    origine: '',
    rang: 0,
  };
}

/** A quoted row "N° : 4 ; Objectif : … ; Part souhaitée : 15 %" → its cells (by the header). */
function cellulesCitees(texte: string, noms: readonly string[]): string[][] {
  if (!noms.length) return texte.split(' ; ').map(words);
  const out: string[][] = [];
  let reste = texte;
  noms.forEach((nom, i) => {
    const prefixe = `${nom} : `;
    if (!reste.startsWith(prefixe))
      throw new Error(`ligne citée sans la colonne « ${nom} » : « ${texte} »`);
    reste = reste.slice(prefixe.length);
    const suivant = noms[i + 1];
    const fin = suivant === undefined ? reste.length : reste.indexOf(` ; ${suivant} : `);
    if (fin < 0) throw new Error(`ligne citée sans la colonne « ${suivant ?? ''} » : « ${texte} »`);
    out.push(words(reste.slice(0, fin)));
    reste = reste.slice(fin + 3);
  });
  return out;
}

/** « … » ; « … » ; « … » (rows inserted together). */
function citationsLignes(l: Lecteur): string[] {
  const out = [l.citation()];
  while (l.lire(/ ; /)) out.push(l.citation());
  return out;
}

const LIGNE = /la ligne (?:n° (\d+)|(?=«))/;

function nomLigne(l: Lecteur): string {
  const m = l.exiger(LIGNE, 'ligne');
  if (m[1] !== undefined) return m[1];
  return words(l.citation()).join(' ');
}

function appliquerTableau(a: Article, l: Lecteur, dans: (s: string) => boolean): void {
  const noms = (): string[] => (a.entete(dans)?.cells ?? []).map((c) => c.join(' '));
  const nouvelleLigne = (cells: string[][], modele: Bloc2 | undefined): Bloc2 => ({
    kind: 'ligne',
    section: modele?.section ?? '',
    words: [],
    cells,
    table: modele?.table ?? '',
    origine: '',
    rang: 0,
  });
  const inserer = (apres: Bloc2 | undefined, enTete: boolean): void => {
    l.exiger(
      /(est insérée|sont insérées)(?: en tête)? (la ligne suivante|les \S+ lignes suivantes) : /,
      'lignes',
    );
    const rows = citationsLignes(l);
    const lignes = a.lignes(dans);
    const modele = lignes[0];
    for (const r of rows) {
      const b = nouvelleLigne(cellulesCitees(r, noms()), modele);
      if (enTete && modele) a.apres(undefined, b, modele);
      else a.apres(apres ?? lignes.at(-1), b);
    }
  };
  if (l.lire(/ est complété par /)) {
    l.exiger(/(la ligne suivante|les \S+ lignes suivantes) : /, 'lignes');
    const rows = citationsLignes(l);
    const lignes = a.lignes(dans);
    for (const r of rows)
      a.apres(lignes.at(-1), nouvelleLigne(cellulesCitees(r, noms()), lignes[0]));
    return;
  }
  l.exiger(/, /, 'virgule');
  if (l.lire(/après /)) {
    const repere = a.ligne(dans, nomLigne(l));
    l.exiger(/, /, 'virgule');
    inserer(repere, false);
    return;
  }
  if (l.lire(/(?=est insérée en tête|sont insérées en tête)/)) {
    inserer(undefined, true);
    return;
  }
  if (l.lire(/à /)) {
    const ligne = a.ligne(dans, nomLigne(l));
    l.exiger(/, /, 'virgule');
    const n = noms();
    do {
      const colonne = l.lire(/dans la colonne /)
        ? (() => {
            const c = l.citation();
            l.exiger(/, /, 'virgule');
            return n.indexOf(c);
          })()
        : -1;
      const ps = phrases(l);
      const index =
        colonne >= 0
          ? colonne
          : ligne.cells.findIndex((c) => {
              try {
                appliquerPhrases(c, ps);
                return true;
              } catch {
                return false;
              }
            });
      const cell = ligne.cells[index];
      if (!cell) throw new Error(`colonne introuvable dans « ${l.s} »`);
      ligne.cells[index] = appliquerPhrases(cell, ps);
    } while (l.lire(/ ; /));
    return;
  }
  const ligne = a.ligne(dans, nomLigne(l));
  const devient = l.lire(/ devient la ligne n° (\d+)/);
  if (devient) {
    ligne.cells[0] = words(devient[1] ?? '');
    return;
  }
  if (l.lire(/ est supprimée/)) {
    a.blocs.splice(a.blocs.indexOf(ligne), 1);
    return;
  }
  l.exiger(/ est ainsi rédigée : /, 'ligne rédigée');
  ligne.cells = cellulesCitees(l.citation(), noms());
}

/** One instruction applied to an article (its blocks are changed in place). */
export function appliquerInstruction(a: Article, instruction: string): void {
  const l = new Lecteur(norm(instruction).replace(/[.;]$/, '').trim());
  // Tables
  if (l.lire(/(au|le) tableau/i)) {
    appliquerTableau(a, l, portee(l));
    return;
  }
  if (l.lire(/l’en-tête du tableau/i)) {
    const dans = portee(l);
    l.exiger(/ est ainsi rédigé : /, 'en-tête');
    const e = a.entete(dans);
    if (!e) throw new Error('en-tête introuvable');
    e.cells = l.citation().split(' ; ').map(words);
    return;
  }
  // Headings
  if (l.lire(/l’intitulé /i)) {
    const ancien = words(l.citation()).join(' ');
    const b = a.blocs.find(
      (x) => (x.kind === 'titre' || x.kind === 'intertitre') && x.words.join(' ') === ancien,
    );
    if (!b) throw new Error(`intitulé introuvable : ${ancien}`);
    if (l.lire(/ est supprimé/)) a.blocs.splice(a.blocs.indexOf(b), 1);
    else {
      l.exiger(/ est remplacé par l’intitulé /, 'intitulé');
      b.words = words(l.citation());
    }
    return;
  }
  // Alinéas inserted before or after another, or at the end of a section
  const insertion = l.lire(/(avant|après) le (\S+) alinéa/i);
  if (insertion) {
    const dans = portee(l);
    l.exiger(/, il est inséré un alinéa ainsi rédigé : /, 'alinéa inséré');
    const repere = a.alinea(dans, rangDe(insertion[2] ?? ''));
    const nouveau = alineaNouveau(l.citation(), repere.section);
    if (insertion[1]?.toLowerCase() === 'avant') a.apres(undefined, nouveau, repere);
    else a.apres(repere, nouveau);
    return;
  }
  const complete =
    /^(?:le (\d+(?:\.\d+)+)|la rubrique («[\s\S]*?»)|l’article|l’annexe) est complétée? par un alinéa ainsi rédigé : /i.exec(
      l.reste(),
    );
  if (complete) {
    const scope = complete[1]
      ? ` du ${complete[1]}`
      : complete[2]
        ? ` de la rubrique ${complete[2]}`
        : '';
    const dans = complete[1] || complete[2] ? portee(new Lecteur(scope)) : () => true;
    l.pos += complete[0].length;
    const section = a.blocs.filter((b) => dans(b.section));
    a.apres(section.at(-1), alineaNouveau(l.citation(), section.at(-1)?.section ?? ''));
    return;
  }
  // An alinéa rewritten, deleted, or changed word by word
  const ordinal = l.lire(/(?:le|au) (\S+) alinéa/i);
  if (ordinal) {
    const dans = portee(l);
    alineaChange(a, l, a.alinea(dans, rangDe(ordinal[1] ?? '')));
    return;
  }
  if (l.lire(/l’alinéa unique de l’article/i)) {
    alineaChange(
      a,
      l,
      a.alinea((s) => s === '', 'unique'),
    );
    return;
  }
  if (l.lire(/l’alinéa/i)) {
    const dans = portee(l);
    alineaChange(a, l, a.alinea(dans, 'unique'));
    return;
  }
  // "au 7.1, …" / "à la rubrique « R », …": the only alinéa of a section
  if (/^(au \d|à la rubrique)/i.test(l.reste())) {
    const dans = portee(l);
    alineaChange(a, l, a.alinea(dans, 'unique'));
    return;
  }
  // Word changes at article level: its only alinéa
  alineaChange(
    a,
    l,
    a.alinea((s) => s === '', 'unique'),
  );
}

function alineaChange(a: Article, l: Lecteur, cible: Bloc2): void {
  if (l.lire(/ est ainsi rédigé : /)) {
    cible.words = words(l.citation());
    return;
  }
  if (l.lire(/ est supprimé$/)) {
    a.blocs.splice(a.blocs.indexOf(cible), 1);
    return;
  }
  l.lire(/, /);
  cible.words = appliquerPhrases(cible.words, phrases(l));
  if (!l.fini()) throw new Error(`fin d’instruction non lue : « ${l.reste()} »`);
}

/** The old version's article with the instructions applied. */
export function appliquer(ancienne: Partie, instructions: readonly string[]): Bloc2[] {
  const a = new Article(
    ancienne.blocs.map((b) => ({ ...b, words: [...b.words], cells: b.cells.map((c) => [...c]) })),
  );
  for (const i of instructions) appliquerInstruction(a, i);
  return a.blocs;
}

/** The modification articles of an avenant's HTML: their target and their instructions. */
export function modificationsDe(html: string): { cible: string; instructions: string[] }[] {
  const out: { cible: string; instructions: string[] }[] = [];
  for (const m of html.matchAll(/<section class="article modification"[\s\S]*?<\/section>/g)) {
    const s = m[0];
    const titre = norm(texteBrut(/<h2\b[^>]*>([\s\S]*?)<\/h2>/.exec(s)?.[1] ?? ''));
    const cible = /Modification de l’(article|annexe) (\d+)/.exec(titre);
    if (!cible) throw new Error(`article de l’avenant non pris en charge : ${titre}`);
    const unique = /<p class="instruction-unique">([\s\S]*?)<\/p>/.exec(s);
    const instructions = unique
      ? [norm(texteBrut(unique[1] ?? '')).replace(/^[\s\S]*?est ainsi modifiée? : /, '')]
      : [
          ...s.matchAll(
            /<li><span class="numero-instruction">[^<]*<\/span> <span>([\s\S]*?)<\/span><\/li>/g,
          ),
        ].map((x) => norm(texteBrut(x[1] ?? '')));
    out.push({
      cible: `${cible[1] === 'article' ? 'Article' : 'Annexe'} ${cible[2] ?? ''}`,
      instructions: instructions.map((i) => i.replace(/[.;]$/, '')),
    });
  }
  return out;
}
