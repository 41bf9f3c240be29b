/**
 * The exact reference of the equity test: the smallest largest deviation any orientation of a
 * year can achieve, knowing the whole year in advance.
 *
 * Why it is exact. Let y(i, c) ∈ {0, 1} say flat i goes to candidate c (only where c has no
 * constraint). The constraints are: for each flat, Σ_c y(i, c) = 1; for each account (candidate c,
 * territory T) and each k, the count of the first k flats of T given to c lies in
 * [⌈du_k − D⌉, ⌊du_k + D⌋]. When every candidate is counted on exactly one territory per flat
 * (checked below), the flats form one laminar family and the prefixes of each account another
 * (prefixes of one chain are nested, and chains of distinct accounts are disjoint), so the
 * constraint matrix is totally unimodular: it is the network below (a flat sends its unit into
 * the chain of the account that receives it; chain edge k carries the prefix count k), and an
 * integral orientation exists exactly when the network admits a flow meeting the lower bounds.
 * The largest deviation of any orientation is one of the values |x − du_k| (x an integer count),
 * and feasibility is monotone in D, so a bisection over those values finds the optimum exactly.
 */
import { candidatsDe, partSur, type AnneeOrientation } from '../../src/orientation/sequence.js';

const EPS = 1e-9;

/** Max-flow (Dinic) on a small graph. */
class Reseau {
  private readonly tete: number[][];
  private readonly vers: number[] = [];
  private readonly cap: number[] = [];

  constructor(n: number) {
    this.tete = Array.from({ length: n }, () => []);
  }

  arc(u: number, v: number, c: number): void {
    this.tete[u]?.push(this.vers.length);
    this.vers.push(v);
    this.cap.push(c);
    this.tete[v]?.push(this.vers.length);
    this.vers.push(u);
    this.cap.push(0);
  }

  flot(s: number, t: number): number {
    let total = 0;
    for (;;) {
      const niveau = this.niveaux(s);
      if ((niveau[t] ?? -1) < 0) return total;
      const iter = this.tete.map(() => 0);
      for (let f = this.pousser(s, t, Infinity, niveau, iter); f > 0;) {
        total += f;
        f = this.pousser(s, t, Infinity, niveau, iter);
      }
    }
  }

  private niveaux(s: number): number[] {
    const niveau = this.tete.map(() => -1);
    niveau[s] = 0;
    const file = [s];
    for (let i = 0; i < file.length; i++) {
      const u = file[i] as number;
      for (const e of this.tete[u] ?? []) {
        const v = this.vers[e] as number;
        if ((this.cap[e] as number) > 0 && niveau[v] === -1) {
          niveau[v] = (niveau[u] as number) + 1;
          file.push(v);
        }
      }
    }
    return niveau;
  }

  private pousser(u: number, t: number, f: number, niveau: number[], iter: number[]): number {
    if (u === t) return f;
    const arcs = this.tete[u] ?? [];
    for (; (iter[u] as number) < arcs.length; iter[u] = (iter[u] as number) + 1) {
      const e = arcs[iter[u] as number] as number;
      const v = this.vers[e] as number;
      if ((this.cap[e] as number) <= 0 || niveau[v] !== (niveau[u] as number) + 1) continue;
      const d = this.pousser(v, t, Math.min(f, this.cap[e] as number), niveau, iter);
      if (d > 0) {
        this.cap[e] = (this.cap[e] as number) - d;
        this.cap[e ^ 1] = (this.cap[e ^ 1] as number) + d;
        return d;
      }
    }
    return 0;
  }
}

/** A flow network with lower bounds, solved as a circulation. */
class Circulation {
  private readonly arcs: [number, number, number, number][] = [];
  private n = 0;

  noeud(): number {
    return this.n++;
  }

  arc(u: number, v: number, min: number, max: number): void {
    this.arcs.push([u, v, min, max]);
  }

  faisable(): boolean {
    if (this.arcs.some(([, , min, max]) => min > max)) return false;
    const [s, t] = [this.n, this.n + 1];
    const r = new Reseau(this.n + 2);
    const exces = new Array<number>(this.n).fill(0);
    for (const [u, v, min, max] of this.arcs) {
      r.arc(u, v, max - min);
      exces[v] = (exces[v] as number) + min;
      exces[u] = (exces[u] as number) - min;
    }
    let besoin = 0;
    exces.forEach((x, v) => {
      if (x > 0) r.arc(s, v, x);
      if (x < 0) r.arc(v, t, -x);
      besoin += Math.max(0, x);
    });
    return r.flot(s, t) === besoin;
  }
}

/** Each account's dû after each of its flats, and which flats feed it. */
interface Chaine {
  du: number[];
  /** For each flat index of the year: the position in this chain when the candidate may take it. */
  entrees: Map<number, number>;
}

function chaines(annee: AnneeOrientation): Chaine[] {
  const parCle = new Map<string, Chaine>();
  annee.logements.forEach((l, i) => {
    for (const [id, territoires] of candidatsDe(l)) {
      if (territoires.length !== 1) throw new Error('one territory per candidate and flat');
      const cle = `${id}\u0000${String(territoires[0])}`;
      const ch = parCle.get(cle) ?? { du: [], entrees: new Map<number, number>() };
      parCle.set(cle, ch);
      ch.du.push((ch.du.at(-1) ?? 0) + partSur(annee, l, id));
      if ((l.contraintes?.[id] ?? []).length === 0) ch.entrees.set(i, ch.du.length - 1);
    }
  });
  return [...parCle.values()];
}

function faisable(annee: AnneeOrientation, chs: readonly Chaine[], d: number): boolean {
  const g = new Circulation();
  const [source, puits] = [g.noeud(), g.noeud()];
  const logements = annee.logements.map(() => g.noeud());
  const preneurs = new Array<number>(logements.length).fill(0);
  for (const ch of chs) {
    const noeuds = ch.du.map(() => g.noeud());
    ch.du.forEach((du, k) => {
      const min = Math.max(0, Math.ceil(du - d - EPS));
      const max = Math.min(k + 1, Math.floor(du + d + EPS));
      g.arc(noeuds[k] as number, noeuds[k + 1] ?? puits, min, max);
    });
    for (const [i, k] of ch.entrees) {
      g.arc(logements[i] as number, noeuds[k] as number, 0, 1);
      preneurs[i] = (preneurs[i] as number) + 1;
    }
  }
  logements.forEach((l, i) => {
    g.arc(source, l, (preneurs[i] as number) > 0 ? 1 : 0, 1);
  });
  g.arc(puits, source, 0, annee.logements.length);
  return g.faisable();
}

/**
 * Whether some orientation of the year keeps every deviation within `d` (one flow, where
 * `optimum` bisects): `optimum(annee) ≤ d` exactly when this holds.
 */
export function atteignable(annee: AnneeOrientation, d: number): boolean {
  return faisable(annee, chaines(annee), d);
}

/**
 * The best achievable largest deviation over the year, at most `majorant` (the deviation of a
 * known orientation, which bounds the search).
 */
export function optimum(annee: AnneeOrientation, majorant: number): number {
  const chs = chaines(annee);
  const valeurs = new Set<number>([majorant]);
  for (const ch of chs) {
    for (const du of ch.du) {
      for (let x = Math.ceil(du - majorant - EPS); x <= du + majorant + EPS; x++) {
        const v = Math.abs(x - du);
        if (v <= majorant + EPS) valeurs.add(Math.round(v * 1e9) / 1e9);
      }
    }
  }
  const tries = [...valeurs].sort((a, b) => a - b);
  let [bas, haut] = [0, tries.length - 1];
  while (bas < haut) {
    const milieu = Math.floor((bas + haut) / 2);
    if (faisable(annee, chs, tries[milieu] as number)) haut = milieu;
    else bas = milieu + 1;
  }
  return tries[bas] as number;
}
