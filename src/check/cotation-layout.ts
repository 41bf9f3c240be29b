/** Where a grid lives: rules/cotation/<EPCI SIREN>/v<N>.yaml. */
export interface CotationLayout {
  siren: string;
  version: number;
}

const LAYOUT = /[\\/]cotation[\\/]([0-9]{9})[\\/]v([0-9]+)\.[yY][aA]?[mM][lL]$/;
const FOLDER = /[\\/]cotation[\\/]/;

export function parseCotationLayout(absolutePath: string): CotationLayout | undefined {
  const m = LAYOUT.exec(absolutePath);
  if (!m) return undefined;
  return { siren: m[1] ?? '', version: Number(m[2]) };
}

/** Under a cotation/ folder (a grid, well or badly named). */
export const isUnderCotation = (absolutePath: string): boolean => FOLDER.test(absolutePath);

/**
 * A grid outside rules/cotation/<SIREN>/v<N>.yaml: a file at most one folder below a cotation/
 * folder (a convention is three below its département's), or a mapping with the grids' own
 * `cotation` key, which no convention has.
 */
export function isGrilleAilleurs(absolutePath: string, data: unknown): boolean {
  const parts = absolutePath.split(/[\\/]/);
  const i = parts.lastIndexOf('cotation');
  if (i >= 0 && parts.length - i <= 3 && /\.ya?ml$/i.test(absolutePath)) return true;
  return typeof data === 'object' && data !== null && !Array.isArray(data) && 'cotation' in data;
}
