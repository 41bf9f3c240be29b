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
