/**
 * The residence's mix: the contingents of the last attributions of the flat's programme (parc
 * column `programme`), and whether orienting the flat to a candidate would let one contingent
 * hold more than the « effet filière » threshold of them (a parameter: `EFFET_FILIERE`).
 */
import { defautOutil } from '../convention/defauts.js';
import type { Logement } from '../flux/logement.js';
import type { AnneeOrientation, AttributionProgramme } from './annee-orientation.js';

export interface Filiere {
  /** Share of the last attributions one contingent may hold (0.5: more than half is flagged). */
  part: number;
  /** How many of the programme's last attributions are looked at. */
  fenetre: number;
}

/**
 * Default threshold, from the registry of defaults (« interprétation convflux », not a rule of
 * law): one contingent holding more than half of the last 10 attributions of the programme.
 * `--filiere-part` and `--filiere-fenetre` override it.
 */
export const EFFET_FILIERE: Filiere = {
  part: defautOutil('/orient/filiere_part'),
  fenetre: defautOutil('/orient/filiere_fenetre'),
};

export interface Residence {
  programme: string;
  seuil: Filiere;
  /** The last attributions, oldest first (at most `fenetre`). */
  dernieres: AttributionProgramme[];
  /** Of those, by contingent. */
  contingents: Record<string, number>;
  /** The contingent that already holds more than the threshold, if one does. */
  dominant?: string;
}

export function residence(
  annee: AnneeOrientation,
  l: Logement,
  seuil: Filiere,
): { resultat: Residence; depasserait: (candidat: string) => boolean } | undefined {
  if (l.programme === undefined) return undefined;
  const toutes = annee.programmes.get(l.programme) ?? [];
  toutes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const dernieres = toutes.slice(-seuil.fenetre);
  const contingents = compter(dernieres);
  const limite = seuil.part * seuil.fenetre;
  const resultat: Residence = { programme: l.programme, seuil, dernieres, contingents };
  const dominant = Object.entries(contingents).find(([, n]) => n > limite)?.[0];
  if (dominant !== undefined) resultat.dominant = dominant;
  // With this flat: the last fenetre − 1 attributions and this one.
  const avant = compter(seuil.fenetre > 1 ? toutes.slice(-(seuil.fenetre - 1)) : []);
  return { resultat, depasserait: (c) => (avant[c] ?? 0) + 1 > limite };
}

function compter(liste: readonly AttributionProgramme[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of liste) out[a.candidat] = (out[a.candidat] ?? 0) + 1;
  return out;
}
