/**
 * The ranking of the orientation aid (`convflux orient`): a pure function of each candidate's
 * position, so that the equity property test can drive it on generated years without files.
 *
 * A candidate is a réservataire whose convention covers the freed flat, or the bailleur itself
 * (`BAILLEUR`, the share of the flux no convention reserves: 1 − Σ parts), so that the parts of
 * the candidates of one flat sum to one and « follow the first suggestion » is defined for every
 * flat. Positions are counted in orientations (the aid controls orientations, not outcomes).
 *
 * The method is the one of proportionate-fair scheduling on one machine (Baruah et al., « Pfair »;
 * Tijdeman's chairman assignment problem, of which Balinski and Young's quota method is a
 * variant): the k-th flat owed to a candidate of part p falls due at the k/p-th flat of its
 * territory (rounded up), and the flat goes to the candidate whose next flat falls due first
 * among those below their upper quota (earliest deadline first). With parts summing to one, this
 * keeps everyone strictly within one flat of its dû after every flat. Wishes and the residence mix
 * may then move another candidate to the top, but only one whose choice provably leaves every
 * deadline reachable with one flat to spare, or as many as the earliest deadline leaves (`sur`):
 * the tie-break never costs the guarantee, nor the last flat of margin a constraint may yet take.
 */

/** The pseudo-candidate of the flux no convention reserves. */
export const BAILLEUR = 'bailleur';

/** Tolerance of the floating-point parts (0,3 × 10 is not exactly 3). */
const EPS = 1e-9;
/** The look-ahead of the safety check never goes beyond this many flats (parts ≥ 0,1 %). */
const HORIZON_MAX = 1000;
/**
 * Flats of margin a tie-break must leave (or as much as the earliest deadline leaves, when that
 * is less): a wish never spends the last flat of margin of the others, which a constraint may yet
 * take from them (on generated years, spending it was the commonest way a candidate barred from
 * the next flats fell two flats behind).
 */
const MARGE_VOEUX = 1;

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
  /**
   * Of those flats, the ones it could receive (no hard constraint), this flat included when it
   * can; absent: all of them.
   */
  recevables?: number;
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
  /**
   * Further flats of its territory it can see go elsewhere before its gap reaches one flat
   * (0: this one must come to it); the smallest over its territories.
   */
  attente?: number;
  /** Receiving the flat keeps it below its upper quota (its gap stays above −1 everywhere). */
  sous_quota?: boolean;
  /** Orienting the flat here leaves every candidate's next flat reachable in time. */
  sur?: boolean;
  /**
   * Why it comes first: `echeance` (its flat falls due first), `voeux`, `filiere`, or
   * `reservataire` (a réservataire rather than the bailleur, both safe).
   */
  motif?: 'echeance' | 'voeux' | 'filiere' | 'reservataire';
}

/** Flats owed in one territory once this flat is counted (the quota minus what it got). */
export const ecartTerritoire = (p: PositionTerritoire): number => p.part * p.flux - p.oriente;

export function ecartCandidat(c: Candidat): number {
  let min = Infinity;
  for (const t of c.territoires) min = Math.min(min, ecartTerritoire(t));
  return min === Infinity ? 0 : min;
}

/** The flat of its territory by which its next orientation falls due: ⌈(oriente + 1) / part⌉. */
const echeance = (p: PositionTerritoire, oriente = p.oriente): number =>
  p.part <= 0 ? Infinity : Math.ceil((oriente + 1) / p.part - EPS);

/** Further flats it can wait in one territory (0: it must receive this one). */
export const attenteTerritoire = (p: PositionTerritoire): number => echeance(p) - p.flux;

/**
 * Of the flats of its territory, the share it could receive so far (1 with no constraint met):
 * (recevables + 1) / (flux + 1), so that one constraint does not make it look never receivable.
 */
const recevabilite = (p: PositionTerritoire): number =>
  ((p.recevables ?? p.flux) + 1) / (p.flux + 1);

/**
 * How many flats it can expect to receive before its deadline in one territory: the flats it
 * can wait, times the share of them it can receive. Without constraints, the wait itself.
 */
const urgenceTerritoire = (p: PositionTerritoire): number => attenteTerritoire(p) * recevabilite(p);

/** The tightest of its territories: the smallest expected number of chances left. */
const attenteCandidat = (c: Candidat): number => {
  let min = Infinity;
  for (const t of c.territoires) min = Math.min(min, urgenceTerritoire(t));
  return min;
};

/** The territory whose deadline binds first (the one the look-ahead follows). */
function territoireLie(c: Candidat): PositionTerritoire | undefined {
  let lie: PositionTerritoire | undefined;
  for (const t of c.territoires) {
    if (lie === undefined || attenteTerritoire(t) < attenteTerritoire(lie)) lie = t;
  }
  return lie;
}

/**
 * Whether giving the flat to `choisi` leaves every deadline reachable, assuming the next flats
 * fall in the same territories (exact when every candidate is counted on one territory): for
 * every horizon h, the orientations falling due within the next h flats must not exceed h
 * (earliest-deadline-first meets every deadline exactly when this holds). Beyond the horizon
 * where every candidate's quota has caught up with what it got, the count cannot exceed h.
 * Returns the margin left, min over h ≥ 1 of h − (orientations due within h): the flats that
 * could still go to none of them without a deadline being missed; negative when one would be.
 */
function margeRestante(candidats: readonly Candidat[], choisi: string): number {
  const etats: { part: number; flux: number; oriente: number }[] = [];
  let horizon = 0;
  for (const c of candidats) {
    const t = territoireLie(c);
    if (t === undefined || t.part <= 0) continue;
    const oriente = t.oriente + (c.id === choisi ? 1 : 0);
    etats.push({ part: t.part, flux: t.flux, oriente });
    horizon = Math.max(horizon, Math.ceil((oriente - t.part * t.flux) / t.part) + 1);
  }
  horizon = Math.min(HORIZON_MAX, Math.max(1, horizon));
  let marge = Infinity;
  for (let h = 0; h <= horizon; h++) {
    let dus = 0;
    for (const e of etats) dus += Math.max(0, Math.floor(e.part * (e.flux + h) + EPS) - e.oriente);
    if (h === 0 && dus > 0) return -1;
    if (h > 0) marge = Math.min(marge, h - dus);
  }
  return marge;
}

/**
 * Below their upper quota first, by earliest deadline (fewest chances left); when nobody is
 * below it, the one that gets the least ahead (the largest gap) first.
 */
/**
 * Whether the look-ahead of `margeRestante` is exact: every candidate counted on the flat can
 * receive it, met no constraint this year, and all territories saw the same flats (same flux).
 * Otherwise a wish only breaks a true tie of deadlines.
 */
function memesFlats(candidats: readonly Candidat[]): boolean {
  const flux = candidats.find((c) => c.territoires.length > 0)?.territoires[0]?.flux;
  return candidats.every(
    (c) =>
      (c.contraintes.length === 0 || c.territoires.length === 0) &&
      c.territoires.every((t) => t.flux === flux && (t.recevables ?? t.flux) === t.flux),
  );
}

const parEcheance = (a: CandidatClasse, b: CandidatClasse): number =>
  Number(b.sous_quota) - Number(a.sous_quota) ||
  (a.sous_quota === true ? 0 : b.ecart - a.ecart) ||
  (a.attente ?? Infinity) - (b.attente ?? Infinity) ||
  b.ecart - a.ecart ||
  a.id.localeCompare(b.id);

/** Wishes, then no « effet filière », then a réservataire rather than the bailleur, then EDF. */
const parPreference = (a: CandidatClasse, b: CandidatClasse): number =>
  b.voeux_satisfaits - a.voeux_satisfaits ||
  Number(a.filiere) - Number(b.filiere) ||
  Number(a.id === BAILLEUR) - Number(b.id === BAILLEUR) ||
  parEcheance(a, b);

/** Why a candidate other than the earliest deadline comes first. */
const motifDepartage = (tete: Candidat, edf: Candidat): CandidatClasse['motif'] =>
  tete.voeux_satisfaits > edf.voeux_satisfaits
    ? 'voeux'
    : edf.filiere && !tete.filiere
      ? 'filiere'
      : edf.id === BAILLEUR && tete.id !== BAILLEUR
        ? 'reservataire'
        : 'echeance';

/**
 * Eligible candidates first. The suggestion is the candidate whose next flat falls due first
 * (earliest deadline, among those below their upper quota), unless another candidate within one
 * flat of the best gap meets more wishes (then: does not create an « effet filière »; then: is a
 * réservataire rather than the bailleur, who is never constrained and so keeps room to absorb
 * the flats no réservataire can take) and is `sur`: orienting the flat to it still leaves
 * everyone's deadline reachable, with one flat of margin to spare (or as much as the earliest
 * deadline leaves, `MARGE_VOEUX`). The rest follow in order of deadline; candidates with a
 * constraint come last, unranked.
 */
export function classer(candidats: readonly Candidat[]): CandidatClasse[] {
  const notes: CandidatClasse[] = candidats.map((c) => ({
    ...c,
    rang: 0,
    ecart: ecartCandidat(c),
    attente: attenteCandidat(c),
    sous_quota: c.territoires.length > 0 && c.territoires.every((t) => ecartTerritoire(t) > EPS),
    motif: 'echeance',
  }));
  const eligibles = notes.filter((c) => c.contraintes.length === 0).sort(parEcheance);
  const lookAheadExact = memesFlats(candidats);
  const marges = new Map(eligibles.map((c) => [c, margeRestante(candidats, c.id)]));
  for (const c of eligibles) c.sur = c.sous_quota === true && (marges.get(c) ?? -1) >= 0;
  const meilleur = Math.max(...eligibles.map((c) => c.ecart));
  const proche = (c: CandidatClasse): boolean => c.sur === true && c.ecart > meilleur - 1;
  const edf = eligibles[0];
  // The margin a wish must leave: one flat, or as much as the earliest deadline leaves.
  const margeMin = Math.min(MARGE_VOEUX, edf === undefined ? 0 : (marges.get(edf) ?? 0));
  const exact = (c: CandidatClasse): boolean => lookAheadExact || c.attente === edf?.attente;
  const departage = eligibles
    .filter((c) => c === edf || (proche(c) && (marges.get(c) ?? -1) >= margeMin && exact(c)))
    .sort(parPreference);
  // Still the bailleur: a réservataire takes the flat when that is safe, even without the margin
  // (the bailleur, never constrained, keeps room for the flats no réservataire can take).
  const reservataire =
    departage[0]?.id === BAILLEUR
      ? eligibles.find((c) => c.id !== BAILLEUR && proche(c) && exact(c))
      : undefined;
  const premier = reservataire ?? departage[0];
  const ordre =
    premier === undefined ? eligibles : [premier, ...eligibles.filter((c) => c !== premier)];
  const tete = ordre[0];
  if (tete !== undefined && edf !== undefined && tete !== edf)
    tete.motif = tete === reservataire ? 'reservataire' : motifDepartage(tete, edf);
  ordre.forEach((c, i) => (c.rang = i + 1));
  return [...ordre, ...notes.filter((c) => c.contraintes.length > 0)];
}
