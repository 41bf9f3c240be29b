import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';

/**
 * The yaml library's error codes explained to a convention writer. The library's own message is
 * English: it is kept (in brackets) in English output only, never in a French message.
 */
const syntaxHelp: Record<string, { fr: string; en: string }> = {
  BAD_INDENT: { fr: 'indentation incorrecte', en: 'wrong indentation' },
  TAB_AS_INDENT: {
    fr: 'tabulation utilisée pour indenter : utilisez des espaces',
    en: 'tab used for indentation: use spaces',
  },
  MISSING_CHAR: {
    fr: 'caractère manquant (crochet, accolade ou guillemet non refermé ?)',
    en: 'missing character (unclosed bracket, brace or quote?)',
  },
  UNEXPECTED_TOKEN: { fr: 'élément inattendu à cet endroit', en: 'unexpected token here' },
  BLOCK_AS_IMPLICIT_KEY: {
    fr: '« : » manquant ou clé sur plusieurs lignes',
    en: 'missing ":" or multi-line key',
  },
  MULTILINE_IMPLICIT_KEY: {
    fr: '« : » manquant ou clé sur plusieurs lignes',
    en: 'missing ":" or multi-line key',
  },
  BAD_DQ_ESCAPE: {
    fr: 'échappement invalide entre guillemets',
    en: 'invalid escape in a double-quoted string',
  },
  BLOCK_IN_FLOW: {
    fr: 'bloc dans une liste ou table entre crochets/accolades',
    en: 'block inside a flow collection',
  },
  ALIAS_PROPS: {
    fr: 'un alias (*nom) ne peut porter ni ancre ni étiquette',
    en: 'an alias (*name) may carry no anchor nor tag',
  },
  BAD_ALIAS: {
    fr: 'alias ou ancre invalide (ancre inconnue ou vide)',
    en: 'invalid alias or anchor (unknown or empty anchor)',
  },
  BAD_DIRECTIVE: { fr: 'directive YAML (%…) invalide', en: 'invalid YAML directive (%…)' },
  BAD_PROP_ORDER: { fr: 'ancre et étiquette mal placées', en: 'misplaced anchor and tag' },
  BAD_SCALAR_START: {
    fr: 'valeur commençant par un caractère réservé : mettez-la entre guillemets',
    en: 'value starting with a reserved character: quote it',
  },
  IMPOSSIBLE: { fr: 'structure YAML illisible', en: 'unreadable YAML structure' },
  KEY_OVER_1024_CHARS: {
    fr: 'clé de plus de 1 024 caractères',
    en: 'key longer than 1024 characters',
  },
  MULTIPLE_ANCHORS: {
    fr: 'plusieurs ancres sur une même valeur',
    en: 'several anchors on one value',
  },
  MULTIPLE_TAGS: {
    fr: 'plusieurs étiquettes sur une même valeur',
    en: 'several tags on one value',
  },
  NON_STRING_KEY: { fr: 'clé qui n’est pas du texte', en: 'key that is not text' },
  BAD_COLLECTION_TYPE: {
    fr: 'collection incompatible avec son étiquette',
    en: 'collection not matching its tag',
  },
};

/** The `detail` of YAML_SYNTAXE in the reader's language (the library's text in English only). */
export function explainSyntax(params: DiagnosticParams, lang: Lang): DiagnosticParams {
  const code = typeof params['yaml'] === 'string' ? params['yaml'] : '';
  const help = syntaxHelp[code];
  const library = String(params['detail'] ?? '');
  if (lang === 'en') return { ...params, detail: help ? `${help.en} (${library})` : library };
  return { ...params, detail: help ? help.fr : `erreur de syntaxe${code ? ` (${code})` : ''}` };
}
