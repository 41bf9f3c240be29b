/**
 * One event, classified against its flat's history exactly as `convflux evaluate` reads it:
 * - `invalide`: refused with the reason — the row does not pass the events file's checks
 *   (schema, per-type fields, congé dates), its flat is not in the parc, its id is taken, an
 *   annulation that cannot apply, or a row the engine rejects (unknown réservataire, no
 *   convention, a withdrawal without congé…): the rows `evaluate` lists as rejected;
 * - `anomalie`: recorded with an alert — the alerts the engine raises on this very event when it
 *   replays the flat's history with it (out-of-sequence events: a designation outside a cycle,
 *   a CALEOL attribution before any designation, a lease before the attribution, a reprise
 *   before the delay lapsed…), the alerts `evaluate` reports at this row's line and date;
 * - `valide` otherwise.
 * No rule of its own: the checks are the reader's and the state machine's (src/engine/cycle.ts).
 */
import type { Delai } from '../convention/calendar.js';
import type { Diagnostic, DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import { FileReport } from '../diagnostics/file-report.js';
import type { ConventionIndex } from '../engine/convention-index.js';
import { runSync, suivreLogement, type EtatSuivi, type FlatResult } from '../engine/cycle.js';
import { decideCompiled } from '../engine/decide.js';
import { parametresMoteur } from '../engine/evaluate.js';
import { EventStore } from '../engine/event-store.js';
import type { Evenement } from '../flux/evenement.js';
import type { Logement } from '../flux/logement.js';
import { parseEvenement } from '../input/parse-evenement.js';

export type Classement = 'valide' | 'anomalie' | 'invalide';

export interface ContexteClassement {
  /** The flat as the parc gives it; undefined when the parc has no such flat. */
  logement: Logement | undefined;
  /** The flat's events already recorded (valid and anomalous), in recording order. */
  historique: readonly Evenement[];
  index: ConventionIndex;
  lang: Lang;
  /**
   * The row's file and line in messages (default `evenement`, line 1); 0 for an event that has no
   * line (posted live: its diagnostics point into the posted body by their JSON pointer alone).
   */
  file?: string;
  line?: number;
  /**
   * The line of each event of `historique` in the same file (0: recorded before, in no file), so
   * that a duplicate id or a second annulation names the first one's line — not its rank in the
   * flat's history, which `convflux classer` printed as « ligne 6 » for line 358.
   */
  lignesHistorique?: readonly number[];
  /** The vacancy delay (default: the regulation's value at the event's date). */
  vacanceMax?: Delai;
  /**
   * The flat's engine state carried from its previous classification (a file's rows, an
   * import): read, and updated when the event joins the history. Absent: the history replayed.
   */
  reprise?: Reprise;
}

/**
 * A flat's engine state after its history (`etat`, as the state machine left it before the
 * evaluation date's steps): the next event of that flat runs from there instead of replaying the
 * history, when that gives the replay's result — the history has not changed since (`longueur`),
 * the event sorts after it (its date not before `date`, the history's latest; same date: a later
 * line), neither it nor the history is an annulation (which changes what is replayed), and the
 * vacancy delay is the one the state was run with.
 */
export interface Reprise {
  etat?: EtatSuivi;
  longueur: number;
  date: string;
  vacanceMax?: Delai;
}

export interface ResultatClassement {
  classement: Classement;
  /** The event as read (valid and anomalous events). */
  evenement?: Evenement;
  /** invalide: why it is refused; anomalie: the alerts raised on it; valide: none. */
  diagnostics: Diagnostic[];
}

const invalide = (diagnostics: Diagnostic[]): ResultatClassement => ({
  classement: 'invalide',
  diagnostics,
});

/** Classifies one row (CSV text or JSON values; the object is not modified). */
export function classerEvenement(
  ligne: Readonly<Record<string, unknown>>,
  ctx: ContexteClassement,
): ResultatClassement {
  const file = ctx.file ?? 'evenement';
  const line = ctx.line ?? 1;
  const report = new FileReport(file, ctx.lang);
  const diag = (code: string, params: DiagnosticParams, pointer = ''): Diagnostic =>
    report.add(code, params, pointer, { line, column: 0 });
  const parsed = parseEvenement({ ...ligne }, line, file, ctx.lang);
  if (!parsed.ok) return invalide(parsed.diagnostics);
  const e = parsed.value;
  const l = ctx.logement;
  if (!l || l.logement !== e.logement)
    return invalide([diag('LOGEMENT_INCONNU', { logement: e.logement }, '/logement')]);
  const premiere = ctx.historique.findIndex((h) => h.id === e.id);
  if (premiere >= 0) {
    const ligne = ctx.lignesHistorique?.[premiere] ?? 0;
    return invalide([diag('EVENEMENT_DOUBLON', ligne > 0 ? { premiere: ligne } : {}, '/id')]);
  }

  // The history numbered 1…n in recording order, the new event n + 1 (the store's sort key).
  const ici = ctx.historique.length + 1;
  const vacanceMax = ctx.vacanceMax ?? parametresMoteur(e.date, ctx.lang).vacanceMax;
  const reprise = repriseDe(ctx, e, vacanceMax);
  // Carried forward: the event alone, as the store reads it (no annulation on this path).
  const { events, annulations } = reprise
    ? { events: [EventStore.seul(e, ici)], annulations: [] }
    : historiqueLu(ctx.historique, e);
  const annulation = annulations.find((a) => a.line === ici);
  if (annulation) {
    const params: DiagnosticParams = { annule: annulation.annule };
    if (annulation.annulee_par !== undefined) params['annulee_par'] = annulation.annulee_par;
    // The store numbers the history 1…n: the first annulation's line in the file, where it has one.
    const ligne =
      annulation.premiere !== undefined
        ? (ctx.lignesHistorique?.[annulation.premiere - 1] ?? 0)
        : 0;
    if (ligne > 0) params['premiere'] = ligne;
    return invalide([diag(annulation.code, params, '/annule')]);
  }
  if (e.type === 'annulation') return { classement: 'valide', evenement: e, diagnostics: [] };

  const date = events.reduce((m, x) => (x.date > m ? x.date : m), e.date);
  let etat: EtatSuivi | undefined;
  const garder = ctx.reprise && !ctx.historique.some((h) => h.type === 'annulation');
  const r: FlatResult = runSync(
    suivreLogement(l, events, ctx.index, {
      date,
      vacanceMax,
      trace: false,
      ...(reprise ? { reprise } : {}),
      ...(garder ? { capture: (x: EtatSuivi) => (etat = x) } : {}),
    }),
    (req) => decideCompiled(req.version.compiled, req.facts),
  );
  const rejets = r.rejets.filter((x) => x.line === ici);
  if (rejets.length) return invalide(rejets.map((x) => diag(x.code, x.params, x.pointeur)));
  if (ctx.reprise) Object.assign(ctx.reprise, { etat, longueur: ici, date, vacanceMax });
  const alertes = r.alertes.filter((a) => a.line === ici && a.date === e.date);
  if (alertes.length)
    return {
      classement: 'anomalie',
      evenement: e,
      diagnostics: alertes.map((a) => diag(a.code, a.params)),
    };
  return { classement: 'valide', evenement: e, diagnostics: [] };
}

/** The history then the event, numbered 1…n + 1, as the state machine takes them. */
function historiqueLu(historique: readonly Evenement[], e: Evenement) {
  const store = new EventStore(historique.length + 1);
  historique.forEach((h, i) => {
    store.add(h, i + 1);
  });
  store.add(e, historique.length + 1);
  return store.events(0);
}

/** The carried state to run the event from, when that gives the replay's result (`Reprise`). */
function repriseDe(
  ctx: ContexteClassement,
  e: Evenement,
  vacanceMax: Delai,
): EtatSuivi | undefined {
  const rep = ctx.reprise;
  if (!rep?.etat || rep.longueur !== ctx.historique.length) return undefined;
  if (e.type === 'annulation' || e.date < rep.date) return undefined;
  const d = rep.vacanceMax;
  return d?.nombre === vacanceMax.nombre && d.unite === vacanceMax.unite ? rep.etat : undefined;
}
