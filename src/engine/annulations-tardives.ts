/**
 * An annulation dated in year N of an event of an earlier year (the journal is corrected in N):
 * the earlier year's figures were issued with that event and are never restated. Each year Y is
 * what its own evaluation gives — the flat's events up to 31 December of Y with the annulations
 * dated by then — and the points that the correction takes from (or gives to) the years before Y
 * are regularised in Y, at the date of the annulation (a negative regularisation, as for
 * provisional points without follow-up). So the cumul of the years is the corrected history.
 */
import { lastVersionBefore, type ConventionIndex } from './convention-index.js';
import type { EtapeTrace, FlatResult, Score } from './cycle.js';
import type { AnnulationsTardives } from './event-store.js';

const fin = (annee: number): string => `${String(annee)}-12-31`;

/** Whether the evaluation of year `annee` read events that a later annulation cancels. */
export function anneeCorrigee(t: AnnulationsTardives, annee: number): boolean {
  const f = fin(annee);
  return t.tardives.some((a) => a.dateAnnule <= f && a.date > f);
}

/**
 * The regularisation scores of year `annee`: per convention, the points the corrected history
 * (`r`, the flat as year `annee` reads it) gives before 1 January of `annee`, minus those the
 * evaluation of the year before gave (`avant`). Dated at the last annulation of the year that
 * cancels an earlier year's event.
 */
export function regularisationsAnnulation(
  r: FlatResult,
  avant: FlatResult,
  t: AnnulationsTardives,
  annee: number,
  index: ConventionIndex,
): Score[] {
  const debut = `${String(annee)}-01-01`;
  const dans = t.tardives.filter(
    (a) => a.dateAnnule < debut && a.date >= debut && a.date <= fin(annee),
  );
  const derniere = dans.reduce<(typeof dans)[number] | undefined>(
    (m, a) =>
      m === undefined || a.date > m.date || (a.date === m.date && a.line > m.line) ? a : m,
    undefined,
  );
  if (!derniere) return [];
  const ecarts = new Map<number, number>();
  const derniersScores = new Map<number, Score>();
  for (const s of r.scores)
    if (s.date < debut) {
      ecarts.set(s.entry, (ecarts.get(s.entry) ?? 0) + s.points);
      derniersScores.set(s.entry, s);
    }
  for (const s of avant.scores)
    if (s.date < debut) {
      ecarts.set(s.entry, (ecarts.get(s.entry) ?? 0) - s.points);
      if (!derniersScores.has(s.entry)) derniersScores.set(s.entry, s);
    }
  const scores: Score[] = [];
  for (const [entry, ecart] of ecarts) {
    const points = Math.round(ecart * 1e6) / 1e6;
    if (points === 0) continue;
    const e = index.entries[entry];
    const dernier = derniersScores.get(entry);
    const version =
      (e && lastVersionBefore(e, derniere.date)?.convention.version) ?? dernier?.version ?? 1;
    const score: Score = {
      entry,
      date: derniere.date,
      points,
      rule: 'annulation',
      cle: dernier?.cle ?? '',
      version,
      line: derniere.line,
      regularisation: true,
    };
    if (dernier?.contingent) score.contingent = dernier.contingent;
    scores.push(score);
  }
  return scores;
}

/** The flat's results year by year for the earlier years a late annulation corrects. */
export async function resultatsParAnnee(
  r: FlatResult,
  t: AnnulationsTardives,
  premiere: number,
  annee: number,
  index: ConventionIndex,
  rejouer: (events: ReturnType<AnnulationsTardives['jusqua']>, date: string) => Promise<FlatResult>,
): Promise<{ annee: FlatResult; anterieures: Map<number, FlatResult> }> {
  /** R_Y: the flat as the evaluation of year Y read it (undefined: as `r`). */
  const lu = new Map<number, FlatResult>();
  for (let y = premiere; y < annee; y++)
    if (anneeCorrigee(t, y)) lu.set(y, await rejouer(t.jusqua(fin(y)), fin(y)));
  const corrige = (y: number, ry: FlatResult): FlatResult => {
    const avant = lu.get(y - 1);
    if (!avant) return ry;
    const scores = regularisationsAnnulation(ry, avant, t, y, index);
    if (!scores.length) return ry;
    const out: FlatResult = { ...ry, scores: [...ry.scores, ...scores] };
    if (ry.trace) out.trace = tracer(ry.trace, scores);
    return out;
  };
  const anterieures = new Map<number, FlatResult>();
  for (let y = premiere; y < annee; y++) {
    const ry = lu.get(y);
    const c = corrige(y, ry ?? r);
    if (c !== r) anterieures.set(y, c);
  }
  return { annee: corrige(annee, r), anterieures };
}

/** `--explain`: one step per regularisation, at the annulation's date, among the flat's steps. */
function tracer(trace: readonly EtapeTrace[], scores: readonly Score[]): EtapeTrace[] {
  const out = [...trace];
  for (const s of scores) {
    const etape: EtapeTrace = {
      line: s.line,
      date: s.date,
      type: 'annulation',
      entry: s.entry,
      version: s.version,
      decisions: [],
      alertes: [],
      regularisation: s.points,
    };
    const k = out.findIndex((e) => e.date > s.date);
    out.splice(k < 0 ? out.length : k, 0, etape);
  }
  return out;
}
