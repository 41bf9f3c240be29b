import type { Lang, LegalReference } from './diagnostic.js';

const labels: Record<Lang, Record<'citation' | 'resume', string>> = {
  fr: { citation: 'texte cité', resume: 'résumé' },
  en: { citation: 'quoted text', resume: 'summary' },
};

const WIDTH = 100;
const INDENT = '    ';

/** Greedy word wrap of `text` to WIDTH columns, every line after the first indented. */
function wrap(text: string, firstWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = firstWidth;
  for (const word of text.split(/[ \t\n]+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
      width = WIDTH - INDENT.length;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The law under a diagnostic, Catala style: the article's wording when it is quoted
 * (« texte cité », between guillemets) or its summary (« résumé »), never one for the other.
 * Nothing when the reference carries no text, or when `shown` (the texts already printed by
 * this command) has it: a rule broken ten times quotes its article once.
 */
export function lawTextLines(
  reference: LegalReference | undefined,
  lang: Lang,
  shown?: Set<string>,
): string[] {
  if (!reference?.texte) return [];
  const key = `${reference.article}\n${reference.texte}`;
  if (shown?.has(key)) return [];
  shown?.add(key);
  const nature = reference.nature ?? 'resume';
  const space = lang === 'fr' ? ' :' : ':';
  const head = `  ${labels[lang][nature]} (${reference.article})${space} `;
  const body = nature === 'citation' ? `«\u00a0${reference.texte.trim()}\u00a0»` : reference.texte;
  const [first = '', ...rest] = wrap(body, WIDTH - head.length);
  return [`${head}${first}`, ...rest.map((l) => `${INDENT}${l}`)];
}
