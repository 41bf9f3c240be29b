/**
 * How a flat enters the flux of the conventions covering it in a period: once, whatever the
 * number of its liberations there — at its first liberation in the period, or its first letting
 * for the conventions that take first lettings (premiere-location.ts); not at all when the flat
 * is reserved in stock, and out of the assiette of a convention that excludes one of the motifs
 * it left the assiette for in the period. `evaluate` (the figures) and `orient` (the positions
 * of the orientation aid) both count the flux here.
 */
import { exclusionsAssiette } from '../convention/clauses.js';
import type { Logement } from '../flux/logement.js';
import {
  versionAt,
  type ConventionEntry,
  type ConventionIndex,
  type ConventionVersion,
} from './convention-index.js';
import { entreeDansLeFlux } from './premiere-location.js';

/** What the engine observed of one flat, as far as its flux goes. */
export interface ObservationsFlux {
  liberations: readonly string[];
  misesEnService: readonly string[];
  horsAssiette: readonly { date: string; motif: string }[];
}

/** One convention's flux entry of the flat in the period. */
export interface EntreeFlux {
  entry: ConventionEntry;
  /** The day it enters that convention's flux (its part is the one due that day). */
  date: string;
  version: ConventionVersion;
  /** Out of the convention's assiette in the period (counted apart, not in the flux). */
  horsAssiette: boolean;
}

const AUCUN: readonly string[] = [];

/** The flat's entries in the flux of the conventions covering it, in the period. */
export function entreesFlux(
  index: ConventionIndex,
  l: Logement,
  r: ObservationsFlux,
  dansPeriode: (date: string) => boolean,
): EntreeFlux[] {
  if (l.hors_flux !== undefined) return [];
  const liberation = r.liberations.find(dansPeriode);
  // Most flats have no first letting and no exclusion: no array is made for them.
  const misesEnService = r.misesEnService.length
    ? r.misesEnService.filter(dansPeriode)
    : r.misesEnService;
  if (liberation === undefined && misesEnService.length === 0) return [];
  const motifs = r.horsAssiette.length
    ? r.horsAssiette.filter((h) => dansPeriode(h.date)).map((h) => h.motif)
    : AUCUN;
  const out: EntreeFlux[] = [];
  for (const entry of index.covering(l)) {
    const date = entreeDansLeFlux(entry, liberation, misesEnService);
    if (date === undefined) continue;
    const version = versionAt(entry, date);
    if (!version) continue;
    out.push({ entry, date, version, horsAssiette: motifs.length > 0 && exclue(version, motifs) });
  }
  return out;
}

/**
 * Does a flat freed on `date` enter the flux of a convention covering it, one in force that day?
 * Not when every convention covering it has ended or not yet started: the flat is in no flux and
 * no réservataire awaits it, so no orientation is due (no VACANCE_SANS_ORIENTATION).
 */
export function libereDansUnFlux(index: ConventionIndex, l: Logement, date: string): boolean {
  return index.covering(l).some((entry) => versionAt(entry, date) !== undefined);
}

/** One of the motifs the flat left the assiette for is among the version's exclusions. */
function exclue(version: ConventionVersion, motifs: readonly string[]): boolean {
  const exclusions: readonly string[] = exclusionsAssiette(version.convention);
  return motifs.some((m) => exclusions.includes(m));
}
