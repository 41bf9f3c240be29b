/**
 * The dated versions of a cotation grid (rules/cotation/<SIREN>/v<N>.yaml): each version applies
 * from its `en_vigueur_le` to the day before the next one's. `check` requires the dates to
 * increase with the versions; `cotation` scores only with the version in force on its date.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isIsoDate } from '../../convention/calendar.js';
import type { Lang } from '../../diagnostics/diagnostic.js';
import { loadYamlFileFast } from '../../source/load-yaml-file.js';
import type { CheckedFile } from '../check-convention.js';
import type { CotationLayout } from '../cotation-layout.js';
import type { Emit } from '../corpus-checks.js';

/** What the versions' check reads of a grid that passed its own checks. */
export interface VersionDeGrille {
  siren: string;
  version: number;
  en_vigueur_le: string;
}

type AvecGrille = CheckedFile & { grille: VersionDeGrille };

/** Across the files: the versions of each EPCI's grid come into force in their order. */
export function checkVersionsDeGrilles(files: readonly CheckedFile[], emit: Emit): void {
  const parEpci = new Map<string, AvecGrille[]>();
  for (const f of files) {
    if (!f.grille) continue;
    const liste = parEpci.get(f.grille.siren) ?? [];
    liste.push(f as AvecGrille);
    parEpci.set(f.grille.siren, liste);
  }
  for (const versions of parEpci.values()) {
    versions.sort((a, b) => a.grille.version - b.grille.version);
    for (let k = 1; k < versions.length; k++) {
      const p = versions[k - 1]?.grille;
      const cur = versions[k];
      if (!p || !cur || cur.grille.version === p.version) continue;
      if (cur.grille.en_vigueur_le <= p.en_vigueur_le)
        emit(
          cur,
          'COTATION_VERSION_DATE_ORDRE',
          {
            version: cur.grille.version,
            date: cur.grille.en_vigueur_le,
            precedente: p.version,
            datePrecedente: p.en_vigueur_le,
          },
          '/en_vigueur_le',
        );
    }
  }
}

/** A later version of the grid, in force on the scoring date: the one that applies. */
export interface VersionSuivante {
  version: number;
  en_vigueur_le: string;
  /** Its file, as the grid's own is shown. */
  fichier: string;
}

const FICHIER_VERSION = /^v([0-9]+)\.ya?ml$/i;

/**
 * The latest version after `layout.version`, in the grid's folder, already in force on `date`
 * (its `en_vigueur_le` on or before it); undefined when there is none. A sibling that cannot be
 * read or has no date is left to `check`.
 */
export async function versionSuivanteEnVigueur(
  grillePath: string,
  grilleFichier: string,
  layout: CotationLayout,
  date: string,
  lang: Lang,
): Promise<VersionSuivante | undefined> {
  const dossier = dirname(grillePath);
  let noms: string[];
  try {
    noms = await readdir(dossier);
  } catch {
    return undefined;
  }
  let trouvee: VersionSuivante | undefined;
  for (const nom of noms) {
    const version = Number(FICHIER_VERSION.exec(nom)?.[1] ?? Number.NaN);
    if (!(version > layout.version) || (trouvee && version <= trouvee.version)) continue;
    const path = join(dossier, nom);
    const fichier = join(dirname(grilleFichier), nom);
    const data: unknown = (await loadYamlFileFast(path, fichier, lang)).data;
    const date_ =
      typeof data === 'object' && data !== null
        ? (data as Record<string, unknown>)['en_vigueur_le']
        : undefined;
    if (typeof date_ !== 'string' || !isIsoDate(date_) || date_ > date) continue;
    trouvee = { version, en_vigueur_le: date_, fichier };
  }
  return trouvee;
}
