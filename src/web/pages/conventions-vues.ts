/**
 * What the conventions pages show, built from the API's answers: statut and signature labels,
 * the contents of a printed convention (its articles' anchors), a diff's rows. No rule here: the
 * figures and states are the API's, only put into words.
 */
import type { Changement, Comparaison } from '../../compare/changement.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import type { Principal } from '../../server/auth/principal.js';
import type { Suivi } from '../../server/conventions/signatures.js';
import { peut } from '../../server/policy.js';
import { t } from '../i18n/messages.js';
import { dateEnMots, locale } from '../formats.js';

/** A version as `GET /api/conventions/:cid` describes it. */
export interface Version {
  id: string;
  convention_id: string;
  version: number;
  departement: string;
  bailleur: string;
  reservataire: string;
  statut: string;
  date_effet: string | null;
  scellee: boolean;
  sha256: string;
  cree_le: string;
}

/** The parties' names as the convention's text gives them (the API's), null when it gives none. */
export interface NomsParties {
  bailleur_nom: string | null;
  reservataire_nom: string | null;
}

/** `GET /api/conventions/:cid`. */
export interface Convention extends NomsParties {
  id: string;
  departement: string;
  bailleur: string;
  reservataire: string;
  versions: Version[];
  en_vigueur: { version: number; entree_en_vigueur: string } | null;
}

/** An item of `GET /api/conventions`. */
export interface ConventionListee extends NomsParties {
  id: string;
  departement: string;
  bailleur: string;
  reservataire: string;
  versions: { version: number; statut: string; sha256: string; date_effet: string | null }[];
  /** The version in force today (signed by both parties, in effect), per the API; else null. */
  en_vigueur: { version: number; entree_en_vigueur: string } | null;
}

export type SuiviSignatures = Suivi & { id: string; statut: string };

export interface Diff {
  ok: boolean;
  comparaison?: Comparaison;
}

/** A string with `{cle}` replaced by its value. */
export function tf(lang: Lang, cle: string, valeurs: Record<string, string | number>): string {
  return t(lang, cle).replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = valeurs[k];
    return v === undefined ? m : String(v);
  });
}

const CLASSES_STATUT: Record<string, string> = {
  projet: 'neutre',
  arretee: 'attention',
  signee: 'succes',
};

/** The statut as a label and its badge class. */
export function statut(lang: Lang, s: string): { libelle: string; classe: string } {
  const cle = `cv_statut_${s}`;
  const libelle = t(lang, cle);
  return {
    libelle: libelle === `⟦${cle}⟧` ? s : libelle,
    classe: CLASSES_STATUT[s] ?? 'neutre',
  };
}

const partie = (lang: Lang, p: string): string => t(lang, `cv_partie_${p}`);

/** The signatures' state in one phrase (the API's entry into force and parties still to sign). */
export function etatSignatures(
  lang: Lang,
  s: SuiviSignatures,
): { texte: string; date?: string; alerte: string } {
  if (s.entree_en_vigueur)
    return { texte: t(lang, 'cv_en_vigueur_le'), date: s.entree_en_vigueur, alerte: 'succes' };
  if (s.statut === 'projet') return { texte: t(lang, 'cv_non_signable'), alerte: 'info' };
  return {
    texte: `${t(lang, 'cv_reste_a_signer')} ${s.a_signer.map((p) => partie(lang, p)).join(', ')}`,
    alerte: 'attention',
  };
}

/** The signatures as table rows. */
export function lignesSignatures(lang: Lang, s: SuiviSignatures) {
  return s.signatures.map((x) => ({
    partie: partie(lang, x.partie),
    signataire: x.signataire ?? '—',
    date: x.date,
    methode: t(lang, `cv_methode_${x.methode}`),
  }));
}

/** The parties of a version the principal may sign for, among those still to sign. */
export function signablesPar(p: Principal, v: Version, s: SuiviSignatures): string[] {
  if (s.statut !== 'arretee') return [];
  return s.a_signer.filter((x) =>
    x === 'bailleur'
      ? peut(p, 'signer', { type: 'bailleur', siren: v.bailleur })
      : peut(p, 'signer', { type: 'reservataire', id: v.reservataire }),
  );
}

/** The principal may draft this convention (the editor itself asks the API again). */
export function peutRediger(p: Principal, c: { bailleur: string; reservataire: string }): boolean {
  return peut(p, 'rediger', {
    type: 'convention',
    bailleur: c.bailleur,
    reservataire: c.reservataire,
  });
}

const ENTITES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** The text of an HTML fragment (tags dropped, the usual entities decoded, spaces folded). */
function texteHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (e.startsWith('#'))
        return String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
        );
      return ENTITES[e] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The printed convention's sections with an anchor (articles, signatures, annexes) and titles. */
export function sommaire(html: string): { ancre: string; titre: string }[] {
  const out: { ancre: string; titre: string }[] = [];
  const re = /<section\b[^>]*\bid="([^"]+)"[^>]*>\s*<h2\b[^>]*>([\s\S]*?)<\/h2>/g;
  for (const m of html.matchAll(re))
    if (m[1] && m[2] !== undefined) out.push({ ancre: m[1], titre: texteHtml(m[2]) });
  return out;
}

/** A scalar of the convention as a reader reads it. */
function scalaire(lang: Lang, v: unknown): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return t(lang, v ? 'cv_oui' : 'cv_non');
  if (typeof v === 'number')
    return new Intl.NumberFormat(locale(lang), {
      maximumFractionDigits: 4,
      // A year (2024) reads without a thousands separator.
      useGrouping: Math.abs(v) >= 10_000,
    }).format(v);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * A value as lines: a scalar on one line, an object or a list one leaf per line (« a › b : v »);
 * a line whose value is the convention's own words (a string) is French (`fr`, marked `lang="fr"`).
 */
function valeur(lang: Lang, v: unknown, chemin: string[] = []): Ligne[] {
  if (v === undefined) return [{ texte: t(lang, 'cv_absent'), fr: false }];
  if (typeof v !== 'object' || v === null) {
    const s = scalaire(lang, v);
    return [
      { texte: chemin.length ? `${chemin.join(' › ')} : ${s}` : s, fr: typeof v === 'string' },
    ];
  }
  const entrees = Array.isArray(v)
    ? v.map((x, i) => [String(i + 1), x] as const)
    : Object.entries(v as Record<string, unknown>);
  if (!entrees.length)
    return [{ texte: chemin.length ? `${chemin.join(' › ')} : —` : '—', fr: false }];
  return entrees.flatMap(([k, x]) => valeur(lang, x, [...chemin, k]));
}

interface Ligne {
  texte: string;
  fr: boolean;
}

const avecDefaut = (lang: Lang, lignes: Ligne[], defaut: boolean | undefined): Ligne[] =>
  defaut ? [...lignes, { texte: t(lang, 'cv_par_defaut'), fr: false }] : lignes;

/** A date AAAA-MM-JJ in words, in the page's language. */
export function dateLongue(lang: Lang, d: string | null | undefined): string {
  return dateEnMots(lang, d) ?? '—';
}

/** « article 6 » → `article-6`, the anchor the printed convention gives it. */
function ancreArticle(libelle: string): string | undefined {
  const m = /^(article|annexe)\s+(\d+)$/i.exec(libelle.trim());
  return m?.[1] && m[2] ? `${m[1].toLowerCase()}-${m[2]}` : undefined;
}

/** The rows of the diff table. */
export function lignesDiff(lang: Lang, changements: readonly Changement[]) {
  return changements.map((c) => ({
    libelle: c.libelle,
    element: c.element,
    pointeur: c.pointeur,
    articles: (c.articles ?? []).map((a) => ({ libelle: a, ancre: ancreArticle(a) })),
    nature: t(lang, `cv_nature_${c.nature}`),
    ancien: avecDefaut(lang, valeur(lang, c.ancien), c.ancien_par_defaut),
    nouveau: avecDefaut(lang, valeur(lang, c.nouveau), c.nouveau_par_defaut),
  }));
}
