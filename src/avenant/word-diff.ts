/**
 * The word-level comparison behind the avenant: a longest-common-subsequence alignment (used for
 * the blocks of an article and for the words of an alinéa), the words of an HTML fragment, the
 * changed passages ("hunks") and the fragment re-marked with <del> or <ins>. Pure and
 * deterministic: the same two texts always give the same marks and the same wording.
 */

export type Op =
  | { type: 'egal'; a: number; b: number }
  | { type: 'suppr'; a: number }
  | { type: 'ajout'; b: number };

/**
 * The edit script from `a` to `b` that keeps a longest common subsequence. In a run of changes,
 * deletions come before insertions; ties always go the same way.
 */
export function aligner<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): Op[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // suffix[i * w + j] = LCS length of a[i:] and b[j:].
  const suffix = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      suffix[i * w + j] = same(a[i] as T, b[j] as T)
        ? (suffix[(i + 1) * w + j + 1] ?? 0) + 1
        : Math.max(suffix[(i + 1) * w + j] ?? 0, suffix[i * w + j + 1] ?? 0);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (
      i < n &&
      j < m &&
      same(a[i] as T, b[j] as T) &&
      suffix[i * w + j] === (suffix[(i + 1) * w + j + 1] ?? 0) + 1
    ) {
      ops.push({ type: 'egal', a: i++, b: j++ });
    } else if (
      i < n &&
      (j >= m || (suffix[(i + 1) * w + j] ?? 0) >= (suffix[i * w + j + 1] ?? 0))
    ) {
      ops.push({ type: 'suppr', a: i++ });
    } else {
      ops.push({ type: 'ajout', b: j++ });
    }
  }
  return ops;
}

/** A piece of an HTML fragment: a tag, a run of (breaking) white space, or a word. */
export interface Jeton {
  kind: 'balise' | 'espace' | 'mot';
  text: string;
}

/** A word of a fragment, for the comparison: its text and whether a space precedes it. */
export interface Mot {
  text: string;
  /** Index in the fragment's tokens. */
  jeton: number;
  espaceAvant: boolean;
  /** Another element starts here (`</span><span>`: the next criterion of a list). */
  separe: boolean;
}

const PONCTUATION_FIN = /(?:[\u00a0\u202f]?[,.;:!?)»])+$/;
const PONCTUATION_DEBUT = /^(?:[(«][\u00a0\u202f]?)+/;

/**
 * A run of non-space characters → words and punctuation marks: "(1)" → "(", "1", ")";
 * "point ;" (narrow space) → "point", " ;". A decimal comma ("0,5"), an elision ("d’un"), and
 * no-break spaces ("30 %", "1er juillet 2025") stay inside their word.
 */
function decouper(chunk: string): string[] {
  const out: string[] = [];
  const lead = PONCTUATION_DEBUT.exec(chunk)?.[0] ?? '';
  let rest = chunk.slice(lead.length);
  const trail = PONCTUATION_FIN.exec(rest)?.[0] ?? '';
  rest = rest.slice(0, rest.length - trail.length);
  for (const m of lead.matchAll(/[(«][\u00a0\u202f]?/g)) out.push(m[0]);
  if (rest) out.push(rest);
  for (const m of trail.matchAll(/[\u00a0\u202f]?[,.;:!?)»]/g)) out.push(m[0]);
  return out;
}

/** The tokens of an HTML fragment (tags kept whole; entities stay inside their word). */
export function jetons(html: string): Jeton[] {
  const out: Jeton[] = [];
  for (const part of html.split(/(<[^>]*>)/)) {
    if (!part) continue;
    if (part.startsWith('<')) {
      out.push({ kind: 'balise', text: part });
      continue;
    }
    for (const piece of part.split(/([ \t\r\n]+)/)) {
      if (!piece) continue;
      if (/^[ \t\r\n]+$/.test(piece)) out.push({ kind: 'espace', text: ' ' });
      else for (const word of decouper(piece)) out.push({ kind: 'mot', text: word });
    }
  }
  return out;
}

/** A closing tag right before an opening one: two sibling elements. */
const ADJACENTS = /^<\/[a-z0-9]+>$/i;

export function mots(tokens: readonly Jeton[]): Mot[] {
  const out: Mot[] = [];
  let espace = false;
  let separe = false;
  tokens.forEach((t, i) => {
    if (t.kind === 'mot') {
      out.push({
        text: t.text,
        jeton: i,
        espaceAvant: espace && out.length > 0,
        separe: separe && out.length > 0,
      });
      espace = false;
      separe = false;
    } else if (t.kind === 'espace') espace = true;
    else if (!t.text.startsWith('</') && ADJACENTS.test(tokens[i - 1]?.text ?? '')) separe = true;
  });
  return out;
}

/** Decodes the entities Handlebars writes (&amp; &lt; &gt; &quot; &#x27; &#x3D; …). */
export function decoderEntites(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|nbsp);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'nbsp') return '\u00a0';
    const code = lower.startsWith('#x')
      ? parseInt(lower.slice(2), 16)
      : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * The plain text of an HTML fragment: no tags, entities decoded, white space collapsed; sibling
 * elements (the criteria of an objective) are separated by a semicolon.
 */
export function texteBrut(html: string): string {
  return decoderEntites(
    html.replace(/(<\/[a-z0-9]+>)(<[a-z])/gi, '$1 ; $2').replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

/** Words from..to (exclusive) as the reader sees them. */
export function citation(words: readonly Mot[], from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) {
    const w = words[k];
    if (!w) continue;
    const avant = k > from ? (w.separe ? ' ; ' : w.espaceAvant ? ' ' : '') : '';
    out += `${avant}${decoderEntites(w.text)}`;
  }
  return out;
}

/** A changed passage: old words [ancienDebut, ancienFin), new words [nouveauDebut, nouveauFin). */
export interface Passage {
  ancienDebut: number;
  ancienFin: number;
  nouveauDebut: number;
  nouveauFin: number;
}

/**
 * The changed passages between two word lists. Passages separated by one or two unchanged words
 * are merged ("d’un (1) mois" → "de quinze (15) jours" is one change, not three).
 */
export function passages(ancien: readonly Mot[], nouveau: readonly Mot[]): Passage[] {
  const ops = aligner(ancien, nouveau, (x, y) => x.text === y.text);
  const out: Passage[] = [];
  let i = 0;
  let j = 0;
  let current: Passage | undefined;
  let egaux = 0;
  for (const op of ops) {
    if (op.type === 'egal') {
      i++;
      j++;
      egaux++;
      continue;
    }
    if (current && egaux <= 2) {
      current.ancienFin = op.type === 'suppr' ? i + 1 : i;
      current.nouveauFin = op.type === 'ajout' ? j + 1 : j;
    } else {
      current = {
        ancienDebut: i,
        ancienFin: op.type === 'suppr' ? i + 1 : i,
        nouveauDebut: j,
        nouveauFin: op.type === 'ajout' ? j + 1 : j,
      };
      out.push(current);
    }
    if (op.type === 'suppr') i++;
    else j++;
    egaux = 0;
  }
  return out;
}

/**
 * The fragment again, its marked words wrapped in <del> (or <ins>). A mark never crosses a tag:
 * it closes before the tag and opens again after it, so the fragment stays well nested.
 */
export function marquer(
  tokens: readonly Jeton[],
  marques: ReadonlySet<number>,
  tag: 'del' | 'ins',
): string {
  let out = '';
  let open = false;
  const nextWordMarked = (from: number): boolean => {
    for (let k = from; k < tokens.length; k++) {
      const t = tokens[k];
      if (!t || t.kind === 'balise') return false;
      if (t.kind === 'mot') return marques.has(k);
    }
    return false;
  };
  tokens.forEach((t, k) => {
    if (t.kind === 'balise') {
      if (open) out += `</${tag}>`;
      open = false;
      out += t.text;
    } else if (t.kind === 'mot') {
      const marked = marques.has(k);
      if (marked && !open) out += `<${tag}>`;
      if (!marked && open) out += `</${tag}>`;
      open = marked;
      out += t.text;
    } else {
      if (open && !nextWordMarked(k + 1)) {
        out += `</${tag}>`;
        open = false;
      }
      out += t.text;
    }
  });
  if (open) out += `</${tag}>`;
  return out;
}

/**
 * Occurrences of words[from..to) in words (as a sequence of texts, whatever the case: a reader
 * looking for « un » also finds « Un »).
 */
export function occurrences(words: readonly Mot[], from: number, to: number): number {
  const len = to - from;
  if (len <= 0) return 0;
  let count = 0;
  for (let s = 0; s + len <= words.length; s++) {
    let ok = true;
    for (let k = 0; k < len && ok; k++)
      ok =
        words[s + k]?.text.toLocaleLowerCase('fr') ===
        words[from + k]?.text.toLocaleLowerCase('fr');
    if (ok) count++;
  }
  return count;
}
