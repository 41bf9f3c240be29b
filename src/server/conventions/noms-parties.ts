/**
 * The parties' names as the convention's own text states them (`bailleur.nom`,
 * `reservataire.nom`): what a party of the convention may read of the other, whatever it may read
 * of the other organisation's record (never consulted here).
 */
import { donneesYaml } from '../../source/yaml-lib.js';

export interface NomsParties {
  bailleur_nom: string | null;
  reservataire_nom: string | null;
}

function nom(data: Record<string, unknown> | null, cle: string): string | null {
  const o = data?.[cle];
  if (typeof o !== 'object' || o === null) return null;
  const n = (o as { nom?: unknown }).nom;
  return typeof n === 'string' && n.trim() !== '' ? n.trim() : null;
}

/** The names in a version's YAML (null when the text does not give one or does not parse). */
export function nomsParties(yaml: string | undefined): NomsParties {
  let data: Record<string, unknown> | null = null;
  try {
    data = yaml ? (donneesYaml(yaml) as typeof data) : null;
  } catch {
    data = null;
  }
  return { bailleur_nom: nom(data, 'bailleur'), reservataire_nom: nom(data, 'reservataire') };
}
