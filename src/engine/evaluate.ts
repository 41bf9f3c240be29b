/**
 * `convflux evaluate` as a library function: conventions + parc + a year of events → per
 * convention what was due, what was achieved, what is late, and why.
 *
 * Data flows one way: events are read first into a columnar store (only the flats they name are
 * then kept from the parc), then each flat's events run through the cycle state machine, whose
 * decisions come from the conventions' rules, and the aggregator sums the results.
 */
import { ANNEE_MAX, ANNEE_MIN } from '../flux/annees-evaluees.js';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isIsoDate, parseDelai, type Delai } from '../convention/calendar.js';
import { catalogue } from '../diagnostics/catalogue.js';
import {
  compareDiagnostics,
  type Diagnostic,
  type DiagnosticParams,
  type Lang,
} from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import { renderTemplate } from '../diagnostics/render-message.js';
import { displayPath } from '../display-path.js';
import type { Evenement } from '../flux/evenement.js';
import { HORS_FLUX, type HorsFlux, type Logement } from '../flux/logement.js';
import { EXCLUSIONS } from '../convention/convention.js';
import { EtapesRecues } from './etapes-recues.js';
import { DatesEnOrdre } from '../input/dates-en-ordre.js';
import { dateTag } from '../input/dates-jj-mm.js';
import { EVENEMENT_COLUMNS, parseEvenement } from '../input/parse-evenement.js';
import { LECTURE_PARC, parseLogement } from '../input/parse-logement.js';
import { PremieresLignes } from '../input/premieres-lignes.js';
import { readTableCells, type RowPosition, type Shard } from '../input/read-table.js';
import { CHAMPS_EVENEMENT, LecteurEvenement } from '../input/cellules-evenement.js';
import { CHAMPS_LOGEMENT, LecteurLogement } from '../input/cellules-logement.js';
import {
  fusionnerUniformites,
  indiceUniforme,
  noterRejet,
  uniformite,
  valeurTag,
  type Uniformite,
} from '../input/rejets-uniformes.js';
import { STDIN, STDIN_NAME } from '../input/table-source.js';
import { territoires, type Territoires } from '../reference/territoires.js';
import { loadParametres } from '../reglementation/load-reglementation.js';
import {
  Aggregateur,
  fusionner as fusionnerParties,
  resultats,
  type AggregationOptions,
  type Sommes,
} from './aggregate.js';
import { describeIndex, type ConventionIndex } from './convention-index.js';
import {
  runAsync,
  runSync,
  suivreLogement,
  type EtapeTrace,
  type EvenementLu,
  type FlatResult,
  type SuiviOptions,
} from './cycle.js';
import { decideCompiled, decideWithEngine } from './decide.js';
import type { Evaluation, HorsConventions } from './evaluation.js';
import {
  EventStore,
  Interner,
  ownString,
  type AnnulationRejetee,
  type ClesEvenements,
} from './event-store.js';
import { candidats, doublons, doublonsDuStore } from './doublons-entre-logements.js';
import { loadConventions, type LoadedConventions } from './load-conventions.js';
import { fusionnerHorsConventions, ParBailleur } from './par-bailleur.js';
import type { WorkerInput } from './evaluate-worker.js';
import { appendAll } from './append-all.js';
import { resultatsParAnnee } from './annulations-tardives.js';
import { fluxPremiereLocation } from './premiere-location.js';
import {
  anneeDe,
  completerPluriannuel,
  fusionnerPluriannuel,
  SuiviPluriannuel,
  type Pluriannuel,
} from './annees.js';
import {
  FICHIERS_MAX,
  ligneGlobale,
  listeEvenements,
  positionEvenement,
  RapportsEvenements,
} from './fichiers-evenements.js';

export type Moteur = 'compile' | 'json-rules-engine';

export interface EvaluateOptions {
  /** Folders or files holding conventions (the layout of `convflux check`). */
  rules: readonly string[];
  parc: string;
  /**
   * The events: one file, or several (e.g. one a year). Every event up to the evaluation date is
   * followed, whatever its year: cycles opened in an earlier year run on into the year evaluated.
   */
  evenements: string | readonly string[];
  annee: number;
  /** Evaluation date (default: 31 December of `annee`). Never the wall clock. */
  date?: string;
  lang?: Lang;
  cwd?: string;
  /** Apply signed versions only. */
  signees?: boolean;
  /** Follow this flat step by step. */
  explain?: string;
  /** `compile` (default, the hot path) or `json-rules-engine` (the reference, ~1000× slower). */
  moteur?: Moteur;
  /**
   * Worker threads, each taking a share of the flats (hash of the flat id). Default: one per
   * core (at most 4) when the parc file is over 20 MB, else 0 (in-process).
   */
  workers?: number;
}

export interface Explication {
  logement: string;
  /** The flat as found in the parc (undefined: not in the parc). */
  parc?: Logement;
  etapes: EtapeTrace[];
  /** Convention index → id, to name the conventions of the steps. */
  conventions: Record<number, { id: string; fichier: string; absolutePath: string }>;
  /** Points counted in the period, by convention id. */
  points: Record<string, number>;
  /** Which fluxes the flat entered in the year, or why none. */
  parcours?: Parcours;
  /** The events files, when there are several (a step's line is then numbered across them). */
  evenements?: string[];
}

/**
 * The fluxes (conventions) a flat entered in the year, or why it entered none: not in the parc,
 * kept in stock, outside the assiette, not freed in the year, no convention covering it, or
 * freed but oriented to no réservataire.
 */
export interface Parcours {
  /** The conventions whose cycle the flat went through in the period, freed or first let in it. */
  flux: string[];
  /**
   * The conventions whose cycle goes on in the period for a flat freed (or first let) before it:
   * the flat entered their flux in that earlier year, not in this one.
   */
  poursuivis?: string[];
  raison?:
    | 'inconnu'
    | 'sans_evenement'
    | 'stock'
    | 'hors_assiette'
    | 'premiere_location_hors_flux'
    | 'non_libere'
    | 'sans_convention'
    | 'non_oriente';
  hors_flux?: string;
  motifs?: string[];
  /** The conventions that cover the flat (when it entered none of them). */
  couvrantes?: string[];
}

export interface EvaluateResult {
  evaluation: Evaluation;
  explication?: Explication;
}

/** A mistake in what was asked (exit 2), said in French and in English. */
export class EvaluateUsageError extends Error {
  readonly en: string;
  /** The catalogue's code and parameters (`EvaluateUsageError.du`): the service says it its way. */
  readonly diagnostic?: { code: string; params: DiagnosticParams };
  constructor(fr: string, en?: string, diagnostic?: { code: string; params: DiagnosticParams }) {
    super(fr);
    this.en = en ?? fr;
    if (diagnostic) this.diagnostic = diagnostic;
  }

  /** The mistake of the catalogue's `code`, in the CLI's words (`direAuService` for the service's). */
  static du(code: string, params: DiagnosticParams): EvaluateUsageError {
    const e = catalogue[code];
    if (!e) throw new Error(`code inconnu du catalogue : ${code}`);
    return new EvaluateUsageError(
      renderTemplate(e.fr, params, 'fr'),
      renderTemplate(e.en, params, 'en'),
      {
        code,
        params,
      },
    );
  }
}

/** The part of the work one thread does: the flats of one shard (or all of them). */
export interface Partie {
  sommes: Sommes;
  rejets: Diagnostic[];
  /** Problems and notes about the input files as a whole (header, encoding…): shard 0's. */
  fichiers: Diagnostic[];
  logements: {
    lignes: number;
    rejetees: number;
    non_lues: number;
    hors_conventions: HorsConventions[];
  };
  evenements: {
    lignes: number;
    rejetees: number;
    hors_periode: number;
    anterieurs: number;
    non_lues: number;
  };
  /** First event date read (empty: none), for `cumul.depuis`. */
  premiereDate: string;
  /** The earlier years of the input and the year's regularisations. */
  pluriannuel: Pluriannuel;
  /** Events whose date was read as JJ/MM/AAAA. */
  datesJjMm: number;
  /** What the rejections of each file have in common (for one hint per file). */
  uniformites: { logements: Uniformite; evenements: Uniformite };
  explication?: Explication;
  /** Milliseconds spent per phase (for `npm run bench`). */
  phases: Record<string, number>;
}

export function checkDates(annee: number, date: string | undefined): string {
  if (!Number.isInteger(annee) || annee < ANNEE_MIN || annee > ANNEE_MAX)
    throw EvaluateUsageError.du('USAGE_ANNEE_HORS_BORNES', { annee: String(annee) });
  const d = date ?? `${String(annee)}-12-31`;
  if (!isIsoDate(d)) throw EvaluateUsageError.du('USAGE_DATE_INVALIDE', { date: d });
  if (!d.startsWith(`${String(annee)}-`))
    throw EvaluateUsageError.du('USAGE_DATE_HORS_ANNEE', { date: d, annee: String(annee) });
  return d;
}

export interface PartieOptions {
  /** May arrive later: the files are read while the conventions load. */
  index: ConventionIndex | Promise<ConventionIndex>;
  parc: string;
  evenements: string | readonly string[];
  annee: number;
  date: string;
  lang: Lang;
  cwd: string;
  explain?: string;
  moteur: Moteur;
  shard?: Shard;
  vacanceMax: Delai;
  horsQpvMin: number | undefined;
}

let geography: Territoires | undefined;
const geo = (): Territoires => (geography ??= territoires());

export function aggregationOptions(o: Omit<PartieOptions, 'index'>): AggregationOptions {
  return {
    annee: o.annee,
    date: o.date,
    lang: o.lang,
    eventsFile: nomsEvenements(o)[0] ?? '',
    eventsFiles: nomsEvenements(o),
    horsQpvMinParDefaut: o.horsQpvMin,
    territoires: geo,
  };
}

/** What reading the files leaves: the events by flat, the flats they name, the rejected rows. */
export interface Lecture {
  store: EventStore;
  logements: (Logement | undefined)[];
  /** Flats kept in stock (hors_flux), by `bailleur|département|catégorie`. */
  stock: Record<string, number>;
  rejets: Diagnostic[];
  fichiers: Diagnostic[];
  parcLignes: number;
  parcRejetees: number;
  /** Flats used, by bailleur and département (to count those no convention covers). */
  parBailleur: ParBailleur;
  /** Ids of the rejected parc rows → line of the first. */
  rejetes: ReadonlyMap<string, number>;
  parcNonLues: number;
  evLignes: number;
  evRejetees: number;
  evNonLues: number;
  horsPeriode: number;
  /** Events before the year evaluated (read to follow the cycles they open). */
  anterieurs: number;
  premiereDate: string;
  datesJjMm: number;
  uniformites: { logements: Uniformite; evenements: Uniformite };
  /** SHA-256 of the inputs read from the standard input. */
  empreintes: { parc?: string; evenements?: string };
  phases: Record<string, number>;
  /** `--explain` of a flat of the parc that no event names: the flat as the parc gives it. */
  expliqueSansEvenement?: Logement;
}

/** How an input path is named in messages and results. */
export const nomEntree = (path: string, cwd: string): string =>
  path === STDIN ? STDIN_NAME : displayPath(path, cwd);

/** The events files as named in messages, in the order given. */
export const nomsEvenements = (o: {
  evenements: string | readonly string[];
  cwd: string;
}): string[] => listeEvenements(o.evenements).map((p) => nomEntree(p, o.cwd));

type LectureOptions = Omit<PartieOptions, 'index' | 'moteur'>;

/** A parc row as lirePartie reads it: a Logement, or the fast reader's fields (cellules-logement). */
type LogementLu = Pick<
  Logement,
  'logement' | 'bailleur' | 'departement' | 'commune' | 'qpv' | 'annee_construction'
> & {
  typologie: string;
  financement: string;
  epci?: string | undefined;
  programme?: string | undefined;
  hors_flux?: string | undefined;
};

/**
 * The flat kept for its events: owned strings only (see ownString), so that the parc's chunks
 * can be collected; `id` is the store's own copy of its id.
 */
function garde(l: LogementLu, id: string | undefined, intern: Interner): Logement {
  const kept: Logement = {
    logement: id ?? ownString(l.logement),
    bailleur: intern.get(l.bailleur),
    departement: intern.get(l.departement),
    commune: intern.get(l.commune),
    qpv: l.qpv,
    typologie: intern.get(l.typologie) as Logement['typologie'],
    financement: intern.get(l.financement) as Logement['financement'],
    annee_construction: l.annee_construction,
  };
  if (l.epci !== undefined) kept.epci = intern.get(l.epci);
  if (l.programme !== undefined) kept.programme = intern.get(l.programme);
  if (l.hors_flux !== undefined) kept.hors_flux = intern.get(l.hors_flux) as HorsFlux;
  return kept;
}

/**
 * Reads the events, then the rows of the parc that they name (one shard of the flats, or all).
 * `surLogement` sees every valid parc row, named by the events or not (in-process readers only:
 * the forecast counts flats without events too).
 */
export async function lirePartie(
  o: LectureOptions,
  surLogement?: (l: Logement) => void,
): Promise<Lecture> {
  const fichiers = listeEvenements(o.evenements);
  verifierEntreeStandard(o.parc, fichiers);
  if (fichiers.length === 0 || fichiers.length > FICHIERS_MAX)
    throw new EvaluateUsageError(
      `--events : de 1 à ${String(FICHIERS_MAX)} fichiers d’événements (reçu ${String(fichiers.length)}).`,
      `--events: 1 to ${String(FICHIERS_MAX)} events files (got ${String(fichiers.length)}).`,
    );
  const parcFile = nomEntree(o.parc, o.cwd);
  const rejets: Diagnostic[] = [];
  const store = new EventStore();
  const debutAnnee = `${String(o.annee)}-01-01`;
  let horsPeriode = 0;
  let anterieurs = 0;
  let premiereDate = '';
  let evRejetees = 0;
  const shard = o.shard ? { ...o.shard, field: 'logement' } : undefined;
  const phases: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string): void => {
    const t = performance.now();
    phases[name] = Math.round(t - t0);
    t0 = t;
  };

  const evUni = uniformite(nomsEvenements(o).join(', '));
  let jjMm = 0;
  const ev = { rows: 0, rejected: 0, unread: 0, sha256: undefined as string | undefined };
  const evFileDiagnostics: Diagnostic[] = [];
  const rapideEv = new LecteurEvenement();
  for (const [k, chemin] of fichiers.entries()) {
    const eventsFile = nomEntree(chemin, o.cwd);
    /** A valid event: counted out of the period, or kept in the store. */
    const retenir = (e: Evenement, line: number): void => {
      const date = e.date;
      if (date > o.date) {
        horsPeriode++;
        return;
      }
      if (date < debutAnnee) anterieurs++;
      if (premiereDate === '' || date < premiereDate) premiereDate = date;
      store.add(e, ligneGlobale(k, line));
    };
    const evenement = (row: Record<string, unknown>, line: number, position: RowPosition): void => {
      const raw = row['date'];
      const parsed = parseEvenement(row, line, eventsFile, o.lang, position);
      if (!parsed.ok) {
        rejets.push(...parsed.diagnostics);
        evRejetees++;
        const d = parsed.diagnostics[0];
        const champ = d?.pointer.slice(1) ?? '';
        noterRejet(
          evUni,
          parsed.diagnostics,
          champ === 'date'
            ? dates.ordre === 'mois_jour' && dateTag(raw)
              ? 'mois_jour'
              : dateTag(raw)
            : valeurTag(champ, row[champ]),
        );
        return;
      }
      retenir(parsed.value, line);
    };
    // JJ/MM/AAAA dates read as `classer` and the service's imports read them (one reader).
    const dates = new DatesEnOrdre(evenement);
    const lu = await readTableCells(
      chemin,
      {
        lang: o.lang,
        file: eventsFile,
        columns: EVENEMENT_COLUMNS,
        sheets: ['evenements', 'events', 'mouvements'],
        ...(shard ? { shard } : {}),
      },
      CHAMPS_EVENEMENT,
      (cells, line, position) => {
        evUni.rows++;
        // Most rows pass the hand-written check; the others are read as before (diagnostics).
        if (rapideEv.lire(cells)) {
          retenir(rapideEv.e, line);
          return;
        }
        dates.ligne(cells.row(), line, position);
      },
    );
    for (const d of dates.fin(eventsFile, o.lang)) {
      rejets.push(d);
      evRejetees++;
      noterRejet(evUni, [d], 'date_barres');
    }
    appendAll(rejets, lu.diagnostics);
    evRejetees += lu.rejected;
    evUni.rows += lu.rejected;
    for (const d of lu.diagnostics) noterRejet(evUni, [d]);
    ev.rows += lu.rows;
    ev.rejected += lu.rejected;
    ev.unread += lu.unread;
    if (lu.sha256) ev.sha256 = lu.sha256;
    appendAll(evFileDiagnostics, lu.fileDiagnostics);
    jjMm += dates.converties;
  }
  lap('evenements');

  const logements: (Logement | undefined)[] = new Array<Logement | undefined>(store.flats.length);
  const stock: Record<string, number> = {};
  const parcReport = new FileReport(parcFile, o.lang);
  const intern = new Interner();
  // A flat's rows all fall in the same shard (hash of its id): each shard sees every duplicate.
  const vus = new PremieresLignes(lignesAttendues(o.parc, shard?.count ?? 1));
  const parBailleur = new ParBailleur();
  /** Ids of the rejected rows → their line: their events say why the flat is missing. */
  const rejetes = new Map<string, number>();
  const parcUni = uniformite(parcFile);
  let parcRejetees = 0;
  let expliqueSansEvenement: Logement | undefined;
  /** A valid row: false when it repeats an earlier row's flat (reported here). */
  const garder = (l: LogementLu, line: number, position: RowPosition): boolean => {
    const premiere = vus.premiere(l.logement, line);
    if (premiere !== 0) {
      const d = parcReport.add(
        'LOGEMENT_DOUBLON',
        { logement: l.logement, premiere },
        '/logement',
        { line, column: position.column('logement') },
      );
      rejets.push(d);
      parcReport.diagnostics.length = 0;
      parcRejetees++;
      noterRejet(parcUni, [d]);
      return false;
    }
    parBailleur.add(l);
    const n = store.flatNumber(l.logement);
    if (n !== undefined) logements[n] = garde(l, store.flats[n], intern);
    // --explain of a flat of the parc that no event names: its facts, to say it is known.
    else if (o.explain !== undefined && l.logement === o.explain)
      expliqueSansEvenement = garde(l, undefined, intern);
    if (l.hors_flux) {
      const cle = `${l.bailleur}|${l.departement}|${l.hors_flux}`;
      stock[cle] = (stock[cle] ?? 0) + 1;
    }
    return true;
  };
  // surLogement sees Logement objects: its callers read the parc the slow way.
  const rapideParc = surLogement ? undefined : new LecteurLogement(parcFile, o.lang);
  const parc = await readTableCells(
    o.parc,
    {
      lang: o.lang,
      file: parcFile,
      ...LECTURE_PARC,
      ...(shard ? { shard } : {}),
    },
    CHAMPS_LOGEMENT,
    (cells, line, position) => {
      parcUni.rows++;
      if (rapideParc?.lire(cells, line, position)) {
        garder(rapideParc.l, line, position);
        return;
      }
      const row = cells.row();
      const parsed = parseLogement(row, line, parcFile, o.lang, position);
      if (!parsed.ok) {
        rejets.push(...parsed.diagnostics);
        parcRejetees++;
        const id = row['logement'];
        if (typeof id === 'string' && id !== '' && !rejetes.has(id))
          rejetes.set(ownString(id), line);
        const champ = parsed.diagnostics[0]?.pointer.slice(1) ?? '';
        noterRejet(parcUni, parsed.diagnostics, valeurTag(champ, row[champ]));
        return;
      }
      if (garder(parsed.value, line, position)) surLogement?.(parsed.value);
    },
  );
  appendAll(rejets, parc.diagnostics);
  parcRejetees += parc.rejected;
  parcUni.rows += parc.rejected;
  for (const d of parc.diagnostics) noterRejet(parcUni, [d]);
  lap('parc');
  // Read whole, the rows give every id: one repeated on another flat is found here (a shard's
  // are found by the main thread, over every shard's ids: envoyerDoublons).
  if (!o.shard) store.doublonsAilleurs(doublonsDuStore(store, bailleursDesLogements(logements)));
  const empreintes: Lecture['empreintes'] = {};
  if (parc.sha256) empreintes.parc = parc.sha256;
  if (ev.sha256) empreintes.evenements = ev.sha256;
  return {
    store,
    logements,
    stock,
    rejets,
    fichiers: [...evFileDiagnostics, ...parc.fileDiagnostics],
    parcLignes: parc.rows + parc.rejected + parc.unread,
    parcRejetees,
    parBailleur,
    rejetes,
    parcNonLues: parc.unread,
    evLignes: ev.rows + ev.rejected + ev.unread,
    evRejetees,
    evNonLues: ev.unread,
    horsPeriode,
    anterieurs,
    premiereDate,
    datesJjMm: jjMm,
    uniformites: { logements: parcUni, evenements: evUni },
    empreintes,
    phases,
    ...(expliqueSansEvenement ? { expliqueSansEvenement } : {}),
  };
}

/**
 * Called with each flat of the parc named by the events and its result, right after the
 * aggregator summed it: finer breakdowns of the same results (the annual bilan's) without a
 * second pass. In-process only (a function does not cross to worker threads).
 */
export type ObservateurLogement = (l: Logement, r: FlatResult) => void;

/** One flat's events followed by the chosen engine (the compiled rules synchronously). */
function suivreUn(
  l: Logement,
  events: readonly EvenementLu[],
  index: ConventionIndex,
  s: SuiviOptions,
  moteur: Moteur,
): FlatResult | Promise<FlatResult> {
  const gen = suivreLogement(l, events, index, s);
  return moteur === 'compile'
    ? runSync(gen, (req) => decideCompiled(req.version.compiled, req.facts))
    : runAsync(gen, (req) => decideWithEngine(req.version.engine(), req.version.rules, req.facts));
}

/** Runs every flat's events through the rules of `index` and sums them. Does not change `lecture`. */
export async function calculerPartie(
  lecture: Lecture,
  index: ConventionIndex,
  o: Omit<PartieOptions, 'index'>,
  observateur?: ObservateurLogement,
): Promise<Partie> {
  const t0 = performance.now();
  const { store, logements } = lecture;
  const rapports = new RapportsEvenements(nomsEvenements(o), o.lang);
  const rejets = [...lecture.rejets];
  let evRejetees = lecture.evRejetees;
  const aggregateur = new Aggregateur(index, aggregationOptions(o));
  // The stock of the bailleurs evaluated: a flat outside their conventions is in no one's stock.
  for (const [cle, n] of Object.entries(lecture.stock)) {
    const [bailleur = '', departement = '', categorie = ''] = cle.split('|');
    if (index.aDesConventions(bailleur, departement))
      aggregateur.sommes.stock.logements[categorie] =
        (aggregateur.sommes.stock.logements[categorie] ?? 0) + n;
  }
  const premiere = lecture.premiereDate ? anneeDe(lecture.premiereDate) : o.annee;
  const pluriannuel = new SuiviPluriannuel(index, aggregationOptions(o), premiere);
  const evUni: Uniformite = { ...lecture.uniformites.evenements };
  /** The rows read and then rejected (a duplicate, an unknown flat…): not among the used ones. */
  const lignesRejetees = new Set<number>();
  const reject = (
    ligne: number,
    code: string,
    params: Diagnostic['params'],
    pointer = '',
    premiere?: number,
  ): void => {
    const { report, line } = rapports.at(ligne);
    const messages =
      premiere === undefined ? undefined : rapports.ailleurs(code, ligne, premiere, params);
    const d = report.add(code, params, pointer, {
      line,
      column: 0,
      ...(messages ? { messages } : {}),
    });
    rejets.push(d);
    report.diagnostics.length = 0;
    evRejetees++;
    lignesRejetees.add(ligne);
    noterRejet(evUni, [d]);
  };
  const suivi: SuiviOptions = { date: o.date, vacanceMax: o.vacanceMax, trace: false };
  let explication: Explication | undefined;
  for (let n = 0; n < store.flats.length; n++) {
    const id = store.flats[n] ?? '';
    const l = logements[n];
    if (!l) {
      const ligne = lecture.rejetes.get(id);
      for (const line of store.lines(n))
        if (ligne === undefined) reject(line, 'LOGEMENT_INCONNU', { logement: id });
        else reject(line, 'LOGEMENT_REJETE', { logement: id, ligne });
      if (id === o.explain)
        explication = {
          logement: id,
          etapes: [],
          conventions: {},
          points: {},
          parcours: { flux: [], raison: 'inconnu' },
        };
      continue;
    }
    const { events, doublons, annulations, tardives } = store.events(n);
    for (const d of doublons)
      reject(
        d.line,
        'EVENEMENT_DOUBLON',
        { premiere: positionEvenement(d.premiere).line },
        '',
        d.premiere,
      );
    for (const a of annulations) reject(a.line, a.code, paramsAnnulation(a), '/annule', a.premiere);
    const trace = id === o.explain;
    // A flat whose bailleur has no convention in its département (the files may hold other
    // bailleurs' flats: entrees.logements.hors_conventions) enters no flux: its events are read,
    // and neither rejected nor alerted nor summed — an orientation to one of its réservataires was
    // RESERVATAIRE_INCONNU, its vacancies alerts of the bailleurs evaluated. The observer (orient
    // says why it cannot orient it) and --explain still see its story.
    const horsConventions = !index.aDesConventions(l.bailleur, l.departement);
    const premier = suivreUn(l, events, index, trace ? { ...suivi, trace } : suivi, o.moteur);
    // The compiled rules answer at once: no promise (nor microtask) per flat on the hot path.
    let r = premier instanceof Promise ? await premier : premier;
    if (horsConventions) {
      observateur?.(l, r);
      if (trace) {
        explication = explain(id, l, r, index, `${String(o.annee)}-01-01`);
        if (rapports.noms.length > 1) explication.evenements = [...rapports.noms];
      }
      continue;
    }
    for (const rj of r.rejets) reject(rj.line, rj.code, rj.params, rj.pointeur);
    let anterieures: Map<number, FlatResult> | undefined;
    if (tardives) {
      // An annulation of an earlier year's event: that year stays as issued (annulations-tardives.ts).
      const parAnnee = await resultatsParAnnee(
        r,
        tardives,
        premiere,
        o.annee,
        index,
        async (evts, date) => suivreUn(l, evts, index, { ...suivi, date }, o.moteur),
      );
      r = parAnnee.annee;
      anterieures = parAnnee.anterieures;
    }
    aggregateur.addFlat(l, r, anterieures);
    pluriannuel.addFlat(l, r, anterieures);
    observateur?.(l, r);
    if (trace) {
      explication = explain(id, l, r, index, `${String(o.annee)}-01-01`);
      if (rapports.noms.length > 1) explication.evenements = [...rapports.noms];
    }
  }
  const partie: Partie = {
    phases: { ...lecture.phases, cycles: Math.round(performance.now() - t0) },
    sommes: aggregateur.sommes,
    rejets,
    fichiers: lecture.fichiers,
    logements: {
      lignes: lecture.parcLignes,
      rejetees: lecture.parcRejetees,
      non_lues: lecture.parcNonLues,
      hors_conventions: lecture.parBailleur.horsConventions(index),
    },
    evenements: {
      lignes: lecture.evLignes,
      rejetees: evRejetees,
      hors_periode: lecture.horsPeriode,
      // The earlier years' rows used: those rejected after reading are not (they were counted).
      anterieurs: lecture.anterieurs - store.avantParmi(lignesRejetees, `${String(o.annee)}-01-01`),
      non_lues: lecture.evNonLues,
    },
    premiereDate: lecture.premiereDate,
    pluriannuel: pluriannuel.resultat(),
    datesJjMm: lecture.datesJjMm,
    uniformites: { logements: lecture.uniformites.logements, evenements: evUni },
  };
  // A flat of the parc that no event names: known, its story is « no event in the period ».
  if (!explication && lecture.expliqueSansEvenement)
    explication = {
      logement: lecture.expliqueSansEvenement.logement,
      parc: lecture.expliqueSansEvenement,
      etapes: [],
      conventions: {},
      points: {},
      parcours: { flux: [], raison: 'sans_evenement' },
    };
  if (explication) partie.explication = explication;
  return partie;
}

/** The message parameters of a rejected annulation (its line numbers as the file's). */
export function paramsAnnulation(a: AnnulationRejetee): Diagnostic['params'] {
  return a.premiere === undefined
    ? { annule: a.annule }
    : {
        annule: a.annule,
        annulee_par: a.annulee_par ?? '',
        premiere: positionEvenement(a.premiere).line,
      };
}

/** Reads the files (one shard of the flats, or all) and sums the flats' results. */
export async function evaluerPartie(o: PartieOptions, echanger?: EchangeDoublons): Promise<Partie> {
  const lecture = await lireShard(o, echanger);
  const t = performance.now();
  const index = await o.index;
  lecture.phases['attente_conventions'] = Math.round(performance.now() - t);
  return calculerPartie(lecture, index, o);
}

function explain(
  id: string,
  l: Logement,
  r: FlatResult,
  index: ConventionIndex,
  debut: string,
): Explication {
  const conventions: Explication['conventions'] = {};
  const points: Record<string, number> = {};
  for (const s of r.scores) {
    const entry = index.entries[s.entry];
    if (entry && s.date >= debut) points[entry.id] = (points[entry.id] ?? 0) + s.points;
  }
  for (const step of r.trace ?? []) {
    if (step.entry === undefined) continue;
    const entry = index.entries[step.entry];
    const v = entry?.versions.find((x) => x.convention.version === step.version);
    if (entry && v)
      conventions[step.entry] = { id: entry.id, fichier: v.file, absolutePath: v.absolutePath };
  }
  const etapes = r.trace ?? [];
  const parcours = parcoursDe(l, r, index, debut, etapes);
  return { logement: id, parc: l, etapes, conventions, points, parcours };
}

function parcoursDe(
  l: Logement,
  r: FlatResult,
  index: ConventionIndex,
  debut: string,
  etapes: readonly EtapeTrace[],
): Parcours {
  const flux = [
    ...new Set(
      etapes
        .filter((s) => s.date >= debut && s.entry !== undefined)
        .map((s) => index.entries[s.entry ?? -1]?.id ?? ''),
    ),
  ].filter(Boolean);
  const entre = r.liberations.some((d) => d >= debut) || r.misesEnService.some((d) => d >= debut);
  if (flux.length && entre) return { flux };
  if (flux.length) return { flux: [], poursuivis: flux };
  if (l.hors_flux) return { flux, raison: 'stock', hors_flux: l.hors_flux };
  const motifs = r.horsAssiette.filter((h) => h.date >= debut).map((h) => h.motif);
  if (motifs.length) return { flux, raison: 'hors_assiette', motifs: [...new Set(motifs)] };
  if (!r.liberations.some((d) => d >= debut)) {
    const premieres = r.misesEnService.filter((d) => d >= debut);
    if (premieres.some((d) => fluxPremiereLocation(index, l, d).size === 0))
      return { flux, raison: 'premiere_location_hors_flux' };
    if (!premieres.length) return { flux, raison: 'non_libere' };
  }
  const couvrantes = index.covering(l).map((e) => e.id);
  if (!couvrantes.length) return { flux, raison: 'sans_convention' };
  return { flux, raison: 'non_oriente', couvrantes };
}

/** Regulation parameters the engine reads (dated: the value in force at the evaluation date). */
export function parametresMoteur(
  date: string,
  lang: Lang,
): { vacanceMax: Delai; horsQpvMin: number | undefined } {
  const p = loadParametres(lang);
  const vacance = p.valueAt('vacance_sans_orientation_max', date);
  const horsQpv = p.valueAt('etat_hors_qpv_part_min', date);
  return {
    vacanceMax: (typeof vacance === 'number'
      ? { nombre: vacance, unite: 'jour' }
      : parseDelai(String(vacance))) ?? { nombre: 15, unite: 'jour' },
    horsQpvMin: typeof horsQpv === 'number' ? horsQpv : undefined,
  };
}

/** Puts the parts together into the answer. */
export function assembler(
  parties: readonly Partie[],
  index: ConventionIndex,
  conventionDiagnostics: Diagnostic[],
  o: Omit<PartieOptions, 'index'>,
): EvaluateResult {
  const [first, ...rest] = parties;
  if (!first) throw new Error('aucune partie');
  const sommes = first.sommes;
  for (const p of rest) fusionnerParties(sommes, p.sommes);
  const pluriannuel = first.pluriannuel;
  for (const p of rest) fusionnerPluriannuel(pluriannuel, p.pluriannuel);
  const premieres = parties.map((p) => p.premiereDate).filter(Boolean);
  const rejets = parties.flatMap((p) => p.rejets).sort(compareDiagnostics);
  const sum = (f: (p: Partie) => number): number => parties.reduce((s, p) => s + f(p), 0);
  const horsConv = fusionnerHorsConventions(parties.map((p) => p.logements.hors_conventions));
  const fichiers = notesFichiers(parties, o);
  const evaluation: Evaluation = {
    annee: o.annee,
    date: o.date,
    conventions: resultats(
      index,
      sommes,
      aggregationOptions(o),
      (code) => geo().communes.get(code)?.nom,
    ),
    // In a fixed order, whatever order the threads' flats met them in.
    hors_assiette: {
      logements: ordonner(sommes.horsAssiette.logements, EXCLUSIONS),
      attributions: ordonner(sommes.horsAssiette.attributions, EXCLUSIONS),
    },
    stock: { ...sommes.stock, logements: ordonner(sommes.stock.logements, HORS_FLUX) },
    alertes: sommes.alertes.sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line,
    ),
    rejets,
    diagnostics: [...conventionDiagnostics, ...fichiers],
    entrees: {
      logements: {
        fichier: nomEntree(o.parc, o.cwd),
        lignes: sum((p) => p.logements.lignes),
        utilisees: sum((p) => p.logements.lignes - p.logements.rejetees - p.logements.non_lues),
        rejetees: sum((p) => p.logements.rejetees),
        hors_conventions: horsConv.reduce((s, h) => s + h.logements, 0),
        bailleurs_hors_conventions: horsConv,
        non_lues: sum((p) => p.logements.non_lues),
      },
      evenements: {
        fichier: nomsEvenements(o).join(', '),
        lignes: sum((p) => p.evenements.lignes),
        utilisees: sum(
          (p) =>
            p.evenements.lignes -
            p.evenements.rejetees -
            p.evenements.hors_periode -
            p.evenements.non_lues,
        ),
        rejetees: sum((p) => p.evenements.rejetees),
        hors_periode: sum((p) => p.evenements.hors_periode),
        anterieurs: sum((p) => p.evenements.anterieurs),
        non_lues: sum((p) => p.evenements.non_lues),
      },
    },
  };
  completerPluriannuel(
    evaluation.conventions,
    index,
    pluriannuel,
    o.annee,
    premieres.length ? Math.min(...premieres.map(anneeDe)) : o.annee,
  );
  const explication = parties.find((p) => p.explication)?.explication;
  return explication ? { evaluation, explication } : { evaluation };
}

/** The record's keys in `ordre`'s order (any other key after them, sorted). */
function ordonner<K extends string>(
  r: Partial<Record<K, number>>,
  ordre: readonly K[],
): Partial<Record<K, number>> {
  const rang = (k: string): number => {
    const i = (ordre as readonly string[]).indexOf(k);
    return i < 0 ? ordre.length : i;
  };
  const cles = (Object.keys(r) as K[]).sort((a, b) => rang(a) - rang(b) || (a < b ? -1 : 1));
  const out: Partial<Record<K, number>> = {};
  for (const k of cles) out[k] = r[k];
  return out;
}

/** The notes about the input files: shard 0's, JJ/MM/AAAA dates, one hint per uniform file. */
function notesFichiers(parties: readonly Partie[], o: Omit<PartieOptions, 'index'>): Diagnostic[] {
  const out = parties.flatMap((p) => p.fichiers);
  const jjmm = parties.reduce((s, p) => s + p.datesJjMm, 0);
  if (jjmm > 0)
    out.push(
      new FileReport(nomsEvenements(o).join(', '), o.lang).add(
        'TABLE_DATES_JJ_MM_AAAA',
        { nombre: jjmm },
        '',
        { line: 0, column: 0 },
      ),
    );
  // A file that could not be read explains the rejections better than a hint.
  if (out.some((d) => d.severity === 'error')) return out;
  for (const role of ['logements', 'evenements'] as const) {
    const hint = indiceUniforme(
      fusionnerUniformites(parties.map((p) => p.uniformites[role])),
      o.lang,
    );
    if (hint) out.push(hint);
  }
  return out;
}

/**
 * Files read once, conventions evaluated many times: what-if simulation for negotiators (change a
 * convention, re-evaluate the year in milliseconds) and the benchmark's warm re-evaluation.
 */
export class Simulation {
  private constructor(
    private readonly lecture: Lecture,
    private readonly base: Omit<PartieOptions, 'index'>,
  ) {}

  static async ouvrir(
    options: Omit<EvaluateOptions, 'rules' | 'workers' | 'signees'>,
  ): Promise<Simulation> {
    const base = baseOptions(options);
    return new Simulation(await lirePartie(base), base);
  }

  /** The evaluation of the year under these conventions (see loadConventions). */
  async evaluer(
    conventions: LoadedConventions,
    observateur?: ObservateurLogement,
  ): Promise<EvaluateResult> {
    const partie = await calculerPartie(this.lecture, conventions.index, this.base, observateur);
    return assembler([partie], conventions.index, conventions.diagnostics, this.base);
  }

  /** The options of the year (dates, regulation parameters). */
  get options(): Omit<PartieOptions, 'index'> {
    return this.base;
  }

  /** The same reading with each flat's events rewritten (the what-if « re-orient » mode). */
  reecrire(f: (logement: string, events: EvenementLu[]) => EvenementLu[]): Simulation {
    const store = this.lecture.store;
    const reecrit = Object.create(store) as EventStore;
    reecrit.events = (n) => {
      const lu = store.events(n);
      const logement = store.flats[n] ?? '';
      const { tardives } = lu;
      return tardives
        ? {
            ...lu,
            events: f(logement, lu.events),
            tardives: { ...tardives, jusqua: (fin) => f(logement, tardives.jusqua(fin)) },
          }
        : { ...lu, events: f(logement, lu.events) };
    };
    return new Simulation({ ...this.lecture, store: reecrit }, this.base);
  }
}

/** The options of one evaluation, checked (year, date) and completed (regulation parameters). */
export function baseOptions(options: Omit<EvaluateOptions, 'rules'>): Omit<PartieOptions, 'index'> {
  const lang = options.lang ?? 'fr';
  const date = checkDates(options.annee, options.date);
  return {
    parc: options.parc,
    evenements: options.evenements,
    annee: options.annee,
    date,
    lang,
    cwd: options.cwd ?? process.cwd(),
    moteur: options.moteur ?? 'compile',
    ...parametresMoteur(date, lang),
    ...(options.explain !== undefined ? { explain: options.explain } : {}),
  };
}

/**
 * A shard worker's side of the duplicate ids across shards (doublons-entre-logements.ts), in two
 * exchanges with the main thread (envoyerDoublons): its rows' keys for the candidate keys, then
 * its candidate rows for its duplicates (line → first line).
 */
export interface EchangeDoublons {
  candidats: (cles: Float64Array<ArrayBuffer>) => Promise<readonly number[]>;
  doublons: (rangs: ClesEvenements) => Promise<readonly [number, number][]>;
}

/** lirePartie, then, for a shard read by a worker, the ids its flats share with other shards'. */
export async function lireShard(o: LectureOptions, echanger?: EchangeDoublons): Promise<Lecture> {
  const lecture = await lirePartie(o);
  if (!echanger) return lecture;
  const { store } = lecture;
  const bailleurs = bailleursDesLogements(lecture.logements);
  const c = new Set(await echanger.candidats(store.cles53(bailleurs)));
  store.doublonsAilleurs(new Map(await echanger.doublons(store.clesRetenues(bailleurs, c))));
  return lecture;
}

/** Each flat's bailleur (by flat number), its SIREN as a number; -1: a flat the parc lacks. */
function bailleursDesLogements(logements: readonly (Logement | undefined)[]): Int32Array {
  const out = new Int32Array(logements.length).fill(-1);
  logements.forEach((l, n) => {
    if (l) out[n] = Number(l.bailleur);
  });
  return out;
}

/** A shard worker as the main thread sees it: `recevoir` gives what it sends at each step. */
export interface ShardLance {
  worker: Worker;
  done: Promise<unknown>;
  recevoir: (etape: 'cles' | 'rangs') => Promise<unknown>;
}

/**
 * The main thread's side: every shard's keys (the workers', and those of `locale`, the main
 * thread's own shard, when it has one) sorted at once; each worker is sent the candidate keys,
 * then, from its candidate rows, its duplicates; the main thread's are returned.
 */
export async function envoyerDoublons(
  threads: readonly ShardLance[],
  locale?: Lecture,
): Promise<Map<number, number>> {
  const bailleurs = locale ? bailleursDesLogements(locale.logements) : undefined;
  const cles = (await Promise.all(threads.map((t) => t.recevoir('cles')))) as Float64Array[];
  const c = candidats(locale && bailleurs ? [locale.store.cles53(bailleurs), ...cles] : cles);
  cles.length = 0;
  const liste = [...c];
  for (const t of threads) t.worker.postMessage(liste);
  const rangs = (await Promise.all(threads.map((t) => t.recevoir('rangs')))) as ClesEvenements[];
  const d = doublons(
    locale && bailleurs ? [locale.store.clesRetenues(bailleurs, c), ...rangs] : rangs,
  );
  const debut = locale ? 1 : 0;
  threads.forEach((t, i) => {
    t.worker.postMessage([...(d[debut + i] ?? new Map<number, number>())]);
  });
  return locale ? (d[0] ?? new Map()) : new Map();
}

/**
 * When a worker failed before sending its ids (the others wait for their duplicates): stops them
 * all and throws its error, the run's (its `done` is not awaited any more).
 */
export const arreterShards =
  (threads: readonly ShardLance[]) =>
  async (error: unknown): Promise<never> => {
    for (const t of threads) t.done.catch(() => undefined);
    await Promise.all(threads.map((t) => t.worker.terminate()));
    throw error;
  };

/** Evaluates in-process, or with worker threads that read the files while the conventions load. */
export async function evaluate(options: EvaluateOptions): Promise<EvaluateResult> {
  const base = baseOptions(options);
  const { lang, cwd } = base;
  const started = performance.now();
  const evenements = listeEvenements(options.evenements);
  const stdin = options.parc === STDIN || evenements.includes(STDIN);
  verifierEntreeStandard(options.parc, evenements);
  // The standard input can be read once: by one thread.
  const workers = stdin ? 0 : (options.workers ?? defaultWorkers(options.parc));
  const threads =
    workers > 1 && existsSync(fileURLToPath(workerUrl))
      ? Array.from({ length: workers }, (_, i) =>
          startWorker({ ...base, shard: { index: i, count: workers, field: 'logement' } }),
        )
      : [];
  const loading = loadConventions(options.rules, {
    lang,
    cwd,
    ...(options.signees ? { signees: true } : {}),
  });
  let parties: Partie[];
  let loaded: Awaited<typeof loading>;
  if (threads.length) {
    loaded = await loading;
    const description = describeIndex(loaded.index);
    for (const t of threads) t.worker.postMessage(description);
    await envoyerDoublons(threads).catch(arreterShards(threads));
    parties = await Promise.all(threads.map((t) => t.done));
  } else {
    const partie = evaluerPartie({ ...base, index: loading.then((l) => l.index) });
    loaded = await loading;
    parties = [await partie];
  }
  if (process.env['CONVFLUX_PHASES'])
    process.stderr.write(
      `${JSON.stringify({ conventions_ms: Math.round(performance.now() - started), parties: parties.map((p) => p.phases) })}\n`,
    );
  return restreindre(assembler(parties, loaded.index, loaded.diagnostics, base), loaded, lang);
}

/**
 * The answer about the conventions asked for: a named file pulls in its bailleur × département's
 * other conventions (the events addressed to their réservataires are then read as such, not
 * rejected as RESERVATAIRE_INCONNU), computed with but not reported; a note names them.
 */
function restreindre(r: EvaluateResult, loaded: LoadedConventions, lang: Lang): EvaluateResult {
  restreindreEvaluation(r.evaluation, loaded.contexte, loaded.demandes, lang);
  return r;
}

/**
 * Leaves out of `e` the conventions read as context only (`contexte`: none of their files was
 * named), named in the note CONVENTIONS_CONTEXTE under `demandes` (the files asked for); evaluate
 * and simulate alike.
 */
export function restreindreEvaluation(
  e: Evaluation,
  contexte: readonly string[],
  demandes: readonly string[],
  lang: Lang,
): void {
  if (!contexte.length) return;
  const ids = new Set(contexte);
  e.conventions = e.conventions.filter((c) => !ids.has(c.id));
  e.conventions_contexte = [...contexte];
  e.diagnostics.unshift(
    new FileReport(demandes.join(', '), lang).add('CONVENTIONS_CONTEXTE', {
      nombre: contexte.length,
      conventions: contexte.join(', '),
    }),
  );
}

/** The standard input can be read once: by one input (evaluate, bilan and previsionnel alike). */
function verifierEntreeStandard(parc: string, evenements: readonly string[]): void {
  if (
    (parc === STDIN && evenements.includes(STDIN)) ||
    evenements.filter((e) => e === STDIN).length > 1
  )
    throw new EvaluateUsageError(
      '--parc et --events ne peuvent pas lire tous deux l’entrée standard (-), ni deux --events.',
      '--parc and --events cannot both read the standard input (-), nor two --events.',
    );
}

/** An estimate of a parc file's rows (a row is ≈ 70 bytes), per shard: 0 when unknown. */
function lignesAttendues(parc: string, parts: number): number {
  try {
    return Math.ceil(statSync(parc).size / 64 / parts);
  } catch {
    return 0; // readTable reports the file
  }
}

const PARALLEL_BYTES = 20 * 1024 * 1024;
const WORKER_HEAP_MB = Number(process.env['CONVFLUX_WORKER_HEAP_MB'] ?? 1024);
const workerUrl = new URL('./evaluate-worker.js', import.meta.url);

/** Worker threads for a parc file by default: one per core (at most 4) from 20 MB on, else 0. */
export function defaultWorkers(parc: string): number {
  try {
    return statSync(parc).size >= PARALLEL_BYTES ? Math.min(availableParallelism(), 4) : 0;
  } catch {
    return 0;
  }
}

/** A shard worker's one answer (plain data from another thread: its fields as it sent them). */
export type ShardAnswer = { ok?: boolean; error?: string } & Partial<Record<string, unknown>>;

/**
 * Starts a worker thread that sends what the main thread asks of it at each step (`recevoir`:
 * its keys, then its candidate rows, see envoyerDoublons), then answers once, `{ ok: true, … }`
 * or `{ ok: false, error }`, with a bounded heap (V8 collects sooner: the peak stays near what is
 * live); `done` is what `result` reads of its answer, or the worker's error (a step not yet sent
 * fails with it; the steps' bookkeeping is etapes-recues.ts). evaluate's shards and the bilan's
 * use it.
 */
export function startShardWorker<R>(
  url: URL,
  workerData: unknown,
  result: (m: ShardAnswer) => R | undefined,
): ShardLance & { done: Promise<R> } {
  const worker = new Worker(url, {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  const etapes = new EtapesRecues();
  const done = new Promise<R>((resolvePromise, reject) => {
    const echec = (e: unknown): void => {
      const erreur = e instanceof Error ? e : new Error(String(e));
      etapes.echouer(erreur);
      reject(erreur);
    };
    const ecouter = (m: ShardAnswer): void => {
      const etape = m['etape'];
      if (typeof etape === 'string' && m.ok === undefined) {
        etapes.arriver(etape, m['valeur']);
        return;
      }
      worker.off('message', ecouter);
      void worker.terminate();
      const r = m.ok ? result(m) : undefined;
      if (r !== undefined) resolvePromise(r);
      else echec(new Error(m.error ?? 'worker failed'));
    };
    worker.on('message', ecouter);
    worker.once('error', echec);
  });
  const recevoir = (etape: string): Promise<unknown> => etapes.recevoir(etape);
  return { worker, done, recevoir };
}

function startWorker(input: WorkerInput): ShardLance & { done: Promise<Partie> } {
  return startShardWorker(workerUrl, input, (m) => m['partie'] as Partie | undefined);
}
