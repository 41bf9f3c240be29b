/**
 * One article (or annex) of the convention in two versions → what the avenant prints about it:
 * the amending instructions in French legislative style ("au deuxième alinéa, les mots « 0,5
 * point » sont remplacés par les mots « 0,25 point »") and the rows of the side-by-side table
 * (old wording with <del>, new wording with <ins>). The inputs are the typeset HTML of the
 * article's partial rendered from each version, so the avenant quotes exactly what each version
 * of the convention prints.
 */
import {
  aligner,
  citation,
  jetons,
  marquer,
  mots,
  occurrences,
  passages,
  texteBrut,
  type Mot,
  type Passage,
} from './word-diff.js';
import { enLettres, INSECABLE, majusculeInitiale } from '../render/typographie.js';

/** A block of an article: its heading, a sub-heading, an alinéa, a list item, a table row. */
export interface Bloc {
  kind: 'titre' | 'intertitre' | 'alinea' | 'puce' | 'entete' | 'ligne';
  /** The opening tag as the convention's template wrote it (`<p class="chapeau">`). */
  ouverture: string;
  /** Inner HTML, white space collapsed. */
  html: string;
  /** The sub-article heading it falls under ("7.1 Refus du candidat"), '' at article level. */
  section: string;
  /** Table rows and headers: the table's opening tag and its number in the fragment. */
  table: string;
  tableIndex: number;
}

const BLOC_TAGS: Record<string, Bloc['kind']> = {
  h2: 'titre',
  h3: 'intertitre',
  p: 'alinea',
  li: 'puce',
  tr: 'ligne',
};
const VIDES = new Set(['br', 'hr', 'img', 'col', 'wbr', 'meta', 'input']);

const normaliser = (html: string): string => html.replace(/[ \t\r\n]+/g, ' ').trim();

/** The blocks of a partial's HTML, in order (the wrappers — section, div, ul, table — dropped). */
export function blocs(html: string): Bloc[] {
  const out: Bloc[] = [];
  const stack: string[] = [];
  let section = '';
  let sectionDepth = 0;
  let table = '';
  let tableIndex = -1;
  let capture: { tag: string; ouverture: string; depth: number; parts: string[] } | undefined;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|[^<]+/g)) {
    const whole = m[0];
    const closing = m[1] === '/';
    const tag = m[2]?.toLowerCase();
    if (capture) {
      if (tag === capture.tag) capture.depth += closing ? -1 : 1;
      if (capture.depth === 0) {
        const kind = BLOC_TAGS[capture.tag] ?? 'alinea';
        const inner = normaliser(capture.parts.join(''));
        const inHead = stack.includes('thead');
        out.push({
          kind: kind === 'ligne' && inHead ? 'entete' : kind,
          ouverture: capture.ouverture,
          html: inner,
          section,
          table: kind === 'ligne' ? table : '',
          tableIndex: kind === 'ligne' ? tableIndex : -1,
        });
        if (kind === 'intertitre') {
          section = texteBrut(inner);
          sectionDepth = stack.length;
        }
        capture = undefined;
      } else capture.parts.push(whole);
      continue;
    }
    if (tag === undefined) {
      if (whole.trim())
        out.push({
          kind: 'alinea',
          ouverture: '<p>',
          html: normaliser(whole),
          section,
          table: '',
          tableIndex: -1,
        });
      continue;
    }
    if (BLOC_TAGS[tag] && !closing) {
      capture = { tag, ouverture: whole, depth: 1, parts: [] };
      continue;
    }
    if (VIDES.has(tag)) continue;
    if (closing) {
      stack.pop();
      if (stack.length < sectionDepth) {
        section = '';
        sectionDepth = 0;
      }
      if (tag === 'table') table = '';
    } else {
      stack.push(tag);
      if (tag === 'table') {
        table = whole;
        tableIndex++;
      }
    }
  }
  return out;
}

/** What is amended: "l’article 5", or "l’annexe 1" (agreements follow). */
export interface Cible {
  /** "l’article 5". */
  nom: string;
  feminin: boolean;
}

/** A row of the side-by-side table (HTML, already typeset; <del> and <ins> mark the changes). */
export interface LigneComparee {
  ancien: string;
  nouveau: string;
  etat: 'inchange' | 'modifie' | 'ajoute' | 'supprime';
}

export interface ArticleCompare {
  changed: boolean;
  instructions: string[];
  lignes: LigneComparee[];
}

interface Item {
  ancien?: Bloc;
  nouveau?: Bloc;
}

const cle = (b: Bloc): string =>
  `${b.kind}|${b.kind === 'ligne' ? b.table : b.ouverture}|${b.html}`;

/** Similarity of two fragments, by words (0 … 1). */
function ressemblance(a: string, b: string): number {
  const x = mots(jetons(a));
  const y = mots(jetons(b));
  if (!x.length && !y.length) return 1;
  const egaux = aligner(x, y, (p, q) => p.text === q.text).filter((o) => o.type === 'egal').length;
  return (2 * egaux) / (x.length + y.length);
}

function cellules(rowHtml: string): { ouverture: string; html: string }[] {
  return [...rowHtml.matchAll(/(<t[dh]\b[^>]*>)([\s\S]*?)<\/t[dh]>/g)].map((m) => ({
    ouverture: m[1] ?? '<td>',
    html: m[2] ?? '',
  }));
}

/**
 * How alike an old and a new block are (0 … 1), or undefined when they cannot be the same
 * block modified: another kind, another table, or too different (then the old one is deleted
 * and the new one inserted). Two rows with the same first cell are the same row.
 */
function rapprocher(a: Bloc, b: Bloc): number | undefined {
  if (a.kind !== b.kind) return undefined;
  const score = ressemblance(a.html, b.html);
  if (a.kind === 'ligne' || a.kind === 'entete') {
    if (a.table !== b.table) return undefined;
    const first = (x: Bloc): string => texteBrut(cellules(x.html)[0]?.html ?? '');
    return first(a) === first(b) || score >= 0.5 ? score : undefined;
  }
  return score >= 0.3 ? score : undefined;
}

/** Aligns the blocks: equal ones, modified pairs, blocks only in one version. */
function items(ancien: Bloc[], nouveau: Bloc[]): Item[] {
  const ops = aligner(ancien, nouveau, (x, y) => cle(x) === cle(y));
  const out: Item[] = [];
  let gapA: number[] = [];
  let gapB: number[] = [];
  const flush = (): void => {
    // Pair each deleted block of a gap with the most alike inserted one, keeping the order.
    const pairs = new Map<number, number>();
    let from = 0;
    for (const a of gapA) {
      const oldBloc = ancien[a];
      let best = -1;
      let bestScore = -1;
      for (let k = from; k < gapB.length && oldBloc; k++) {
        const newBloc = nouveau[gapB[k] ?? -1];
        const score = newBloc ? rapprocher(oldBloc, newBloc) : undefined;
        if (score !== undefined && score > bestScore) {
          best = k;
          bestScore = score;
        }
      }
      if (best >= 0) {
        pairs.set(a, gapB[best] ?? -1);
        from = best + 1;
      }
    }
    // Then an alinéa deleted where another one is inserted, in the same section, is that alinéa
    // rewritten ("le premier alinéa du 4.2 est ainsi rédigé"), not a deletion plus an insertion.
    const rang = (b: number): number => gapB.indexOf(b);
    let dernier = -1;
    gapA.forEach((a, i) => {
      const oldBloc = ancien[a];
      if (pairs.has(a) || !oldBloc || !['alinea', 'puce', 'intertitre'].includes(oldBloc.kind))
        return;
      const avant = gapA
        .slice(0, i)
        .reverse()
        .find((x) => pairs.has(x));
      const apres = gapA.slice(i + 1).find((x) => pairs.has(x));
      const bas = Math.max(dernier, avant === undefined ? -1 : rang(pairs.get(avant) ?? -1));
      const haut = apres === undefined ? gapB.length : rang(pairs.get(apres) ?? -1);
      for (let k = bas + 1; k < haut; k++) {
        const newBloc = nouveau[gapB[k] ?? -1];
        if (newBloc?.kind === oldBloc.kind && newBloc.section === oldBloc.section) {
          pairs.set(a, gapB[k] ?? -1);
          dernier = k;
          break;
        }
      }
    });
    const paired = new Set(pairs.values());
    let ia = 0;
    let ib = 0;
    while (ia < gapA.length || ib < gapB.length) {
      const a = gapA[ia];
      const b = gapB[ib];
      if (a !== undefined && !pairs.has(a)) {
        out.push({ ancien: ancien[a] });
        ia++;
      } else if (b !== undefined && !paired.has(b)) {
        out.push({ nouveau: nouveau[b] });
        ib++;
      } else if (a !== undefined && b !== undefined) {
        out.push({ ancien: ancien[a], nouveau: nouveau[b] });
        ia++;
        ib++;
      } else break;
    }
    gapA = [];
    gapB = [];
  };
  for (const op of ops) {
    if (op.type === 'egal') {
      flush();
      out.push({ ancien: ancien[op.a], nouveau: nouveau[op.b] });
    } else if (op.type === 'suppr') gapA.push(op.a);
    else gapB.push(op.b);
  }
  flush();
  return out;
}

// ——— Wording of the instructions ———

const NOMBRE = /^[−-]?\d[\d\u202f]*(?:,\d+)?(?:[\u00a0\u202f]%)?$/;

/** 1 → "premier", 2 → "deuxième", 21 → "vingt et unième". */
export function ordinal(n: number): string {
  if (n === 1) return 'premier';
  const mot = enLettres(n);
  const base = mot
    .replace(/cinq$/, 'cinqu')
    .replace(/neuf$/, 'neuv')
    .replace(/e$/, '')
    .replace(/(vingt|cent)s$/, '$1');
  return `${base}ième`;
}

const guillemets = (text: string): string => `«${INSECABLE}${text}${INSECABLE}»`;

const DATE = new RegExp(
  `^(?:1er|\\d{1,2})[ \u00a0](?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)[ \u00a0]\\d{4}$`,
);

interface Designation {
  /** "le taux « 30 % »", "les mots « d’un (1) mois »", "la date « 1er juillet 2025 »". */
  texte: string;
  pluriel: boolean;
  feminin: boolean;
}

/** How legislative drafting names a quoted passage (a rate, a number, a date, words). */
function designer(citee: string, mention = false): Designation {
  const q = guillemets(citee);
  if (NOMBRE.test(citee))
    return {
      texte: `${citee.endsWith('%') ? 'le taux' : 'le nombre'} ${q}`,
      pluriel: false,
      feminin: false,
    };
  if (DATE.test(citee)) return { texte: `la date ${q}`, pluriel: false, feminin: true };
  if (mention) return { texte: `la mention ${q}`, pluriel: false, feminin: true };
  const pluriel = /[ \u00a0]/.test(citee);
  return { texte: `${pluriel ? 'les mots' : 'le mot'} ${q}`, pluriel, feminin: false };
}

function designation(words: readonly Mot[], from: number, to: number): Designation {
  return designer(citation(words, from, to));
}

/** "est remplacé", "est remplacée", "sont remplacés". */
function verbe(d: Designation, participe: string): string {
  if (d.pluriel) return `sont ${participe}s`;
  return `est ${participe}${d.feminin ? 'e' : ''}`;
}

/** Widens a passage with unchanged words until its old wording is found once in the text. */
function elargir(p: Passage, ancien: readonly Mot[], nouveau: readonly Mot[]): Passage {
  const q = { ...p };
  let gauche = true;
  while (
    (q.ancienFin === q.ancienDebut || occurrences(ancien, q.ancienDebut, q.ancienFin) > 1) &&
    (q.ancienDebut > 0 || q.ancienFin < ancien.length)
  ) {
    const peutGauche = q.ancienDebut > 0 && q.nouveauDebut > 0;
    const peutDroite = q.ancienFin < ancien.length && q.nouveauFin < nouveau.length;
    if (!peutGauche && !peutDroite) break;
    if ((gauche && peutGauche) || !peutDroite) {
      q.ancienDebut--;
      q.nouveauDebut--;
    } else {
      q.ancienFin++;
      q.nouveauFin++;
    }
    gauche = !gauche;
  }
  return q;
}

/** Brackets and guillemets opened and not closed in words[from..to). */
function ouverts(words: readonly Mot[], from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const t = words[k]?.text ?? '';
    if (/^[(«]/.test(t)) n++;
    if (/[)»]$/.test(t)) n = Math.max(0, n - 1);
  }
  return n;
}

/**
 * A quotation never stops inside brackets: "15 % (quinze" becomes "15 % (quinze pour cent)".
 * The passage grows over the unchanged words that follow, on both sides at once.
 */
function equilibrer(p: Passage, ancien: readonly Mot[], nouveau: readonly Mot[]): Passage {
  const q = { ...p };
  while (
    (ouverts(ancien, q.ancienDebut, q.ancienFin) > 0 ||
      ouverts(nouveau, q.nouveauDebut, q.nouveauFin) > 0) &&
    q.ancienFin < ancien.length &&
    q.nouveauFin < nouveau.length
  ) {
    q.ancienFin++;
    q.nouveauFin++;
  }
  return q;
}

/** One change inside a text, in legislative style. */
function phrase(changement: Passage, ancien: readonly Mot[], nouveau: readonly Mot[]): string {
  const p = equilibrer(changement, ancien, nouveau);
  const uniqueAncien = occurrences(ancien, p.ancienDebut, p.ancienFin) === 1;
  if (p.nouveauFin === p.nouveauDebut && uniqueAncien) {
    const d = designation(ancien, p.ancienDebut, p.ancienFin);
    return `${d.texte} ${verbe(d, 'supprimé')}`;
  }
  if (p.ancienFin === p.ancienDebut) {
    // An insertion: after the words before it (or before the words after it), found once.
    const ins = designation(nouveau, p.nouveauDebut, p.nouveauFin);
    const insere = verbe(ins, 'inséré');
    for (let n = 1; n <= p.ancienDebut; n++)
      if (occurrences(ancien, p.ancienDebut - n, p.ancienDebut) === 1) {
        const apres = designation(ancien, p.ancienDebut - n, p.ancienDebut);
        return `après ${apres.texte}, ${insere} ${ins.texte}`;
      }
    for (let n = 1; p.ancienFin + n <= ancien.length; n++)
      if (occurrences(ancien, p.ancienFin, p.ancienFin + n) === 1) {
        const avant = designation(ancien, p.ancienFin, p.ancienFin + n);
        return `avant ${avant.texte}, ${insere} ${ins.texte}`;
      }
  }
  const q = elargir(p, ancien, nouveau);
  const a = designation(ancien, q.ancienDebut, q.ancienFin);
  const n = designation(nouveau, q.nouveauDebut, q.nouveauFin);
  return `${a.texte} ${verbe(a, 'remplacé')} par ${n.texte}`;
}

/** How a text changes: a few precise replacements, or "ainsi rédigé" when it is mostly new. */
function changementsTexte(
  ancienHtml: string,
  nouveauHtml: string,
): { phrases: string[]; reecrit: boolean; ancien: string; nouveau: string } {
  const ta = jetons(ancienHtml);
  const tn = jetons(nouveauHtml);
  const ma = mots(ta);
  const mn = mots(tn);
  const ps = passages(ma, mn);
  const marquesA = new Set<number>();
  const marquesN = new Set<number>();
  let changes = 0;
  for (const p of ps) {
    for (let k = p.ancienDebut; k < p.ancienFin; k++) marquesA.add(ma[k]?.jeton ?? -1);
    for (let k = p.nouveauDebut; k < p.nouveauFin; k++) marquesN.add(mn[k]?.jeton ?? -1);
    changes += p.ancienFin - p.ancienDebut;
  }
  const reecrit = ps.length > 3 || changes > 0.5 * ma.length;
  return {
    phrases: reecrit ? [] : ps.map((p) => phrase(p, ma, mn)),
    reecrit: reecrit || (ps.length === 0 && ancienHtml !== nouveauHtml),
    ancien: marquer(ta, marquesA, 'del'),
    nouveau: marquer(tn, marquesN, 'ins'),
  };
}

function listePhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? '';
  return `${phrases.slice(0, -1).join(', ')} et ${phrases[phrases.length - 1] ?? ''}`;
}

/** Where a block is: its section ("du 7.1", "de la rubrique « Objectifs indicatifs »"). */
interface Portee {
  /** "du 7.1" or '' at article level. */
  du: string;
  /** "au 7.1", "à la rubrique « … »" or ''. */
  au: string;
  /** "Le 7.1", "La rubrique « … »", "L’article", "L’annexe". */
  sujet: string;
  feminin: boolean;
}

function portee(section: string, cible: Cible): Portee {
  if (!section)
    return {
      du: '',
      au: '',
      sujet: majusculeInitiale(cible.nom.replace(/ \d+$/, '')),
      feminin: cible.feminin,
    };
  const numero = /^(\d+(?:\.\d+)+)\s/.exec(section)?.[1];
  if (numero)
    return { du: `du ${numero}`, au: `au ${numero}`, sujet: `Le ${numero}`, feminin: false };
  const nom = guillemets(section);
  return {
    du: `de la rubrique ${nom}`,
    au: `à la rubrique ${nom}`,
    sujet: `La rubrique ${nom}`,
    feminin: true,
  };
}

const accord = (feminin: boolean, mot: string): string => (feminin ? `${mot}e` : mot);
const joindre = (...parts: string[]): string => parts.filter(Boolean).join(' ');

/** The row of a table as a quotation: "N° : 5 ; Objectif : … ; Part souhaitée : 15 %". */
function ligneCitee(row: Bloc, entete: Bloc | undefined): string {
  const noms = entete ? cellules(entete.html).map((c) => texteBrut(c.html)) : [];
  return cellules(row.html)
    .map((c, i) => {
      const valeur = texteBrut(c.html);
      const nom = noms[i];
      return nom ? `${nom} : ${valeur}` : valeur;
    })
    .join(' ; ');
}

function nomLigne(row: Bloc): string {
  const premiere = texteBrut(cellules(row.html)[0]?.html ?? '');
  return /^\d+$/.test(premiere)
    ? `la ligne n°${INSECABLE}${premiere}`
    : `la ligne ${guillemets(premiere)}`;
}

/**
 * Compares the typeset HTML of one partial in two versions. `changed` is false when the wording
 * is the same (white space aside).
 */
export function comparerArticle(
  ancienHtml: string,
  nouveauHtml: string,
  cible: Cible,
): ArticleCompare {
  const anciens = blocs(ancienHtml);
  const nouveaux = blocs(nouveauHtml);
  const liste = items(anciens, nouveaux);
  const changed = liste.some(
    (it) => !it.ancien || !it.nouveau || cle(it.ancien) !== cle(it.nouveau),
  );
  if (!changed) return { changed, instructions: [], lignes: [] };

  // Alinéas of each section in the old version: their rank and how many there are.
  const rang = new Map<Bloc, number>();
  const total = new Map<string, number>();
  for (const b of anciens)
    if (b.kind === 'alinea' || b.kind === 'puce') {
      const n = (total.get(b.section) ?? 0) + 1;
      total.set(b.section, n);
      rang.set(b, n);
    }
  const entetes = (blocks: Bloc[]): Map<number, Bloc> =>
    new Map(blocks.filter((b) => b.kind === 'entete').map((b) => [b.tableIndex, b]));
  const entetesA = entetes(anciens);
  const entetesN = entetes(nouveaux);
  const tablesA = new Set(anciens.filter((b) => b.tableIndex >= 0).map((b) => b.table + b.section));

  const instructions: string[] = [];
  const nouvellesTables = new Set<string>();
  /** Index of the first row insertion of each table (renumberings go before it). */
  const insertions = new Map<string, number>();
  const vusDansSection = new Map<string, number>();
  let dernierLigneA: Bloc | undefined;
  /** Rows inserted one after the other at one place: one instruction, "les n lignes suivantes". */
  let enCours: { id: string; index: number; debut: string; textes: string[] } | undefined;
  for (const it of liste) {
    const { ancien, nouveau } = it;
    const suiteInsertion =
      !ancien && nouveau?.kind === 'ligne' && enCours?.id === nouveau.table + nouveau.section;
    if (!suiteInsertion) enCours = undefined;
    if (ancien && (ancien.kind === 'alinea' || ancien.kind === 'puce'))
      vusDansSection.set(ancien.section, rang.get(ancien) ?? 0);
    const ref = ancien ?? nouveau;
    if (!ref) continue;
    const p = portee(ref.section, cible);
    if (ancien && nouveau && cle(ancien) === cle(nouveau)) {
      if (ancien.kind === 'ligne') dernierLigneA = ancien;
      continue;
    }
    switch (ref.kind) {
      case 'alinea':
      case 'puce': {
        const n = total.get(ref.section) ?? 0;
        if (ancien && nouveau) {
          const r = rang.get(ancien) ?? 0;
          const seul = n === 1;
          const nom = seul
            ? joindre('l’alinéa', p.du || 'unique de l’article')
            : joindre('le', ordinal(r), 'alinéa', p.du);
          const au = seul ? p.au : joindre('au', ordinal(r), 'alinéa', p.du);
          const c = changementsTexte(ancien.html, nouveau.html);
          instructions.push(
            c.reecrit
              ? `${majusculeInitiale(nom)} est ainsi rédigé : ${guillemets(texteBrut(nouveau.html))}`
              : au
                ? `${majusculeInitiale(au)}, ${listePhrases(c.phrases)}`
                : majusculeInitiale(listePhrases(c.phrases)),
          );
        } else if (ancien) {
          const r = rang.get(ancien) ?? 0;
          instructions.push(
            n === 1
              ? `${majusculeInitiale(joindre('l’alinéa', p.du || 'unique de l’article'))} est supprimé`
              : `${majusculeInitiale(joindre('le', ordinal(r), 'alinéa', p.du))} est supprimé`,
          );
        } else if (nouveau) {
          const avant = vusDansSection.get(nouveau.section) ?? 0;
          const texte = guillemets(texteBrut(nouveau.html));
          if (avant >= n)
            instructions.push(
              `${p.sujet} est ${accord(p.feminin, 'complété')} par un alinéa ainsi rédigé : ${texte}`,
            );
          else if (avant === 0)
            instructions.push(
              `${majusculeInitiale(joindre('avant le premier alinéa', p.du))}, il est inséré un alinéa ainsi rédigé : ${texte}`,
            );
          else
            instructions.push(
              `${majusculeInitiale(joindre('après le', ordinal(avant), 'alinéa', p.du))}, il est inséré un alinéa ainsi rédigé : ${texte}`,
            );
        }
        break;
      }
      case 'titre':
      case 'intertitre': {
        const texte = nouveau ? guillemets(texteBrut(nouveau.html)) : '';
        if (nouveau && ancien)
          instructions.push(
            `L’intitulé ${guillemets(texteBrut(ancien.html))} est remplacé par l’intitulé ${texte}`,
          );
        else if (nouveau) instructions.push(`Il est inséré un intitulé ainsi rédigé : ${texte}`);
        else if (ancien)
          instructions.push(`L’intitulé ${guillemets(texteBrut(ancien.html))} est supprimé`);
        break;
      }
      case 'entete':
      case 'ligne': {
        const tableau = joindre('tableau', p.du);
        if (!ancien && nouveau && !tablesA.has(nouveau.table + nouveau.section)) {
          // A table that the old version does not have: one instruction for the whole table.
          const id = `${nouveau.table}${nouveau.section}`;
          if (!nouvellesTables.has(id)) {
            nouvellesTables.add(id);
            instructions.push(
              `${p.sujet} est ${accord(p.feminin, 'complété')} par un tableau ainsi rédigé : voir la nouvelle rédaction ci-dessous`,
            );
          }
          break;
        }
        if (ref.kind === 'entete') {
          instructions.push(
            `L’en-tête du ${tableau} est ainsi rédigé : ${guillemets(texteBrut(nouveau?.html ?? ''))}`,
          );
          break;
        }
        if (ancien && nouveau) {
          const ca = cellules(ancien.html);
          const cn = cellules(nouveau.html);
          const noms = cellules(entetesA.get(ancien.tableIndex)?.html ?? '').map((c) =>
            texteBrut(c.html),
          );
          const parts: string[] = [];
          const differentes = ca
            .map((c, i) => i)
            .filter((i) => normaliser(ca[i]?.html ?? '') !== normaliser(cn[i]?.html ?? ''));
          const numeroA = texteBrut(ca[0]?.html ?? '');
          const numeroN = texteBrut(cn[0]?.html ?? '');
          if (
            ca.length === cn.length &&
            differentes.length === 1 &&
            differentes[0] === 0 &&
            /^\d+$/.test(numeroA) &&
            /^\d+$/.test(numeroN)
          ) {
            // Only the row number changes: a row was inserted or removed before it. Renumbering
            // comes before the insertion in the table, so that no two rows bear one number.
            const texte = `Au ${tableau}, ${nomLigne(ancien)} devient la ligne n°${INSECABLE}${numeroN}`;
            const at = insertions.get(ancien.table + ancien.section);
            if (at === undefined) instructions.push(texte);
            else {
              instructions.splice(at, 0, texte);
              for (const [k, v] of insertions) if (v >= at) insertions.set(k, v + 1);
            }
          } else if (ca.length === cn.length) {
            for (const i of differentes) {
              const c = ca[i]?.html ?? '';
              const d = cn[i]?.html ?? '';
              const colonne = noms[i] ? `dans la colonne ${guillemets(noms[i])}, ` : '';
              const ch = changementsTexte(c, d);
              const avant = designer(texteBrut(c), true);
              parts.push(
                ch.reecrit || NOMBRE.test(texteBrut(c)) || DATE.test(texteBrut(c))
                  ? `${colonne}${avant.texte} ${verbe(avant, 'remplacé')} par ${designer(texteBrut(d), true).texte}`
                  : `${colonne}${listePhrases(ch.phrases)}`,
              );
            }
            instructions.push(`Au ${tableau}, à ${nomLigne(ancien)}, ${parts.join(' ; ')}`);
          } else
            instructions.push(
              `Au ${tableau}, ${nomLigne(ancien)} est ainsi rédigée : ${guillemets(ligneCitee(nouveau, entetesN.get(nouveau.tableIndex)))}`,
            );
          dernierLigneA = ancien;
        } else if (ancien) {
          instructions.push(`Au ${tableau}, ${nomLigne(ancien)} est supprimée`);
          dernierLigneA = ancien;
        } else if (nouveau) {
          const texte = guillemets(ligneCitee(nouveau, entetesN.get(nouveau.tableIndex)));
          const id = nouveau.table + nouveau.section;
          if (enCours) {
            enCours.textes.push(texte);
            instructions[enCours.index] = insertionLignes(enCours.debut, enCours.textes);
            break;
          }
          if (!insertions.has(id)) insertions.set(id, instructions.length);
          const suivantes = liste
            .slice(liste.indexOf(it) + 1)
            .some((x) => x.ancien?.kind === 'ligne' && x.ancien.table === nouveau.table);
          const debut = !suivantes
            ? `${majusculeInitiale(`le ${tableau}`)} est complété par`
            : dernierLigneA && dernierLigneA.table === nouveau.table
              ? `Au ${tableau}, après ${nomLigne(dernierLigneA)}, est insérée`
              : `Au ${tableau}, est insérée en tête`;
          enCours = { id, index: instructions.length, debut, textes: [texte] };
          instructions.push(insertionLignes(debut, enCours.textes));
        }
        break;
      }
    }
  }
  return { changed, instructions, lignes: lignes(liste) };
}

/**
 * "… est insérée la ligne suivante : « … »", or for rows inserted together "… sont insérées les
 * trois lignes suivantes : « … » ; « … » ; « … »" (`debut` is written for one row).
 */
function insertionLignes(debut: string, textes: readonly string[]): string {
  if (textes.length === 1) return `${debut} la ligne suivante : ${textes[0] ?? ''}`;
  const pluriel = debut.replace(/ est insérée( en tête)?$/, ' sont insérées$1');
  return `${pluriel} les ${enLettres(textes.length)} lignes suivantes : ${textes.join(' ; ')}`;
}

// ——— The side-by-side rows ———

const LIGNES_PAR_BLOC = 6;

function citeBloc(b: Bloc, html: string): string {
  switch (b.kind) {
    case 'titre':
      return `<p class="cite-titre">${html}</p>`;
    case 'intertitre':
      return `<p class="cite-intertitre">${html}</p>`;
    case 'puce':
      return `<ul class="liste cite-liste"><li>${html}</li></ul>`;
    default:
      return `${b.ouverture}${html}</p>`.replace(/^<(?!p\b)[^>]*>/, '<p>');
  }
}

/** A table row with its cells marked (cell by cell when the cells correspond). */
function rangees(ancien: Bloc, nouveau: Bloc): { ancien: string; nouveau: string } {
  const ca = cellules(ancien.html);
  const cn = cellules(nouveau.html);
  if (ca.length !== cn.length) {
    const c = changementsTexte(ancien.html, nouveau.html);
    return { ancien: c.ancien, nouveau: c.nouveau };
  }
  let a = '';
  let n = '';
  ca.forEach((c, i) => {
    const d = cn[i] ?? { ouverture: '<td>', html: '' };
    if (normaliser(c.html) === normaliser(d.html)) {
      a += `${c.ouverture}${c.html}</td>`;
      n += `${d.ouverture}${d.html}</td>`;
      return;
    }
    const ch = changementsTexte(c.html, d.html);
    a += `${c.ouverture}${ch.ancien}</td>`;
    n += `${d.ouverture}${ch.nouveau}</td>`;
  });
  return { ancien: a, nouveau: n };
}

/** Width of a half-page column of quoted table, in characters of its 7.5 pt font (padding aside). */
const LARGEUR_CARACTERES = 50;

/**
 * Column widths shared by every chunk of a quoted table, on both sides, so that chunks line up.
 * Each column gets at least its longest word (file keys in `code` cells may break anywhere), then
 * the remaining width goes to the columns with the longest texts. Deterministic: characters, not
 * font metrics.
 */
function largeurs(rows: readonly string[]): number[] {
  const minimum: number[] = [];
  const souhait: number[] = [];
  for (const row of rows)
    cellules(row).forEach((c, i) => {
      const texte = texteBrut(c.html);
      const mot = Math.max(0, ...texte.split(' ').map((w) => w.length));
      const plafond = /class="[^"]*\bcode\b/.test(c.ouverture) ? 10 : 24;
      // A column heading ("Part du flux") stays on one line when it is short.
      const entete = c.ouverture.startsWith('<th') ? Math.min(texte.length, 14) : 0;
      minimum[i] = Math.max(minimum[i] ?? 0, Math.min(Math.max(mot, entete), plafond) + 2);
      souhait[i] = Math.max(souhait[i] ?? 0, Math.min(texte.length, 36) + 2);
    });
  const base = minimum.reduce((a, b) => a + b, 0);
  const reste = Math.max(0, LARGEUR_CARACTERES - base);
  const manque = minimum.map((m, i) => Math.max(0, (souhait[i] ?? m) - m));
  const totalManque = manque.reduce((a, b) => a + b, 0);
  const largeur = minimum.map(
    (m, i) =>
      m + (totalManque ? Math.min(manque[i] ?? 0, (reste * (manque[i] ?? 0)) / totalManque) : 0),
  );
  const total = largeur.reduce((a, b) => a + b, 0) || 1;
  return largeur.map((w) => Math.round((1000 * w) / total) / 10);
}

function tableauCite(ouverture: string, entete: string, rows: string[], cols: number[]): string {
  const classe = /class="([^"]*)"/.exec(ouverture)?.[1] ?? 'tableau';
  const head = entete ? `<thead><tr>${entete}</tr></thead>` : '';
  const colgroup = cols.length
    ? `<colgroup>${cols.map((w) => `<col style="width: ${String(w)}%">`).join('')}</colgroup>`
    : '';
  return `<table class="${classe} cite-tableau">${colgroup}${head}<tbody>${rows.join('')}</tbody></table>`;
}

function marquerTout(html: string, tag: 'del' | 'ins'): string {
  const t = jetons(html);
  return marquer(t, new Set(t.map((_, i) => i)), tag);
}

/** Combined state of rows printed together. */
function etatCommun(a: LigneComparee['etat'], b: LigneComparee['etat']): LigneComparee['etat'] {
  if (a === b) return a;
  if (a === 'inchange') return b;
  if (b === 'inchange') return a;
  return 'modifie';
}

/**
 * Headings and the sentence that announces a table are printed in the same row as what follows
 * them: a row is never split across pages, so they never end a page alone.
 */
function coller(rows: (LigneComparee & { colle: boolean })[]): LigneComparee[] {
  const out: LigneComparee[] = [];
  let pending: LigneComparee | undefined;
  for (const { colle, ...row } of rows) {
    const merged: LigneComparee = pending
      ? {
          ancien: pending.ancien + row.ancien,
          nouveau: pending.nouveau + row.nouveau,
          etat: etatCommun(pending.etat, row.etat),
        }
      : row;
    if (colle) pending = merged;
    else {
      out.push(merged);
      pending = undefined;
    }
  }
  if (pending) out.push(pending);
  return out;
}

const annonce = (b: Bloc | undefined): boolean =>
  !!b &&
  (b.kind === 'titre' ||
    b.kind === 'intertitre' ||
    (b.kind === 'alinea' && /class="[^"]*\bchapeau\b/.test(b.ouverture)));

/** What the other column says of a block that only one version has. */
function absent(b: Bloc, participe: string): string {
  const nom = b.kind === 'titre' || b.kind === 'intertitre' ? 'intitulé' : 'alinéa';
  return `<p class="absent">(${nom} ${participe})</p>`;
}

function lignes(liste: Item[]): LigneComparee[] {
  const out: (LigneComparee & { colle: boolean })[] = [];
  let k = 0;
  while (k < liste.length) {
    const it = liste[k];
    if (!it) break;
    const ref = it.ancien ?? it.nouveau;
    if (!ref) {
      k++;
      continue;
    }
    if (ref.kind === 'entete' || ref.kind === 'ligne') {
      // Consecutive rows of one table: printed as that table, in chunks with their header.
      const table = ref.table;
      const group: Item[] = [];
      while (k < liste.length) {
        const x = liste[k];
        const b = x?.ancien ?? x?.nouveau;
        if (!x || !b || (b.kind !== 'entete' && b.kind !== 'ligne') || b.table !== table) break;
        group.push(x);
        k++;
      }
      const head = group.filter((x) => (x.ancien ?? x.nouveau)?.kind === 'entete');
      const rows = group.filter((x) => (x.ancien ?? x.nouveau)?.kind === 'ligne');
      const enteteA = head.find((x) => x.ancien)?.ancien?.html ?? head[0]?.nouveau?.html ?? '';
      const enteteN = head.find((x) => x.nouveau)?.nouveau?.html ?? enteteA;
      const colonnes = Math.max(
        1,
        cellules(enteteN || (rows[0]?.nouveau ?? rows[0]?.ancien)?.html || '').length,
      );
      const existeA = group.some((x) => x.ancien);
      const existeN = group.some((x) => x.nouveau);
      const ouvertureA = group.find((x) => x.ancien)?.ancien?.table ?? table;
      const ouvertureN = group.find((x) => x.nouveau)?.nouveau?.table ?? table;
      const cols = largeurs(
        [
          enteteA,
          enteteN,
          ...rows.flatMap((x) => [x.ancien?.html ?? '', x.nouveau?.html ?? '']),
        ].filter(Boolean),
      );
      // Chunks of at most LIGNES_PAR_BLOC rows, of even sizes (no chunk of a single row).
      const parts = Math.max(1, Math.ceil(rows.length / LIGNES_PAR_BLOC));
      const taille = Math.max(1, Math.ceil(rows.length / parts));
      for (let start = 0; start < Math.max(rows.length, 1); start += taille) {
        const chunk = rows.slice(start, start + taille);
        const rowsA: string[] = [];
        const rowsN: string[] = [];
        let etat: LigneComparee['etat'] = 'inchange';
        for (const x of chunk) {
          if (x.ancien && x.nouveau) {
            if (cle(x.ancien) === cle(x.nouveau)) {
              rowsA.push(`<tr>${x.ancien.html}</tr>`);
              rowsN.push(`<tr>${x.nouveau.html}</tr>`);
            } else {
              const r = rangees(x.ancien, x.nouveau);
              rowsA.push(`<tr class="modifiee">${r.ancien}</tr>`);
              rowsN.push(`<tr class="modifiee">${r.nouveau}</tr>`);
              etat = 'modifie';
            }
          } else if (x.ancien) {
            rowsA.push(`<tr class="supprimee">${marquerTout(x.ancien.html, 'del')}</tr>`);
            rowsN.push(
              `<tr class="absente"><td colspan="${String(colonnes)}">(ligne supprimée)</td></tr>`,
            );
            etat = 'modifie';
          } else if (x.nouveau) {
            rowsA.push(
              `<tr class="absente"><td colspan="${String(colonnes)}">(ligne ajoutée)</td></tr>`,
            );
            rowsN.push(`<tr class="ajoutee">${marquerTout(x.nouveau.html, 'ins')}</tr>`);
            etat = 'modifie';
          }
        }
        if (head.some((x) => !x.ancien || !x.nouveau || cle(x.ancien) !== cle(x.nouveau)))
          etat = 'modifie';
        out.push({
          colle: false,
          ancien: existeA ? tableauCite(ouvertureA, enteteA, rowsA, cols) : '',
          nouveau: existeN ? tableauCite(ouvertureN, enteteN, rowsN, cols) : '',
          etat: !existeA ? 'ajoute' : !existeN ? 'supprime' : etat,
        });
      }
      continue;
    }
    k++;
    const colle = annonce(it.nouveau ?? it.ancien);
    if (it.ancien && it.nouveau) {
      if (cle(it.ancien) === cle(it.nouveau)) {
        out.push({
          colle,
          ancien: citeBloc(it.ancien, it.ancien.html),
          nouveau: citeBloc(it.nouveau, it.nouveau.html),
          etat: 'inchange',
        });
      } else {
        const c = changementsTexte(it.ancien.html, it.nouveau.html);
        out.push({
          colle,
          ancien: citeBloc(it.ancien, c.ancien),
          nouveau: citeBloc(it.nouveau, c.nouveau),
          etat: 'modifie',
        });
      }
    } else if (it.ancien) {
      out.push({
        colle,
        ancien: citeBloc(it.ancien, marquerTout(it.ancien.html, 'del')),
        nouveau: absent(it.ancien, 'supprimé'),
        etat: 'supprime',
      });
    } else if (it.nouveau) {
      out.push({
        colle,
        ancien: absent(it.nouveau, 'ajouté'),
        nouveau: citeBloc(it.nouveau, marquerTout(it.nouveau.html, 'ins')),
        etat: 'ajoute',
      });
    }
  }
  return coller(out);
}
