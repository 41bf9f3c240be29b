/**
 * Scores a request with a grid, and says how: the months counted and from which date, each
 * criterion met with its weight, the formula with the numbers. The arithmetic is done in
 * thousandths (integers), so the score is exactly what the formula shows.
 */
import type { Lang } from '../diagnostics/diagnostic.js';
import { compiler, type Place, type Predicat } from './conditions.js';
import { champsDeLaGrille, type Demande } from './demande.js';
import { poids, type Combinaison, type Grille } from '../check/grille/grille.js';
import { moisJusqua } from './mois-entiers.js';

export interface CritereRempli {
  groupe: string;
  groupe_libelle: string;
  critere: string;
  libelle: string;
  /** The exclusive value met, for a criterion with values. */
  valeur?: { id: string; libelle: string };
  /** Coefficient (multiplicative grid) or points (additive grid). */
  poids: number;
}

export interface Anciennete {
  /** Date the months are counted from. */
  depuis: string;
  /** Why from that date: the request's date, its renewal, or the last refusal of a suitable offer. */
  motif: 'date_depot' | 'date_renouvellement' | 'refus';
  mois: number;
  points_par_mois: number;
  points: number;
  /**
   * Refusals dated after the scoring date, ignored (they had not happened on that date); only
   * when there are some.
   */
  refus_posterieurs?: string[];
  /**
   * The renewal, dated after the scoring date, of a request the grid counts from its renewal:
   * it had not happened on that date, so the months count from the filing; only then.
   */
  renouvellement_posterieur?: string;
}

export interface Cotation {
  numero_unique: string;
  ligne: number;
  anciennete: Anciennete;
  criteres: CritereRempli[];
  combinaison: Combinaison;
  /** 1 + Σ(coefficient − 1) (multiplicative) or Σ points (additive). */
  facteur: number;
  score: number;
  prioritaire: boolean;
  /** Typologie and first wished commune: the kind of request (rank, waiting time). */
  typologie?: string;
  commune?: string;
}

/**
 * A criterion compiled: its condition, and what a request that meets it shows (built once and
 * shared by every cotation: frozen), for itself or for each of its exclusive values.
 */
interface CritereCompile {
  si: Predicat;
  rempli: Readonly<CritereRempli>;
  /** `rempli.poids` in thousandths (as `combiner` sums them), computed once. */
  milli: number;
  valeurs?: { si: Predicat; rempli: Readonly<CritereRempli>; milli: number }[];
}

export interface Noteur {
  grille: Grille;
  noter(d: Demande, date: string): Cotation;
}

const milli = (x: number): number => Math.round(x * 1000);

function compilerCriteres(g: Grille, place: Place): CritereCompile[] {
  const out: CritereCompile[] = [];
  for (const grp of g.groupes)
    for (const c of grp.criteres) {
      const w = poids(c, grp, g.combinaison);
      const rempli = (p: number, valeur?: { id: string; libelle: string }): CritereRempli =>
        Object.freeze({
          groupe: grp.id,
          groupe_libelle: grp.libelle,
          critere: c.id,
          libelle: c.libelle,
          poids: p,
          ...(valeur ? { valeur: Object.freeze(valeur) } : {}),
        });
      out.push({
        si: compiler(c.si, place),
        rempli: rempli(w ?? 0),
        milli: milli(w ?? 0),
        ...(c.valeurs
          ? {
              valeurs: c.valeurs.map((v) => {
                const p = poids(v, grp, g.combinaison) ?? w ?? 0;
                return {
                  si: compiler(v.si, place),
                  rempli: rempli(p, { id: v.id, libelle: v.libelle }),
                  milli: milli(p),
                };
              }),
            }
          : {}),
      });
    }
  return out;
}

/**
 * Where seniority starts: the grid's date, or the last refusal when a refusal resets it.
 * `mois` counts the whole months up to `date` (given by a caller that scores many requests).
 */
export function anciennete(
  g: Grille,
  d: Demande,
  date: string,
  mois: (from: string) => number = moisJusqua(date),
): Anciennete {
  const r = g.anciennete.depuis === 'date_renouvellement' ? d.date_renouvellement : undefined;
  // A renewal after the scoring date had not happened then (as a refusal after it).
  const base = r !== undefined && r <= date ? r : d.date_depot;
  let depuis = base;
  let motif: Anciennete['motif'] = base === d.date_depot ? 'date_depot' : 'date_renouvellement';
  let dernier: string | undefined;
  let posterieurs: string[] | undefined;
  for (const r of d.dates_refus)
    if (r <= date) dernier = r;
    else (posterieurs ??= []).push(r);
  if (g.anciennete.refus === 'remise_a_zero' && dernier !== undefined && dernier > depuis) {
    depuis = dernier;
    motif = 'refus';
  }
  const m = mois(depuis);
  const ppm = g.anciennete.points_par_mois;
  const a: Anciennete = { depuis, motif, mois: m, points_par_mois: ppm, points: m * ppm };
  if (posterieurs) a.refus_posterieurs = posterieurs;
  if (r !== undefined && r > date) a.renouvellement_posterieur = r;
  return a;
}

/**
 * The criteria `d` meets, pushed on `met`; returns the sum of their weights in thousandths (what
 * `combiner` sums, read from the compiled criteria: one pass).
 */
function criteresRemplis(
  criteres: readonly CritereCompile[],
  d: Demande,
  met: CritereRempli[],
): number {
  let somme = 0;
  for (const c of criteres) {
    if (!c.si(d.valeurs)) continue;
    if (!c.valeurs) {
      met.push(c.rempli);
      somme += c.milli;
      continue;
    }
    for (const x of c.valeurs)
      if (x.si(d.valeurs)) {
        met.push(x.rempli);
        somme += x.milli;
        break;
      }
  }
  return somme;
}

/** The factor and the score, in thousandths then back. */
export function combiner(
  combinaison: Combinaison,
  points: number,
  remplis: readonly { poids: number }[],
): { facteur: number; score: number } {
  let somme = 0;
  for (const r of remplis) somme += milli(r.poids);
  return combinerMilli(combinaison, points, somme, remplis.length);
}

/** `combiner` from the weights' sum in thousandths and their count. */
function combinerMilli(
  combinaison: Combinaison,
  points: number,
  somme: number,
  nombre: number,
): { facteur: number; score: number } {
  if (combinaison === 'multiplicative') {
    const f = 1000 + somme - 1000 * nombre;
    return { facteur: f / 1000, score: (points * f) / 1000 };
  }
  return { facteur: somme / 1000, score: (points * 1000 + somme) / 1000 };
}

export function creerNoteur(g: Grille): Noteur {
  const { places } = champsDeLaGrille(g);
  const place = (nom: string): number => places.get(nom) ?? -1;
  const criteres = compilerCriteres(g, place);
  const priorite = g.priorite ? compiler(g.priorite.si, place) : () => false;
  const typologiePlace = place('typologie');
  let dateVue = '';
  let mois = moisJusqua('0000-01-01');
  return {
    grille: g,
    noter(d, date) {
      if (date !== dateVue) {
        dateVue = date;
        mois = moisJusqua(date);
      }
      const a = anciennete(g, d, date, mois);
      const met: CritereRempli[] = [];
      const somme = criteresRemplis(criteres, d, met);
      const { facteur, score } = combinerMilli(g.combinaison, a.points, somme, met.length);
      const typologie = d.valeurs[typologiePlace];
      const commune = d.communes_souhaitees[0];
      const c: Cotation = {
        numero_unique: d.numero_unique,
        ligne: d.ligne,
        anciennete: a,
        criteres: met,
        combinaison: g.combinaison,
        facteur,
        score,
        prioritaire: priorite(d.valeurs),
      };
      if (typeof typologie === 'string') c.typologie = typologie;
      if (commune !== undefined) c.commune = commune;
      return c;
    },
  };
}

/**
 * `x` rounded to three decimals, as `String()` writes it, but through `toFixed`: V8 puts each
 * number `String()` writes in a cache and allocates its text straight in the old generation,
 * where it stays until a full collection, so the scores of 736 000 requests written as CSV made
 * the heap grow with the file. Below 10⁹ the three decimals of `toFixed` without their trailing
 * zeros are the shortest text of the number (its neighbours are far closer than 0,001; not so
 * near 10¹³, hence `String()` above).
 */
function troisDecimales(x: number): string {
  const n = Math.round(x * 1000) / 1000;
  if (!(Math.abs(n) < 1e9)) return String(n);
  if (Number.isInteger(n)) return n.toFixed(0);
  const s = n.toFixed(3);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

/** A number as people read it: at most three decimals, a decimal comma in French. */
export function chiffre(x: number, lang: Lang): string {
  const s = troisDecimales(x);
  return lang === 'fr' ? s.replace('.', ',').replace('-', '−') : s;
}

/** The formula with the numbers, e.g. « 4 × (1 + 0,3 + 0,3) = 4 × 1,6 = 6,4 ». */
export function formule(c: Cotation, lang: Lang): string {
  const n = (x: number): string => chiffre(x, lang);
  const pts = n(c.anciennete.points);
  if (c.combinaison === 'multiplicative') {
    if (!c.criteres.length) return `${pts} × 1 = ${n(c.score)}`;
    const termes = c.criteres.map((k) => n((milli(k.poids) - 1000) / 1000));
    return `${pts} × (1 + ${termes.join(' + ')}) = ${pts} × ${n(c.facteur)} = ${n(c.score)}`;
  }
  if (!c.criteres.length) return `${pts} = ${n(c.score)}`;
  // A malus is subtracted: « 6 − 20 = −14 », not « 6 + −20 = −14 ».
  const termes = c.criteres.map((k) => (k.poids < 0 ? ` − ${n(-k.poids)}` : ` + ${n(k.poids)}`));
  return `${pts}${termes.join('')} = ${n(c.score)}`;
}
