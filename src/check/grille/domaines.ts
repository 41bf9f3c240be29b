/**
 * What values of a field a condition lets through, to find statically a conjunction no value can
 * satisfy, or two « exclusive » values of a criterion that one request could both meet.
 * Single-valued fields: a finite set (enum, boolean) or an interval (numbers). Multi-valued
 * fields (the motifs): sets of which the request must hold one value each, and a set it must
 * hold none of.
 */
import {
  champ,
  testsOf,
  type Champ,
  type Condition,
  type Grille,
  type Scalaire,
  type Test,
} from './grille.js';

export type Domaine =
  | { kind: 'set'; values: Set<Scalaire> }
  | { kind: 'multi'; somes: Set<Scalaire>[]; none: Set<Scalaire> }
  | {
      kind: 'num';
      lo: number;
      loOpen: boolean;
      hi: number;
      hiOpen: boolean;
      integer: boolean;
      /** `dans` on a number: the only values left (with the interval), when given. */
      values?: Set<Scalaire>;
      /** `hors` on a number: values taken out. */
      excluded: Set<Scalaire>;
    };

/** A test that does not apply to its field (a range on an enum, a value it does not have). */
export interface ProblemeTest {
  code: 'COTATION_TEST_INAPPLICABLE' | 'COTATION_VALEUR_INCONNUE';
  cle: string;
  params: Record<string, string>;
}

function fullDomain(c: Champ): Domaine {
  if (c.type === 'booleen') return { kind: 'set', values: new Set<Scalaire>([true, false]) };
  if (c.type === 'enum') {
    const values = new Set<Scalaire>(Object.keys(c.valeurs ?? {}));
    return c.multiple ? { kind: 'multi', somes: [], none: new Set() } : { kind: 'set', values };
  }
  return {
    kind: 'num',
    // An absolute difference is never below 0.
    lo: c.min ?? (c.calcul?.ecart_absolu ? 0 : -Infinity),
    loOpen: false,
    hi: c.max ?? Infinity,
    hiOpen: false,
    integer: c.type === 'entier',
    excluded: new Set(),
  };
}

const RANGE_KEYS = ['superieur_a', 'au_moins', 'inferieur_a', 'au_plus'] as const;

function allowedValue(c: Champ, v: Scalaire): boolean {
  if (c.type === 'booleen') return typeof v === 'boolean';
  if (c.type === 'enum') return typeof v === 'string' && Object.hasOwn(c.valeurs ?? {}, v);
  return typeof v === 'number';
}

function restrictNum(d: Domaine & { kind: 'num' }, key: string, v: number): void {
  if (key === 'superieur_a' && (v > d.lo || (v === d.lo && !d.loOpen)))
    [d.lo, d.loOpen] = [v, true];
  if (key === 'au_moins' && v > d.lo) [d.lo, d.loOpen] = [v, false];
  if (key === 'inferieur_a' && (v < d.hi || (v === d.hi && !d.hiOpen)))
    [d.hi, d.hiOpen] = [v, true];
  if (key === 'au_plus' && v < d.hi) [d.hi, d.hiOpen] = [v, false];
}

/** Applies one test key to a domain (in place); a problem when the key does not fit the field. */
function applyKey(d: Domaine, c: Champ, key: keyof Test, value: unknown): ProblemeTest | undefined {
  if ((RANGE_KEYS as readonly string[]).includes(key)) {
    if (d.kind !== 'num')
      return { code: 'COTATION_TEST_INAPPLICABLE', cle: key, params: { test: key, type: c.type } };
    restrictNum(d, key, value as number);
    return undefined;
  }
  const list = (key === 'egal' ? [value] : value) as Scalaire[];
  const wrong = list.find((v) => !allowedValue(c, v));
  if (wrong !== undefined)
    return {
      code: 'COTATION_VALEUR_INCONNUE',
      cle: key,
      params: { valeur: String(wrong), permises: permises(c) },
    };
  if (d.kind === 'num') {
    if (key === 'hors') for (const v of list) d.excluded.add(v);
    else if (key === 'dans') d.values = new Set(list.filter((v) => !d.values || d.values.has(v)));
    else {
      restrictNum(d, 'au_moins', value as number);
      restrictNum(d, 'au_plus', value as number);
    }
  } else if (d.kind === 'multi') {
    if (key === 'hors') for (const v of list) d.none.add(v);
    else d.somes.push(new Set(list));
  } else {
    const keep = new Set(list);
    for (const v of [...d.values]) if (keep.has(v) === (key === 'hors')) d.values.delete(v);
  }
  return undefined;
}

export function permises(c: Champ): string {
  if (c.type === 'booleen') return 'true, false';
  if (c.type === 'enum') return Object.keys(c.valeurs ?? {}).join(', ');
  return c.type === 'entier' ? 'nombre entier' : 'nombre';
}

/** The domain one field's test leaves, and the keys that do not fit the field. */
export function domaineDuTest(
  c: Champ,
  test: Test,
): { domaine: Domaine; problemes: ProblemeTest[] } {
  const domaine = fullDomain(c);
  const problemes: ProblemeTest[] = [];
  for (const [key, value] of Object.entries(test) as [keyof Test, unknown][]) {
    const p = applyKey(domaine, c, key, value);
    if (p) problemes.push(p);
  }
  return { domaine, problemes };
}

/** No value is left. */
export function estVide(d: Domaine): boolean {
  if (d.kind === 'set') return d.values.size === 0;
  if (d.kind === 'multi') return d.somes.some((s) => [...s].every((v) => d.none.has(v)));
  const dedans = (v: number): boolean =>
    (d.loOpen ? v > d.lo : v >= d.lo) &&
    (d.hiOpen ? v < d.hi : v <= d.hi) &&
    (!d.integer || Number.isInteger(v)) &&
    !d.excluded.has(v);
  if (d.values) return ![...d.values].some((v) => typeof v === 'number' && dedans(v));
  let { lo, hi } = d;
  if (d.integer) {
    lo = d.loOpen ? Math.floor(lo) + 1 : Math.ceil(lo);
    hi = d.hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi);
    if (lo > hi) return true;
    // A few whole numbers left: all of them taken out by `hors`?
    if (hi - lo < d.excluded.size) {
      for (let v = lo; v <= hi; v++) if (!d.excluded.has(v)) return false;
      return true;
    }
    return false;
  }
  if (lo === hi) return d.loOpen || d.hiOpen || d.excluded.has(lo);
  return lo > hi;
}

function intersect(a: Domaine, b: Domaine): Domaine {
  if (a.kind === 'set' && b.kind === 'set')
    return { kind: 'set', values: new Set([...a.values].filter((v) => b.values.has(v))) };
  if (a.kind === 'multi' && b.kind === 'multi')
    return {
      kind: 'multi',
      somes: [...a.somes, ...b.somes],
      none: new Set([...a.none, ...b.none]),
    };
  if (a.kind === 'num' && b.kind === 'num') {
    const d = { ...a, excluded: new Set([...a.excluded, ...b.excluded]) };
    restrictNum(d, b.loOpen ? 'superieur_a' : 'au_moins', b.lo);
    restrictNum(d, b.hiOpen ? 'inferieur_a' : 'au_plus', b.hi);
    if (b.values) d.values = new Set([...b.values].filter((v) => !a.values || a.values.has(v)));
    return d;
  }
  return a;
}

/** A conjunction: field → domain. */
type Conjonction = Map<string, Domaine>;

/** The condition in disjunctive normal form (its `une_de` expanded), unknown fields left out. */
export function formeNormale(grille: Grille, cond: Condition): Conjonction[] {
  const base: Conjonction = new Map();
  for (const [nom, test] of testsOf(cond)) {
    const c = champ(grille, nom);
    if (!c) continue;
    const { domaine } = domaineDuTest(c, test);
    const before = base.get(nom);
    base.set(nom, before ? intersect(before, domaine) : domaine);
  }
  if (!cond.une_de) return [base];
  const out: Conjonction[] = [];
  for (const alt of cond.une_de)
    for (const conj of formeNormale(grille, alt)) out.push(merge(base, conj));
  return out;
}

function merge(a: Conjonction, b: Conjonction): Conjonction {
  const m = new Map(a);
  for (const [k, d] of b) {
    const before = m.get(k);
    m.set(k, before ? intersect(before, d) : d);
  }
  return m;
}

const conjonctionVide = (c: Conjonction): boolean => [...c.values()].some(estVide);

/** No request meets the condition. */
export function conditionImpossible(grille: Grille, cond: Condition): boolean {
  return formeNormale(grille, cond).every(conjonctionVide);
}

/**
 * Some request could meet all these conditions together (no field separates every combination
 * of their cases): two values of a criterion with the criterion's own condition, say.
 */
export function seChevauchent(grille: Grille, ...conditions: Condition[]): boolean {
  let cas: Conjonction[] = [new Map<string, Domaine>()];
  for (const cond of conditions) {
    const suivants: Conjonction[] = [];
    for (const x of cas)
      for (const y of formeNormale(grille, cond)) {
        const m = merge(x, y);
        if (!conjonctionVide(m)) suivants.push(m);
      }
    if (!suivants.length) return false;
    cas = suivants;
  }
  return true;
}
