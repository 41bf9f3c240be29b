import type { Commune } from './territoires.js';

/** A commune as the geography index stores it. */
export type LigneCommune = [code: string, nom: string, departement: string];

/** The index chunk of a commune code: its first two characters, three for overseas (97x). */
export function prefixeCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The communes of France as a Map whose entries are built per code prefix (≈ a département)
 * on the first `get` or `has` of a code of that prefix: one bailleur × département reads one or
 * two of the ≈ 100 chunks. Any other use (iteration, size, change) builds them all, in the
 * index's order — that of the eager Map — reusing the Commune objects already handed out.
 */
export class CommunesParesseuses extends Map<string, Commune> {
  /** Prefix → the JSON text of its `LigneCommune[]`, in the index's order; empty once complete. */
  readonly #enAttente: Map<string, () => string>;
  readonly #morceaux = new Map<string, Map<string, Commune>>();
  #complet = false;

  constructor(morceaux: [prefixe: string, lignes: () => string][]) {
    super();
    this.#enAttente = new Map(morceaux);
  }

  #morceau(prefixe: string): Map<string, Commune> | undefined {
    const fait = this.#morceaux.get(prefixe);
    if (fait) return fait;
    const texte = this.#enAttente.get(prefixe);
    if (texte === undefined) return undefined;
    const communes = new Map<string, Commune>();
    for (const [code, nom, departement] of JSON.parse(texte()) as LigneCommune[])
      communes.set(code, { code, nom, departement });
    this.#morceaux.set(prefixe, communes);
    return communes;
  }

  #toutCharger(): void {
    if (this.#complet) return;
    this.#complet = true;
    for (const prefixe of this.#enAttente.keys())
      for (const [code, commune] of this.#morceau(prefixe) ?? []) super.set(code, commune);
    this.#enAttente.clear();
    this.#morceaux.clear();
  }

  override get(code: string): Commune | undefined {
    return this.#complet ? super.get(code) : this.#morceau(prefixeCommune(code))?.get(code);
  }
  override has(code: string): boolean {
    return this.#complet
      ? super.has(code)
      : (this.#morceau(prefixeCommune(code))?.has(code) ?? false);
  }
  override get size(): number {
    this.#toutCharger();
    return super.size;
  }
  override keys(): ReturnType<Map<string, Commune>['keys']> {
    this.#toutCharger();
    return super.keys();
  }
  override values(): ReturnType<Map<string, Commune>['values']> {
    this.#toutCharger();
    return super.values();
  }
  override entries(): ReturnType<Map<string, Commune>['entries']> {
    this.#toutCharger();
    return super.entries();
  }
  override [Symbol.iterator](): ReturnType<Map<string, Commune>['entries']> {
    return this.entries();
  }
  override forEach(
    f: (commune: Commune, code: string, map: Map<string, Commune>) => void,
    thisArg?: unknown,
  ): void {
    this.#toutCharger();
    super.forEach(f, thisArg);
  }
  override set(code: string, commune: Commune): this {
    this.#toutCharger();
    return super.set(code, commune);
  }
  override delete(code: string): boolean {
    this.#toutCharger();
    return super.delete(code);
  }
  override clear(): void {
    this.#toutCharger();
    super.clear();
  }
}
