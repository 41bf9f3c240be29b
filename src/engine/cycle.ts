/**
 * The life of one flat over the events of the period: vacancy, orientation to a réservataire
 * (a cycle), designation delay, CALEOL, refusals, lease, reprise. The state machine only keeps
 * the books: every choice that depends on a convention is asked, as facts, to that convention's
 * rules (json-rules-engine or its compiled form), so explanations come from the rules.
 *
 * It is a generator: it yields each decision request and receives the decisions, so the same
 * code runs synchronously on the hot path and asynchronously with json-rules-engine.
 */
import { addDays, echeance, parseDelai, type Delai } from '../convention/calendar.js';
import type { Exclusion } from '../convention/convention.js';
import type { ParamValue } from '../diagnostics/diagnostic.js';
import type { Contingent, Evenement } from '../flux/evenement.js';
import type { Logement } from '../flux/logement.js';
import {
  lastVersionBefore,
  versionAt,
  type ConventionEntry,
  type ConventionIndex,
  type ConventionVersion,
} from './convention-index.js';
import { rejetContingent } from './agents.js';
import type { Decision, DecisionFacts } from './decide.js';
import type { PublicAttribution } from './evaluation.js';
import { alertePublic, publicsComptes } from './publics.js';
import { fluxPremiereLocation } from './premiere-location.js';
import { libereDansUnFlux } from './entree-flux.js';
import { enCours, type EnCours } from './en-cours.js';
import { congeDe, delaiDepuisConge, liberationAttendue, type CongeEnCours } from './conge.js';

export interface EvenementLu extends Evenement {
  /** Line in the events file. */
  line: number;
}

/** What a cycle counts, in the order results list them. */
export const COMPTEURS = [
  'orientations',
  'designations',
  'attributions',
  'baux',
  'refus_candidat',
  'refus_caleol',
  'refus_reservataire',
  'refus_bailleur',
  'reprises',
  'ajournements',
] as const;

export type Compteur = (typeof COMPTEURS)[number];

/** A change of a cycle's points, dated, with the rule and clause that caused it. */
export interface Score {
  entry: number;
  date: string;
  points: number;
  rule: string;
  cle: string;
  version: number;
  line: number;
  /** Scored for a contingent within the part (the État's agents, I6). */
  contingent?: Contingent;
  /** The cycle held points scored provisionally at the end of an earlier year (I13). */
  regularisation?: true;
}

export interface Comptage {
  entry: number;
  compteur: Compteur;
  date: string;
  /** attributions: the public flags counted (I7). */
  publics?: readonly PublicAttribution[];
}

export interface AlerteBrute {
  code: string;
  /** Convention index, when the alert concerns one. */
  entry?: number;
  date: string;
  line: number;
  params: Record<string, ParamValue>;
}

export interface RejetBrut {
  line: number;
  code: string;
  params: Record<string, ParamValue>;
  /** The field at fault (JSON pointer), when one is. */
  pointeur?: string;
}

export interface EtapeTrace {
  line: number;
  date: string;
  type: string;
  entry?: number;
  version?: number;
  file?: string;
  decisions: Decision[];
  /** Points of this step that regularise an earlier year's provisional points (I13). */
  regularisation?: number;
  /** The cycle's points after the event. */
  points?: number;
  alertes: string[];
  /** The event's row is rejected, not read (RESERVATAIRE_INCONNU…): its code and words' parameters. */
  rejet?: { code: string; params: Record<string, ParamValue> };
  /** Days since the tenant's notice, while the flat's life since that congé goes on. */
  depuis_conge?: { conge: string; jours: number };
  /** The contingent the cycle's designation carries (the État's agents, I6). */
  contingent?: Contingent;
}

export type Mode = 'libre' | 'reservataire' | 'reprise' | 'hors_assiette' | 'stock' | 'occupe';

export interface HorsCycle {
  date: string;
  type: 'attribution' | 'bail';
  mode: Mode;
  motif?: Exclusion;
}

export interface FlatResult {
  scores: Score[];
  comptages: Comptage[];
  alertes: AlerteBrute[];
  rejets: RejetBrut[];
  liberations: string[];
  horsAssiette: { date: string; motif: Exclusion }[];
  misesEnService: string[];
  horsCycle: HorsCycle[];
  trace?: EtapeTrace[];
  /** Delays still running at the evaluation date (the échéancier's input). */
  en_cours?: EnCours;
}

export interface SuiviOptions {
  /** Evaluation date: events after it are not given; open cycles score at this date. */
  date: string;
  /** A freed flat not oriented within this delay raises VACANCE_SANS_ORIENTATION. */
  vacanceMax: Delai;
  trace: boolean;
  /**
   * Start from this state (the flat's earlier events already run, with the same `vacanceMax`)
   * instead of the initial one: `events` are the ones that follow them, the results are theirs.
   * Not with `trace`.
   */
  reprise?: EtatSuivi;
  /** Receives the state once `events` are run, before the evaluation date's steps. */
  capture?: (etat: EtatSuivi) => void;
}

export interface DecisionRequest {
  version: ConventionVersion;
  facts: DecisionFacts;
}

interface Cycle {
  entry: ConventionEntry;
  reservataire: string;
  /** Designation deadline while a designation is awaited. */
  echeance?: string;
  /** Day the running designation delay started. */
  depuis?: string;
  /** Line of the event that started the running delay. */
  delaiLine: number;
  designe: boolean;
  attribue: boolean;
  compte: boolean;
  points: number;
  ferme: boolean;
  expire: boolean;
  horsDuree: boolean;
  /** CYCLE_OUVERT_APRES_FIN was raised (a year-end or the evaluation date after the end). */
  ouvertApresFin: boolean;
  /** The first notification of the flat to the réservataire was recorded. */
  notifie: boolean;
  /** The contingent of the last designation (undefined: the part itself). */
  contingent?: Contingent;
  /** Points scored provisionally at the end of an earlier year, still standing (I13); else 0. */
  report: number;
  /** The end of a cycle holding `report` points was decided (`fin_cycle`). */
  solde: boolean;
}

type Gen<T> = Generator<DecisionRequest, T, Decision[]>;

type Vacance = { date: string; line: number; conge?: string; premiere?: true };

/**
 * The state machine's books after some events of a flat (`capture`), to run its next events
 * from there (`reprise`) rather than replay its history: a classification carried forward.
 * Not the results already given (the machine only appends to them): a run from a state returns
 * those of its own events. Opaque to callers; copied at each use (a run changes its cycles).
 */
export interface EtatSuivi {
  readonly mode: Mode;
  readonly motif: Exclusion | undefined;
  readonly cycle: Cycle | undefined;
  readonly vacant: Vacance | undefined;
  readonly premiere: ReadonlySet<number> | undefined;
  readonly conge: CongeEnCours<Cycle> | undefined;
  readonly dernierConge: string | undefined;
  readonly annee: number;
}

/** A copy that shares nothing a run changes (a cycle referred to twice stays one object). */
function copierEtat(e: EtatSuivi): EtatSuivi {
  const cycle = e.cycle && { ...e.cycle };
  const anticipe = e.conge?.anticipe;
  const copie = (c: Cycle) => (c === e.cycle && cycle ? cycle : { ...c });
  return {
    ...e,
    cycle,
    vacant: e.vacant && { ...e.vacant },
    conge: e.conge && {
      ...e.conge,
      ...(anticipe ? { anticipe: copie(anticipe) } : {}),
    },
  };
}

export function* suivreLogement(
  l: Logement,
  events: readonly EvenementLu[],
  index: ConventionIndex,
  opts: SuiviOptions,
): Gen<FlatResult> {
  const depart = opts.reprise && copierEtat(opts.reprise);
  const r: FlatResult = {
    scores: [],
    comptages: [],
    alertes: [],
    rejets: [],
    liberations: [],
    horsAssiette: [],
    misesEnService: [],
    horsCycle: [],
  };
  if (opts.trace) r.trace = [];
  const stock = l.hors_flux !== undefined;
  let mode: Mode = depart?.mode ?? (stock ? 'stock' : 'libre');
  let motif: Exclusion | undefined = depart?.motif;
  let cycle: Cycle | undefined = depart?.cycle;
  /** A vacancy waiting for its orientation: since a liberation, or a first letting (`premiere`). */
  let vacant: Vacance | undefined = depart?.vacant;
  /** From a first letting to the first liberation: the conventions that take it into their flux. */
  let premiere: ReadonlySet<number> | undefined = depart?.premiere;
  /** The notice being served; the date of the last congé, until the flat is let again. */
  let conge: CongeEnCours<Cycle> | undefined = depart?.conge;
  let dernierConge: string | undefined = depart?.dernierConge;
  let step: EtapeTrace | undefined;

  const alert = (
    code: string,
    date: string,
    line: number,
    params: Record<string, ParamValue>,
    entry?: ConventionEntry,
  ): void => {
    const a: AlerteBrute = { code, date, line, params: { logement: l.logement, date, ...params } };
    if (entry) a.entry = entry.index;
    r.alertes.push(a);
    step?.alertes.push(code);
  };
  const rejeter = (rejet: RejetBrut): void => {
    r.rejets.push(rejet);
    if (step) step.rejet = { code: rejet.code, params: rejet.params };
  };
  const count = (
    c: Cycle,
    compteur: Compteur,
    date: string,
    publics?: readonly PublicAttribution[],
  ): void => {
    const k: Comptage = { entry: c.entry.index, compteur, date };
    if (publics?.length) k.publics = publics;
    r.comptages.push(k);
  };

  function* decide(
    c: Cycle,
    evenement: DecisionFacts['evenement'],
    date: string,
    line: number,
  ): Gen<void> {
    let version = versionAt(c.entry, date);
    if (!version) {
      version = lastVersionBefore(c.entry, date) ?? c.entry.versions[0];
      // At a 31 December or the evaluation date no event happens: the cycle is still open (said
      // once, unless an event after the end was flagged already). An event after the end is
      // flagged once too, even after that: an event of a later year is flagged in its year.
      if (evenement.type === 'evaluation') {
        if (!c.ouvertApresFin && !c.horsDuree) {
          c.ouvertApresFin = true;
          alert(
            'CYCLE_OUVERT_APRES_FIN',
            date,
            c.delaiLine,
            { convention: c.entry.id, fin: version?.convention.duree.fin ?? '' },
            c.entry,
          );
        }
      } else if (!c.horsDuree) {
        c.horsDuree = true;
        alert('EVENEMENT_APRES_FIN', date, line, { convention: c.entry.id }, c.entry);
      }
    }
    if (!version) return;
    const decisions = yield {
      version,
      facts: { evenement, cycle: { attribue: c.attribue, compte: c.compte } },
    };
    if (step) {
      step.entry = c.entry.index;
      if (c.contingent) step.contingent = c.contingent;
      step.version = version.convention.version;
      step.file = version.file;
      step.decisions.push(...decisions);
    }
    const setPoints = (vise: number, d: Decision): void => {
      // Only the end of the cycle (`regulariser`) decides whether earlier provisional points go.
      const points =
        c.report > 0 && d.params.action !== 'regulariser' ? Math.max(vise, c.report) : vise;
      if (points === c.points) return;
      const score: Score = {
        entry: c.entry.index,
        date,
        points: points - c.points,
        rule: d.rule,
        cle: d.params.cle,
        version: version.convention.version,
        line,
      };
      if (c.contingent) score.contingent = c.contingent;
      if (c.report > 0) {
        score.regularisation = true;
        if (step) step.regularisation = (step.regularisation ?? 0) + score.points;
      }
      r.scores.push(score);
      c.points = points;
    };
    for (const d of decisions) {
      const p = d.params;
      switch (p.action) {
        case 'annuler':
          setPoints(0, d);
          c.compte = false;
          c.attribue = false;
          break;
        case 'ouvrir':
        case 'relancer': {
          const delai = parseDelai(p.delai ?? '');
          c.designe = false;
          c.expire = false;
          c.echeance = delai ? echeance(date, delai) : undefined;
          c.depuis = date;
          c.delaiLine = line;
          break;
        }
        case 'designer':
          c.designe = true;
          c.echeance = undefined;
          break;
        case 'compter':
          setPoints(p.points, d);
          c.compte = true;
          break;
        case 'clore':
          if (!c.compte) {
            setPoints(p.points, d);
            c.compte = p.points !== 0;
          }
          c.ferme = true;
          break;
        case 'signaler':
          c.echeance = undefined;
          c.expire = true;
          break;
        case 'provisoire':
          if (!c.compte) setPoints(p.points, d);
          break;
        case 'regulariser':
          setPoints(Math.min(c.report, p.points), d);
          break;
        case 'terminer':
        case 'reprendre':
          c.ferme = true;
          break;
      }
    }
  }

  /**
   * Whether `lapse(date)` or `solder(c)` has anything to do: checked before delegating to them,
   * so that an event with nothing to lapse or settle builds no generator (most events).
   */
  const expire = (date: string): boolean =>
    cycle !== undefined && !cycle.ferme && cycle.echeance !== undefined && date > cycle.echeance;
  const aSolder = (c: Cycle | undefined): boolean =>
    c !== undefined && c.ferme && !c.compte && c.report !== 0 && !c.solde;

  /** The designation delay lapsed before `date`: DESIGNATION_HORS_DELAI, then a_expiration. */
  function* lapse(date: string): Gen<void> {
    const c = cycle;
    if (!c || !expire(date) || c.echeance === undefined) return;
    const jour = addDays(c.echeance, 1);
    // The lapse is a step of its own in explanations, dated the day after the deadline.
    const outer = step;
    if (r.trace) {
      step = { line: c.delaiLine, date: jour, type: 'expiration', decisions: [], alertes: [] };
      r.trace.push(step);
    }
    alert(
      'DESIGNATION_HORS_DELAI',
      jour,
      c.delaiLine,
      { reservataire: c.reservataire, echeance: c.echeance, convention: c.entry.id },
      c.entry,
    );
    c.expire = true;
    yield* decide(c, { type: 'expiration' }, jour, c.delaiLine);
    yield* solder(c, jour, c.delaiLine);
    if (step) step.points = c.points;
    step = outer;
  }

  /**
   * A cycle that held provisional points of an earlier year ended without its fait générateur:
   * the rules say whether those points stay or go (a negative regularisation), once.
   */
  function* solder(c: Cycle | undefined, date: string, line: number): Gen<void> {
    if (!c || !aSolder(c)) return;
    c.solde = true;
    yield* decide(c, { type: 'fin_cycle' }, date, line);
  }

  /**
   * 31 December of a year before the one evaluated, crossed between two events: what the
   * evaluation of that year did at its date (lapse, provisional points, vacancy), so that the
   * earlier year's figures are those its own evaluation gave and the provisional points it
   * scored are known to the cycle (scored again later as a difference only).
   */
  function* finAnnee(annee: number): Gen<void> {
    const jour = `${String(annee)}-12-31`;
    step = undefined;
    if (expire(jour)) yield* lapse(jour);
    const c = open();
    if (c) {
      if (r.trace) {
        step = { line: 0, date: jour, type: 'fin_annee', decisions: [], alertes: [] };
        r.trace.push(step);
      }
      yield* decide(c, { type: 'evaluation' }, jour, 0);
      if (!c.compte) c.report = c.points;
      if (step) step.points = c.points;
    }
    if (vacant && echeance(vacant.date, opts.vacanceMax) < jour)
      if (vacant.premiere) vacance(vacant, jour, vacant.line);
      else alert('VACANCE_SANS_ORIENTATION', jour, vacant.line, { liberation: vacant.date });
  }

  const open = (): Cycle | undefined => (cycle && !cycle.ferme ? cycle : undefined);

  let annee = depart?.annee ?? 0;
  for (const e of events) {
    step = undefined;
    const y = Number(e.date.slice(0, 4));
    if (annee !== 0) for (; annee < y; annee++) yield* finAnnee(annee);
    annee = y;
    step = undefined;
    if (expire(e.date)) yield* lapse(e.date);
    if (r.trace) {
      step = { line: e.line, date: e.date, type: e.type, decisions: [], alertes: [] };
      if (dernierConge) step.depuis_conge = delaiDepuisConge(dernierConge, e.date);
      r.trace.push(step);
    }
    const c = open();
    const ap = alertePublic(e, l, c !== undefined);
    if (ap) alert(ap.code, e.date, e.line, ap.params, c?.entry);
    // The bailleur lets the flat itself (its own share, a reprise): it is no longer waiting.
    if (e.type === 'caleol' || e.type === 'bail_signe' || e.type === 'reprise') {
      vacant = undefined;
      if (conge) conge.traite = true;
    }
    switch (e.type) {
      case 'liberation': {
        // A cycle opened « dès le congé » goes on: the flat was oriented before it was freed.
        const garde = conge?.anticipe && !conge.anticipe.ferme ? conge.anticipe : undefined;
        if (c && c !== garde) c.ferme = true;
        cycle = garde;
        mode = stock ? 'stock' : garde ? 'reservataire' : 'libre';
        motif = undefined;
        // Freed outside every convention's term: in no flux, no orientation awaited.
        vacant =
          stock || conge?.traite || !libereDansUnFlux(index, l, e.date)
            ? undefined
            : { date: e.date, line: e.line, ...(conge ? { conge: conge.date } : {}) };
        premiere = undefined;
        conge = undefined;
        r.liberations.push(e.date);
        break;
      }
      case 'conge':
        if (stock) break;
        conge = congeDe(e);
        dernierConge = e.date;
        break;
      case 'retrait_conge':
        if (!conge) {
          rejeter({
            line: e.line,
            code: 'RETRAIT_CONGE_SANS_CONGE',
            params: { logement: l.logement },
          });
          break;
        }
        if (conge.anticipe) retirer(conge.anticipe, e);
        conge = undefined;
        dernierConge = undefined;
        mode = 'occupe';
        break;
      case 'notification':
        if (!c || (e.reservataire !== undefined && e.reservataire !== c.reservataire)) {
          rejeter({
            line: e.line,
            code: 'NOTIFICATION_HORS_CYCLE',
            params: { logement: l.logement, reservataire: e.reservataire ?? '—' },
          });
          break;
        }
        // Only the first notification of a cycle, before any designation, starts a delay.
        if (c.notifie || c.designe) break;
        c.notifie = true;
        yield* decide(c, { type: 'notification' }, e.date, e.line);
        break;
      case 'mise_en_service':
        r.misesEnService.push(e.date);
        premiere = fluxPremiereLocation(index, l, e.date);
        // In no convention's flux: kept in stock (commission de coordination) until freed.
        mode = premiere.size ? 'libre' : 'stock';
        vacant = premiere.size ? { date: e.date, line: e.line, premiere: true } : undefined;
        break;
      case 'hors_assiette':
        if (c) c.ferme = true;
        mode = 'hors_assiette';
        motif = e.motif;
        vacant = undefined;
        if (e.motif) r.horsAssiette.push({ date: e.date, motif: e.motif });
        break;
      case 'orientation': {
        const reservataire = e.reservataire ?? '';
        if (stock) {
          alert('ORIENTATION_LOGEMENT_STOCK', e.date, e.line, {
            reservataire,
            hors_flux: l.hors_flux ?? '',
          });
          break;
        }
        const found = index.find(l, reservataire, e.date);
        if (!found.ok) {
          if (found.raison === 'inconnu') {
            const illisible = index.illisible(reservataire);
            rejeter({
              line: e.line,
              code: index.knows(reservataire)
                ? 'SANS_CONVENTION'
                : index.nonSigne(reservataire)
                  ? 'RESERVATAIRE_NON_SIGNE'
                  : illisible !== undefined
                    ? 'RESERVATAIRE_CONVENTION_ILLISIBLE'
                    : 'RESERVATAIRE_INCONNU',
              params: {
                reservataire,
                bailleur: l.bailleur,
                commune: l.commune,
                ...(illisible !== undefined ? { fichier: illisible } : {}),
              },
              // The row's réservataire is at fault, not the row (a live post's caller is told which
              // field to correct; it pointed at the whole event until 5 December 2026).
              pointeur: '/reservataire',
            });
          } else
            alert(
              found.raison === 'apres_fin' ? 'EVENEMENT_APRES_FIN' : 'EVENEMENT_AVANT_DEBUT',
              e.date,
              e.line,
              { convention: found.entry?.id ?? '' },
              found.entry,
            );
          break;
        }
        if (premiere && !premiere.has(found.entry.index)) {
          alert(
            'ORIENTATION_PREMIERE_LOCATION_HORS_FLUX',
            e.date,
            e.line,
            { reservataire, convention: found.entry.id },
            found.entry,
          );
          break;
        }
        if (c) {
          if (c.entry === found.entry) {
            alert('ORIENTATION_EN_DOUBLE', e.date, e.line, { reservataire }, c.entry);
            break;
          }
          if (!c.expire)
            alert(
              'REORIENTATION_AVANT_EXPIRATION',
              e.date,
              e.line,
              { reservataire: c.reservataire, nouveau: reservataire },
              c.entry,
            );
          c.ferme = true;
          if (aSolder(c)) yield* solder(c, e.date, e.line);
        }
        if (vacant && echeance(vacant.date, opts.vacanceMax) < e.date)
          vacance(vacant, e.date, e.line);
        vacant = undefined;
        mode = 'reservataire';
        cycle = {
          entry: found.entry,
          reservataire,
          delaiLine: e.line,
          designe: false,
          attribue: false,
          compte: false,
          points: 0,
          ferme: false,
          expire: false,
          horsDuree: false,
          ouvertApresFin: false,
          notifie: false,
          report: 0,
          solde: false,
        };
        if (conge) {
          conge.anticipe = cycle;
          conge.traite = true;
        }
        count(cycle, 'orientations', e.date);
        yield* decide(cycle, { type: 'orientation' }, e.date, e.line);
        break;
      }
      case 'designation':
        if (!c || c.reservataire !== e.reservataire) {
          alert('DESIGNATION_HORS_CYCLE', e.date, e.line, {
            reservataire: e.reservataire ?? '',
          });
          break;
        }
        {
          const rejet = rejetContingent(c.entry, e);
          if (rejet) {
            rejeter(rejet);
            break;
          }
        }
        c.contingent = e.contingent;
        count(c, 'designations', e.date);
        yield* decide(c, { type: 'designation' }, e.date, e.line);
        break;
      case 'caleol':
        if (!c) {
          if (e.decision === 'attribution') r.horsCycle.push(horsCycle('attribution', e.date));
          break;
        }
        if (e.decision === 'attribution') {
          if (!c.designe)
            alert(
              'EVENEMENT_DESORDONNE',
              e.date,
              e.line,
              { avant: 'designation', apres: 'caleol' },
              c.entry,
            );
          count(c, 'attributions', e.date, publicsComptes(e, l));
        } else if (e.decision === 'refus') count(c, 'refus_caleol', e.date);
        else if (e.decision === 'ajournement') count(c, 'ajournements', e.date);
        yield* decide(c, { type: 'caleol', decision: e.decision }, e.date, e.line);
        if (e.decision === 'attribution') c.attribue = true;
        break;
      case 'refus':
        if (!c) {
          if (e.par === 'reservataire')
            alert('EVENEMENT_HORS_CYCLE', e.date, e.line, { type: 'refus' });
          break;
        }
        if (e.par) count(c, `refus_${e.par}`, e.date);
        yield* decide(c, { type: 'refus', par: e.par }, e.date, e.line);
        break;
      case 'bail_signe':
        if (!c) {
          r.horsCycle.push(horsCycle('bail', e.date));
          mode = 'occupe';
          if (!conge) dernierConge = undefined;
          break;
        }
        if (!c.attribue)
          alert(
            'EVENEMENT_DESORDONNE',
            e.date,
            e.line,
            { avant: 'attribution', apres: 'bail_signe' },
            c.entry,
          );
        count(c, 'baux', e.date);
        yield* decide(c, { type: 'bail_signe' }, e.date, e.line);
        mode = 'occupe';
        if (!conge) dernierConge = undefined;
        break;
      case 'reprise':
        if (!cycle) {
          alert('EVENEMENT_HORS_CYCLE', e.date, e.line, { type: 'reprise' });
          break;
        }
        if (c && !c.expire)
          alert(
            'REPRISE_AVANT_EXPIRATION',
            e.date,
            e.line,
            { reservataire: c.reservataire },
            c.entry,
          );
        count(cycle, 'reprises', e.date);
        if (c) yield* decide(c, { type: 'reprise' }, e.date, e.line);
        cycle.ferme = true;
        mode = 'reprise';
        break;
    }
    if (aSolder(c)) yield* solder(c, e.date, e.line);
    if (step && cycle && step.entry === cycle.entry.index) step.points = cycle.points;
  }

  if (opts.capture) {
    const etat = { mode, motif, cycle, vacant, premiere, conge, dernierConge, annee };
    opts.capture(copierEtat(etat));
  }
  // The year-ends between the flat's last event and the evaluation date.
  if (annee !== 0)
    for (const fin = Number(opts.date.slice(0, 4)); annee < fin; annee++) yield* finAnnee(annee);
  step = undefined;
  if (expire(opts.date)) yield* lapse(opts.date);
  const c = open();
  if (c) {
    if (r.trace) {
      step = { line: 0, date: opts.date, type: 'evaluation', decisions: [], alertes: [] };
      r.trace.push(step);
    }
    yield* decide(c, { type: 'evaluation' }, opts.date, 0);
    if (step) step.points = c.points;
  }
  if (vacant && echeance(vacant.date, opts.vacanceMax) < opts.date)
    vacance(vacant, opts.date, vacant.line);
  if (conge && liberationAttendue(conge, opts.date, opts.vacanceMax))
    alert('LIBERATION_NON_CONSTATEE', opts.date, conge.line, {
      conge: conge.date,
      date_liberation_prevue: conge.prevue,
      jours: delaiDepuisConge(conge.date, opts.date).jours,
    });
  const running = enCours(open(), vacant, opts.vacanceMax);
  if (running) r.en_cours = running;
  return r;

  /** A freed flat not oriented in time; with the delay since the congé when one was received. */
  function vacance(
    v: { date: string; conge?: string; premiere?: true },
    date: string,
    line: number,
  ): void {
    if (v.premiere) {
      alert('VACANCE_SANS_ORIENTATION_MISE_EN_SERVICE', date, line, { mise_en_service: v.date });
      return;
    }
    if (v.conge === undefined) {
      alert('VACANCE_SANS_ORIENTATION', date, line, { liberation: v.date });
      return;
    }
    alert('VACANCE_SANS_ORIENTATION_DEPUIS_CONGE', date, line, {
      liberation: v.date,
      conge: v.conge,
      jours: delaiDepuisConge(v.conge, date).jours,
    });
  }

  /** A withdrawn congé: the cycle opened during it ends and gives back its points. */
  function retirer(a: Cycle, e: EvenementLu): void {
    a.ferme = true;
    if (cycle === a) cycle = undefined;
    const points = a.points;
    if (points !== 0) {
      const version = versionAt(a.entry, e.date) ?? lastVersionBefore(a.entry, e.date);
      r.scores.push({
        entry: a.entry.index,
        date: e.date,
        points: -points,
        rule: 'retrait_conge',
        cle: '',
        version: version?.convention.version ?? 1,
        line: e.line,
      });
      a.points = 0;
      a.compte = false;
    }
    alert('CONGE_RETIRE', e.date, e.line, { reservataire: a.reservataire, points }, a.entry);
  }

  function horsCycle(type: HorsCycle['type'], date: string): HorsCycle {
    const h: HorsCycle = { date, type, mode };
    if (mode === 'hors_assiette' && motif) h.motif = motif;
    return h;
  }
}

/** Runs the state machine with a synchronous decider (the compiled rules). */
export function runSync<T>(gen: Gen<T>, decide: (req: DecisionRequest) => Decision[]): T {
  let step = gen.next();
  while (!step.done) step = gen.next(decide(step.value));
  return step.value;
}

/** Runs the state machine with an asynchronous decider (json-rules-engine). */
export async function runAsync<T>(
  gen: Gen<T>,
  decide: (req: DecisionRequest) => Promise<Decision[]>,
): Promise<T> {
  let step = gen.next();
  while (!step.done) step = gen.next(await decide(step.value));
  return step.value;
}
