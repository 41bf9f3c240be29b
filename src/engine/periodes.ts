/**
 * The year of an avenant (review I16): the periods of the year during which each version of a
 * convention was in force, and the flux, dû and réalisé each one saw. A liberation counts in the
 * flux and the dû of the version in force on its date; points count in the period of the event
 * that scored them (the version that decided it, `Score.version`). The periods' dû add up to the
 * year's dû: it is the pro rata of the flux each version saw, not a pro rata of days.
 */
import { addDays } from '../convention/calendar.js';
import type { ConventionEntry, ConventionVersion } from './convention-index.js';
import type { PeriodeVersion } from './evaluation.js';

export interface PeriodeEnVigueur {
  version: ConventionVersion;
  debut: string;
  fin: string;
}

/** Flux, dû, réalisé by version number (plain data: worker threads merge them). */
export type ParVersion = Record<number, [number, number, number]>;

/** The versions of `entry` in force between `debut` and `fin` (inclusive), with their dates. */
export function periodesEnVigueur(
  entry: ConventionEntry,
  debut: string,
  fin: string,
): PeriodeEnVigueur[] {
  const out: PeriodeEnVigueur[] = [];
  entry.versions.forEach((version, k) => {
    const c = version.convention;
    const suivante = entry.versions[k + 1]?.convention.date_effet;
    const de = [c.date_effet, c.duree.debut, debut].reduce((a, b) => (a > b ? a : b));
    const bornes = [c.duree.fin, fin];
    if (suivante !== undefined) bornes.push(addDays(suivante, -1));
    const a = bornes.reduce((x, y) => (x < y ? x : y));
    if (de <= a) out.push({ version, debut: de, fin: a });
  });
  return out;
}

export function noterPeriode(
  p: ParVersion,
  version: number,
  flux: number,
  du: number,
  realise: number,
): void {
  const row = (p[version] ??= [0, 0, 0]);
  row[0] += flux;
  row[1] += du;
  row[2] += realise;
}

export function fusionnerPeriodes(into: ParVersion, from: ParVersion): void {
  for (const [v, [flux, du, realise]] of Object.entries(from))
    noterPeriode(into, Number(v), flux, du, realise);
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * One row per version in force in the period, when there are at least two (the year of an
 * avenant); undefined otherwise (the convention's row says it all).
 */
export function periodesResultat(
  entry: ConventionEntry,
  p: ParVersion,
  debut: string,
  fin: string,
): PeriodeVersion[] | undefined {
  const periodes = periodesEnVigueur(entry, debut, fin);
  if (periodes.length < 2) return undefined;
  return periodes.map(({ version, debut: de, fin: a }) => {
    const [flux, du, realise] = p[version.convention.version] ?? [0, 0, 0];
    return {
      version: version.convention.version,
      debut: de,
      fin: a,
      part: version.convention.flux.part,
      flux,
      du: round(du),
      realise: round(realise),
    };
  });
}
