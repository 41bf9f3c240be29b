/**
 * First lettings (`mise_en_service`): whether a convention takes them into its flux follows its
 * key `/assiette/premiere_mise_en_location` in the version in force on the day of the first
 * letting (`flux` by default, CCH art. L. 441-1; `commission_coordination`: the flat stays in
 * stock, in no réservataire's flux, and joins the flux at its first liberation). The state machine
 * (which orientations open a cycle) and the aggregator (flux_annuel, du) both ask here, so the
 * figures and the text follow the same key.
 */
import { premiereLocationDansLeFlux } from '../convention/defauts-vie-logement.js';
import type { Logement } from '../flux/logement.js';
import { versionAt, type ConventionEntry, type ConventionIndex } from './convention-index.js';

/** The conventions (index numbers) taking the flat's first letting of `date` into their flux. */
export function fluxPremiereLocation(
  index: ConventionIndex,
  l: Logement,
  date: string,
): Set<number> {
  const out = new Set<number>();
  if (l.hors_flux !== undefined) return out;
  for (const entry of index.covering(l))
    if (prendPremiereLocation(entry, date)) out.add(entry.index);
  return out;
}

/** Does this convention's version in force at `date` take a first letting into its flux? */
export function prendPremiereLocation(entry: ConventionEntry, date: string): boolean {
  const v = versionAt(entry, date);
  return v !== undefined && premiereLocationDansLeFlux(v.convention);
}

/**
 * The day the flat enters this convention's flux in the period: its first liberation there, or
 * its first letting when the convention takes first lettings, whichever comes first.
 */
export function entreeDansLeFlux(
  entry: ConventionEntry,
  liberation: string | undefined,
  misesEnService: readonly string[],
): string | undefined {
  if (misesEnService.length === 0) return liberation;
  const premiere = misesEnService.find((d) => prendPremiereLocation(entry, d));
  if (premiere === undefined) return liberation;
  if (liberation === undefined) return premiere;
  return premiere < liberation ? premiere : liberation;
}
