/**
 * A Map whose entries are built per chunk (one line of the geography index) on the first `get`
 * or `has` of a key of that chunk: one bailleur × département reads a few of the chunks. Any other
 * use (iteration, size, change) builds them all, in the index's order — that of the eager Map —
 * reusing the values already handed out.
 */
export class MapParMorceaux<V> extends Map<string, V> {
  /** Chunk key → how to build its entries, in the index's order; empty once complete. */
  readonly #enAttente: Map<string, () => [string, V][]>;
  readonly #morceaux = new Map<string, Map<string, V>>();
  readonly #morceauDe: (cle: string) => string;
  #complet = false;

  /** `morceauDe`: the chunk a key is in. */
  constructor(
    morceaux: [morceau: string, lire: () => [string, V][]][],
    morceauDe: (cle: string) => string,
  ) {
    super();
    this.#enAttente = new Map(morceaux);
    this.#morceauDe = morceauDe;
  }

  #morceau(cle: string): Map<string, V> | undefined {
    const fait = this.#morceaux.get(cle);
    if (fait) return fait;
    const lire = this.#enAttente.get(cle);
    if (lire === undefined) return undefined;
    const entrees = new Map(lire());
    this.#morceaux.set(cle, entrees);
    return entrees;
  }

  #toutCharger(): void {
    if (this.#complet) return;
    this.#complet = true;
    for (const cle of this.#enAttente.keys())
      for (const [k, v] of this.#morceau(cle) ?? []) super.set(k, v);
    this.#enAttente.clear();
    this.#morceaux.clear();
  }

  override get(cle: string): V | undefined {
    return this.#complet ? super.get(cle) : this.#morceau(this.#morceauDe(cle))?.get(cle);
  }
  override has(cle: string): boolean {
    return this.#complet
      ? super.has(cle)
      : (this.#morceau(this.#morceauDe(cle))?.has(cle) ?? false);
  }
  override get size(): number {
    this.#toutCharger();
    return super.size;
  }
  override keys(): ReturnType<Map<string, V>['keys']> {
    this.#toutCharger();
    return super.keys();
  }
  override values(): ReturnType<Map<string, V>['values']> {
    this.#toutCharger();
    return super.values();
  }
  override entries(): ReturnType<Map<string, V>['entries']> {
    this.#toutCharger();
    return super.entries();
  }
  override [Symbol.iterator](): ReturnType<Map<string, V>['entries']> {
    return this.entries();
  }
  override forEach(f: (v: V, k: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    this.#toutCharger();
    super.forEach(f, thisArg);
  }
  override set(cle: string, v: V): this {
    this.#toutCharger();
    return super.set(cle, v);
  }
  override delete(cle: string): boolean {
    this.#toutCharger();
    return super.delete(cle);
  }
  override clear(): void {
    this.#toutCharger();
    super.clear();
  }
}
