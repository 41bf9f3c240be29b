/**
 * The conventions layout: <département>/<bailleur SIREN>/<réservataire id>/v<N>.yaml (or .yml, extension in any case).
 * Read from the end of the path, so the tree may live in any folder.
 */
export interface LayoutPath {
  departement: string;
  siren: string;
  reservataire: string;
  version: number;
  /** The <département>/<SIREN> folder (absolute), where the bailleur's other conventions are. */
  bailleurDir: string;
}

const LAYOUT =
  /^(.*)[\\/]([0-9]{2}|2A|2B|97[1-6])[\\/]([0-9]{9})[\\/]([a-z0-9]+(?:-[a-z0-9]+)*)[\\/]v([1-9][0-9]*)\.[yY][aA]?[mM][lL]$/;

export function parseLayout(absolutePath: string): LayoutPath | undefined {
  const m = LAYOUT.exec(absolutePath);
  if (!m) return undefined;
  const [, root = '', departement = '', siren = '', reservataire = '', version = '0'] = m;
  return {
    departement,
    siren,
    reservataire,
    version: Number(version),
    bailleurDir: `${root}/${departement}/${siren}`,
  };
}
