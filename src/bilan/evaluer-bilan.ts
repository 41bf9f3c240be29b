/**
 * The year of the bilan: the flux engine's evaluation (exactly `convflux evaluate`'s, in-process)
 * and, from the same per-flat results, the finer breakdowns of CCH art. R. 441-5-1 (collecte.ts).
 * The files are read while the conventions load, as `evaluate` does.
 */
import type { ConventionEntry, ConventionIndex } from '../engine/convention-index.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeIndex } from '../engine/convention-index.js';
import {
  arreterShards,
  assembler,
  baseOptions,
  calculerPartie,
  defaultWorkers,
  envoyerDoublons,
  lirePartie,
  startShardWorker,
  type EvaluateOptions,
  type Lecture,
  type Partie,
  type ShardLance,
} from '../engine/evaluate.js';
import type { Shard } from '../input/read-table.js';
import { listeEvenements } from '../engine/fichiers-evenements.js';
import { STDIN } from '../input/table-source.js';
import type { BilanWorkerInput } from './evaluer-bilan-worker.js';
import type { Evaluation } from '../engine/evaluation.js';
import { loadConventions } from '../engine/load-conventions.js';
import {
  CollecteBilan,
  type EtatCollecte,
  type DetailLogement,
  type VentilationBailleur,
  type VentilationConvention,
} from './collecte.js';

/** The options of `evaluate` a bilan takes (the rest is the bilan's own choice). */
export type BilanEvaluationOptions = Pick<
  EvaluateOptions,
  'rules' | 'parc' | 'evenements' | 'annee' | 'date' | 'lang' | 'cwd' | 'signees'
> & {
  /** Keep the flat-level rows of each convention (an addressee's annex). */
  detail?: boolean;
  /**
   * Threads, the main one included, each evaluating a share of the flats (hash of the flat id)
   * and collecting its breakdown: as `evaluate` (default: one per core, at most 4, from a 20 MB
   * parc on; 0 or 1: in-process; always in-process when an input is the standard input).
   */
  workers?: number;
  /** Called once the conventions are loaded, while the files are still being read. */
  surConventions?: (index: ConventionIndex) => void;
};

export interface BilanEvaluation {
  evaluation: Evaluation;
  /** SHA-256 of the inputs read from the standard input (they cannot be read again). */
  empreintes: { parc?: string; evenements?: string };
  /** Index entries by convention id. */
  entrees: ReadonlyMap<string, ConventionEntry>;
  /** The R. 441-5-1 breakdown and the hors-assiette block of one convention. */
  ventilation: (id: string) => VentilationConvention;
  /** The bailleur's own share and deductions in a département (SIREN, département). */
  ventilationBailleur: (bailleur: string, departement: string) => VentilationBailleur;
  /** The flats of one convention's year (empty unless `detail` was asked). */
  detail: (id: string) => DetailLogement[];
}

/** Throws EvaluateUsageError for a bad year or date (as `evaluate`). */
export async function evaluerBilan(o: BilanEvaluationOptions): Promise<BilanEvaluation> {
  const base = baseOptions({
    parc: o.parc,
    evenements: o.evenements,
    annee: o.annee,
    moteur: 'compile',
    ...(o.date !== undefined ? { date: o.date } : {}),
    ...(o.lang !== undefined ? { lang: o.lang } : {}),
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
  });
  const { lang, cwd, date } = base;
  const detail = o.detail === true;
  const stdin = o.parc === STDIN || listeEvenements(o.evenements).includes(STDIN);
  // The standard input can be read once: by one thread.
  const fils = stdin ? 0 : (o.workers ?? defaultWorkers(o.parc));
  // Shard 0 is read and followed by the main thread, the others by worker threads.
  const partage = fils > 1 && existsSync(fileURLToPath(workerUrl));
  const shard = (index: number): Shard => ({ index, count: fils, field: 'logement' });
  const threads = partage
    ? Array.from({ length: fils - 1 }, (_, i) =>
        demarrer({ base: { ...base, shard: shard(i + 1) }, detail }),
      )
    : [];
  const chargement = loadConventions(o.rules, {
    lang,
    cwd,
    ...(o.signees ? { signees: true } : {}),
  }).then((l) => {
    o.surConventions?.(l.index);
    return l;
  });
  const locale = partage ? { ...base, shard: shard(0) } : base;
  const lectureLocale = lirePartie(locale);
  let loaded: Awaited<typeof chargement>;
  let lecture: Lecture;
  try {
    [lecture, loaded] = await Promise.all([lectureLocale, chargement]);
  } catch (error) {
    await Promise.all(threads.map((t) => t.worker.terminate()));
    throw error;
  }
  const description = threads.length ? describeIndex(loaded.index) : undefined;
  for (const t of threads) t.worker.postMessage(description);
  if (threads.length)
    lecture.store.doublonsAilleurs(
      await envoyerDoublons(threads, lecture).catch(arreterShards(threads)),
    );
  const collecte = new CollecteBilan(loaded.index, o.annee, date, detail);
  const partie = await calculerPartie(lecture, loaded.index, locale, (l, r) => {
    collecte.addFlat(l, r);
  });
  const resultats = await Promise.all(threads.map((t) => t.done));
  for (const r of resultats) collecte.fusionner(r.collecte);
  const parties = [partie, ...resultats.map((r) => r.partie)];
  const { evaluation } = assembler(parties, loaded.index, loaded.diagnostics, base);
  const entrees = new Map(loaded.index.entries.map((e) => [e.id, e]));
  return {
    evaluation,
    empreintes: lecture.empreintes,
    entrees,
    ventilation: (id) => {
      const entry = entrees.get(id);
      return entry
        ? collecte.ventilation(entry.index)
        : { lignes: [], horsAssiette: { logements: {}, attributions: {} } };
    },
    ventilationBailleur: (bailleur, departement) =>
      collecte.ventilationBailleur(bailleur, departement),
    detail: (id) => {
      const entry = entrees.get(id);
      return entry ? collecte.detailConvention(entry.index) : [];
    },
  };
}

const workerUrl = new URL('./evaluer-bilan-worker.js', import.meta.url);

interface PartBilan {
  partie: Partie;
  collecte: EtatCollecte;
}

function demarrer(input: BilanWorkerInput): ShardLance & { done: Promise<PartBilan> } {
  return startShardWorker(workerUrl, input, (m) => {
    const partie = m['partie'] as Partie | undefined;
    const collecte = m['collecte'] as EtatCollecte | undefined;
    return partie && collecte ? { partie, collecte } : undefined;
  });
}
