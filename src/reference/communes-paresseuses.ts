import { MapParMorceaux } from './map-par-morceaux.js';
import type { Commune } from './territoires.js';

/** A commune as the geography index stores it. */
export type LigneCommune = [code: string, nom: string, departement: string];

/** The index chunk of a commune code: its first two characters, three for overseas (97x). */
export function prefixeCommune(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The communes of France as a Map whose entries are built per code prefix (≈ a département)
 * on the first `get` or `has` of a code of that prefix (MapParMorceaux).
 */
export class CommunesParesseuses extends MapParMorceaux<Commune> {
  /** Prefix → the JSON text of its `LigneCommune[]`, in the index's order. */
  constructor(morceaux: [prefixe: string, lignes: () => string][]) {
    super(
      morceaux.map(([prefixe, texte]) => [
        prefixe,
        () =>
          (JSON.parse(texte()) as LigneCommune[]).map(([code, nom, departement]) => [
            code,
            { code, nom, departement },
          ]),
      ]),
      prefixeCommune,
    );
  }
}
