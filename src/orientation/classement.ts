/**
 * The ranking of the orientation aid (`convflux orient`): a pure function of each candidate's
 * position, so that the equity property test can drive it on generated years without files.
 *
 * A candidate is a réservataire whose convention covers the freed flat, or the bailleur itself
 * (`BAILLEUR`, the share of the flux no convention reserves: 1 − Σ parts), so that the parts of
 * the candidates of one flat sum to one and « follow the first suggestion » is defined for every
 * flat. Positions are counted in orientations (the aid controls orientations, not outcomes).
 */

/** The pseudo-candidate of the flux no convention reserves. */
export const BAILLEUR = 'bailleur';

/** A candidate's position in one contractual territory that covers the flat. */
export interface PositionTerritoire {
  /** e.g. `commune:93010`, `epci:200057875`, `departement:93`. */
  territoire: string;
  /** Its part of the flux in that territory. */
  part: number;
  /** Flats freed in that territory so far this year, this flat included. */
  flux: number;
  /** Flats already oriented to it in that territory this year (this flat excluded). */
  oriente: number;
}

export interface Candidat {
  id: string;
  /** Hard constraints (reasons); a candidate with one cannot receive the flat. */
  contraintes: string[];
  territoires: PositionTerritoire[];
  /** Indicative wishes the flat meets, and those it does not (tie-breakers). */
  voeux_satisfaits: number;
  /** True when orienting here would exceed the « effet filière » threshold of the programme. */
  filiere: boolean;
}

export interface CandidatClasse extends Candidat {
  /** 1 for the suggestion; candidates with a constraint come last, unranked (rang 0). */
  rang: number;
  /** Smallest gap over its territories: part × flux − oriente (positive: owed flats). */
  ecart: number;
}

/** Flats owed in one territory once this flat is counted (the quota minus what it got). */
export const ecartTerritoire = (p: PositionTerritoire): number => p.part * p.flux - p.oriente;

export const ecartCandidat = (c: Candidat): number =>
  c.territoires.length === 0 ? 0 : Math.min(...c.territoires.map(ecartTerritoire));

/**
 * Eligible candidates first, the one furthest below its dû first; among those within one flat of
 * the best gap, the indicative wishes met, then the residence mix (no « effet filière ») decide.
 */
export function classer(candidats: readonly Candidat[]): CandidatClasse[] {
  const notes = candidats.map((c) => ({ ...c, rang: 0, ecart: ecartCandidat(c) }));
  const eligibles = notes.filter((c) => c.contraintes.length === 0);
  const meilleur = Math.max(...eligibles.map((c) => c.ecart));
  const proche = (c: CandidatClasse): boolean => c.ecart > meilleur - 1;
  eligibles.sort(
    (a, b) =>
      Number(proche(b)) - Number(proche(a)) ||
      (proche(a) ? b.voeux_satisfaits - a.voeux_satisfaits : 0) ||
      (proche(a) ? Number(a.filiere) - Number(b.filiere) : 0) ||
      b.ecart - a.ecart ||
      a.id.localeCompare(b.id),
  );
  eligibles.forEach((c, i) => (c.rang = i + 1));
  return [...eligibles, ...notes.filter((c) => c.contraintes.length > 0)];
}
