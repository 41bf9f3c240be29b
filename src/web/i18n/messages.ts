/**
 * Every page string, by language: each page family adds its own file here (one line each).
 * `{{t "cle"}}` in a template looks the key up in the request's language.
 */
import type { Lang } from '../../diagnostics/diagnostic.js';
import { admin } from './admin.js';
import { commun } from './commun.js';
import { editeur } from './editeur.js';
import { tableauDeBord } from './tableau-de-bord.js';
import { documents } from './documents.js';
import { logements } from './logements.js';
import { saisie } from './saisie.js';
import { conventions } from './conventions.js';

type Dictionnaire = Readonly<Record<string, string>>;
interface Famille {
  fr: Dictionnaire;
  en: Dictionnaire;
}

const FAMILLES: Famille[] = [
  commun,
  editeur,
  tableauDeBord,
  admin,
  documents,
  logements,
  saisie,
  conventions,
];

const fusion = (lang: Lang): Map<string, string> =>
  new Map(FAMILLES.flatMap((f) => Object.entries(f[lang])));

const PAR_LANGUE: Record<Lang, Map<string, string>> = { fr: fusion('fr'), en: fusion('en') };

/** The string of `cle` in `lang` (the key itself, visibly, when a page forgot to define it). */
export function t(lang: Lang, cle: string): string {
  return PAR_LANGUE[lang].get(cle) ?? PAR_LANGUE.fr.get(cle) ?? `⟦${cle}⟧`;
}
