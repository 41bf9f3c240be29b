/**
 * The sequential driver of the orientation aid: a year of freed flats, in order, oriented flat by
 * flat to the first suggestion of `classer`, with every candidate's deviation after each flat.
 * Pure (no files, no clock): the equity property test drives it, and the what-if « re-orient »
 * mode replays a year with it. `pointsHorsQuota` says, for any choices (followed or not), where a
 * deviation reaches one flat and which constraint is responsible.
 */
import { BAILLEUR, classer, type CandidatClasse, type Candidat } from './classement.js';

const EPS = 1e-9;
/** The territory of the bailleur's unreserved share when the flat does not name one. */
export const TERRITOIRE_BAILLEUR = 'bailleur';

/** One freed flat of the year. */
export interface LogementAnnee {
  id: string;
  /** Its candidates: réservataire id → the contractual territories where this flat counts for it. */
  territoires: Readonly<Record<string, readonly string[]>>;
  /** Hard constraints per candidate (reasons): that candidate cannot receive this flat. */
  contraintes?: Readonly<Record<string, readonly string[]>>;
  /** Indicative wishes this flat meets, per candidate. */
  voeux?: Readonly<Record<string, number>>;
  /** Candidates for which this flat would exceed the « effet filière » threshold. */
  filiere?: Readonly<Record<string, boolean>>;
}

export interface AnneeOrientation {
  /** Part of the flux of each réservataire; the bailleur's is the rest (1 − Σ parts of the flat). */
  parts: Readonly<Record<string, number>>;
  logements: readonly LogementAnnee[];
}

/** A candidate's account in one territory after a flat. */
export interface CompteTerritoire {
  reservataire: string;
  territoire: string;
  /** Σ part × flux: flats owed so far in that territory. */
  du: number;
  flux: number;
  /** Flats of the territory it could receive (no hard constraint). */
  recevables: number;
  oriente: number;
  /** du − oriente: positive when it is owed flats, negative when it got more than its share. */
  ecart: number;
}

export interface PasOrientation {
  logement: string;
  /** The first suggestion followed (null when every candidate had a constraint). */
  choix: string | null;
  classement: CandidatClasse[];
  /** The accounts of this flat's candidates in its territories, after the flat. */
  comptes: CompteTerritoire[];
  /** The largest |ecart| of every account of the year so far. */
  ecart_max: number;
}

/** Part of a candidate on one flat (the bailleur's: what the flat's réservataires leave). */
export function partSur(annee: AnneeOrientation, l: LogementAnnee, id: string): number {
  if (id !== BAILLEUR) return annee.parts[id] ?? 0;
  const reserve = Object.keys(l.territoires)
    .filter((c) => c !== BAILLEUR)
    .reduce((s, c) => s + (annee.parts[c] ?? 0), 0);
  return Math.max(0, 1 - reserve);
}

/** The candidates of a flat, the bailleur included, with their territory keys. */
export function candidatsDe(l: LogementAnnee): [string, readonly string[]][] {
  const liste = Object.entries(l.territoires);
  return l.territoires[BAILLEUR] === undefined
    ? [...liste, [BAILLEUR, [TERRITOIRE_BAILLEUR]]]
    : liste;
}

/** Running accounts per (candidate, territory), in orientations. */
export class Comptes {
  private readonly comptes = new Map<string, CompteTerritoire>();
  private max = 0;

  compte(reservataire: string, territoire: string): CompteTerritoire {
    const cle = `${reservataire}\u0000${territoire}`;
    let c = this.comptes.get(cle);
    if (c === undefined) {
      c = { reservataire, territoire, du: 0, flux: 0, recevables: 0, oriente: 0, ecart: 0 };
      this.comptes.set(cle, c);
    }
    return c;
  }

  /** Counts a flat in its candidates' territories (before it is oriented). */
  compter(annee: AnneeOrientation, l: LogementAnnee): CompteTerritoire[] {
    const touches: CompteTerritoire[] = [];
    for (const [id, territoires] of candidatsDe(l)) {
      const part = partSur(annee, l, id);
      for (const t of territoires) {
        const c = this.compte(id, t);
        c.du += part;
        c.flux += 1;
        if ((l.contraintes?.[id] ?? []).length === 0) c.recevables += 1;
        touches.push(c);
      }
    }
    return touches;
  }

  /** Records the orientation and refreshes the gaps of the flat's accounts. */
  orienter(touches: readonly CompteTerritoire[], choix: string | null): number {
    for (const c of touches) {
      if (c.reservataire === choix) c.oriente += 1;
      c.ecart = c.du - c.oriente;
      this.max = Math.max(this.max, Math.abs(c.ecart));
    }
    return this.max;
  }
}

/** The candidates of a flat as `classer` sees them, from the accounts before it is oriented. */
export function candidatsClasser(
  annee: AnneeOrientation,
  l: LogementAnnee,
  comptes: Comptes,
): Candidat[] {
  return candidatsDe(l).map(([id, territoires]) => ({
    id,
    contraintes: [...(l.contraintes?.[id] ?? [])],
    territoires: territoires.map((t) => {
      const c = comptes.compte(id, t);
      return {
        territoire: t,
        part: c.flux > 0 ? c.du / c.flux : 0,
        flux: c.flux,
        oriente: c.oriente,
        recevables: c.recevables,
      };
    }),
    voeux_satisfaits: l.voeux?.[id] ?? 0,
    filiere: l.filiere?.[id] ?? false,
  }));
}

/** Orients the year flat by flat to the first suggestion; the deviations after each flat. */
export function orienterAnnee(annee: AnneeOrientation): PasOrientation[] {
  const comptes = new Comptes();
  return annee.logements.map((l) => {
    const touches = comptes.compter(annee, l);
    const classement = classer(candidatsClasser(annee, l, comptes));
    const premier = classement[0];
    const choix = premier !== undefined && premier.rang === 1 ? premier.id : null;
    const ecart_max = comptes.orienter(touches, choix);
    return {
      logement: l.id,
      choix,
      classement,
      comptes: touches.map((c) => ({ ...c })),
      ecart_max,
    };
  });
}

/** A flat, a candidate and the reasons it could not receive it. */
export interface ContrainteEnCause {
  logement: string;
  reservataire: string;
  raisons: readonly string[];
}

/** A point of the year where one account is one flat or more away from its dû. */
export interface PointHorsQuota {
  /** Index of the flat in the year (0-based) and its id: the account is read after it. */
  indice: number;
  logement: string;
  reservataire: string;
  territoire: string;
  ecart: number;
  /**
   * The hard constraints responsible: for a shortfall, those that kept this candidate from the
   * flats of the territory since it last received one; for an excess, those that kept the
   * others from the flat that pushed it over.
   */
  contraintes: ContrainteEnCause[];
  /** No constraint explains it: the competition between nested territories does. */
  imbrication: boolean;
}

interface Trace {
  /** Flat indices of the account's territory, and which of them it received. */
  flats: number[];
  dernierRecu: number;
}

function causes(
  annee: AnneeOrientation,
  choix: readonly (string | null)[],
  trace: Trace,
  reservataire: string,
  ecart: number,
): ContrainteEnCause[] {
  const enCause = (i: number, qui: (id: string) => boolean): ContrainteEnCause[] => {
    const l = annee.logements[i];
    if (l === undefined) return [];
    return Object.entries(l.contraintes ?? {})
      .filter(([id, r]) => r.length > 0 && qui(id))
      .map(([id, raisons]) => ({ logement: l.id, reservataire: id, raisons }));
  };
  if (ecart > 0) {
    return trace.flats
      .filter((i) => i > trace.dernierRecu)
      .flatMap((i) => enCause(i, (id) => id === reservataire));
  }
  const recu = trace.flats.filter((i) => choix[i] === reservataire).at(-1);
  return recu === undefined ? [] : enCause(recu, (id) => id !== reservataire);
}

/**
 * Every point where an account reaches one flat of deviation, given the year and the choices
 * made (one per flat, null when none), with the constraints responsible.
 */
export function pointsHorsQuota(
  annee: AnneeOrientation,
  choix: readonly (string | null)[],
): PointHorsQuota[] {
  const comptes = new Comptes();
  const traces = new Map<CompteTerritoire, Trace>();
  const points: PointHorsQuota[] = [];
  annee.logements.forEach((l, indice) => {
    const touches = comptes.compter(annee, l);
    const qui = choix[indice] ?? null;
    comptes.orienter(touches, qui);
    for (const c of touches) {
      const trace = traces.get(c) ?? { flats: [], dernierRecu: -1 };
      traces.set(c, trace);
      trace.flats.push(indice);
      if (qui === c.reservataire) trace.dernierRecu = indice;
      if (Math.abs(c.ecart) < 1 - EPS) continue;
      const contraintes = causes(annee, choix, trace, c.reservataire, c.ecart);
      const { reservataire, territoire, ecart } = c;
      points.push({
        indice,
        logement: l.id,
        reservataire,
        territoire,
        ecart,
        contraintes,
        imbrication: contraintes.length === 0,
      });
    }
  });
  return points;
}
