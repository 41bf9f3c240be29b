/**
 * The copies of `convflux bilan` written by worker threads: writing the documents (the tables,
 * the charts, the HTML or the PDF, the CSV and the workbook) is most of a bilan's time, and one
 * copy does not depend on another. The workers start while the main thread evaluates the year
 * (their modules, the templates and, in PDF mode, their own Chromium load meanwhile); then the
 * main thread writes copies itself and hands each worker one copy at a time (two in flight each,
 * as the in-process writer) with the plain data of that copy: the same `ecrireCopie` writes the
 * same bytes under the same names.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiagnosticParams, Lang } from '../diagnostics/diagnostic.js';
import type { IndexDescription } from '../engine/convention-index.js';
import { describeIndex, ConventionIndex } from '../engine/convention-index.js';
import type { Evaluation } from '../engine/evaluation.js';
import type { RequestLog } from '../render/chromium.js';
import { isErrnoError, SystemError } from '../source/system-error.js';
import type { ContexteEcriture } from './bilan-copie.js';
import type { CopieBilan } from './bilan-groupes.js';
import type { PrevisionBilan } from './bilan-prevision.js';
import type { BilanDocument } from './bilan-render.js';
import type { DetailLogement, VentilationBailleur, VentilationConvention } from './collecte.js';

/** What every copy shares (the first message, once the year is evaluated). */
export interface ContexteCopies {
  type: 'contexte';
  evaluation: Evaluation;
  outDir: string;
  lang: Lang;
  cwd: string;
  generateur: string;
  entrees: string[][];
  donnees: string;
  prevision?: PrevisionBilan;
}

/** One copy to write, with its plain data. */
export interface CopieAEcrire {
  type: 'copie';
  numero: number;
  copie: CopieBilan;
  /** The index entries of its conventions. */
  index: IndexDescription;
  ventilations: [string, VentilationConvention][];
  bailleur: VentilationBailleur;
  details: [string, DetailLogement[]][];
}

export type MessageCopies = ContexteCopies | CopieAEcrire | { type: 'fin' };

/** An error as it crosses threads: a SystemError or an errno error keep their code. */
export interface ErreurTransmise {
  message: string;
  systeme?: { code: string; params: DiagnosticParams; file: string };
  errno?: { code: string; path?: string; syscall?: string; errno?: number };
}

export type CopiesReponse =
  | { type: 'document'; numero: number; document: BilanDocument }
  | { type: 'erreur'; numero: number; error: ErreurTransmise }
  | { type: 'fin'; requests: RequestLog };

/** The error of a worker, said so that the main thread can throw it again with its code. */
export function transmettre(error: unknown): ErreurTransmise {
  if (error instanceof SystemError)
    return {
      message: error.message,
      systeme: { code: error.code, params: error.params, file: error.file },
    };
  if (isErrnoError(error))
    return {
      message: error.message,
      errno: {
        code: error.code,
        ...(error.path !== undefined ? { path: error.path } : {}),
        ...(error.syscall !== undefined ? { syscall: error.syscall } : {}),
        ...(error.errno !== undefined ? { errno: error.errno } : {}),
      },
    };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The error a worker sent, thrown again in the main thread (same class for the CLI's codes). */
function recevoir(e: ErreurTransmise): Error {
  if (e.systeme) {
    const s = new SystemError(e.systeme.code, e.systeme.params, e.systeme.file);
    s.message = e.message;
    return s;
  }
  if (e.errno) return Object.assign(new Error(e.message), e.errno);
  return new Error(e.message);
}

/**
 * Below this many copies (foreseen from the conventions loaded) the documents are written
 * in-process: a worker's start (its modules, the templates, ECharts, and in PDF mode its
 * own Chromium) and its first, not yet optimised copies cost about 1,3 s of CPU, what three
 * copies cost in a warm thread.
 */
export const COPIES_PARALLELES_MIN = 4;
const workerUrl = new URL('./copies-worker.js', import.meta.url);

/**
 * About how many copies the conventions loaded give, before the year is evaluated: one per
 * bailleur × département, or per one holding a `--convention`, and per `--reservataire` that has
 * a convention in it (as selectionnerCopies; conventions not in force in the year count too).
 */
export function copiesPrevues(
  index: ConventionIndex,
  selection: { reservataires?: readonly string[]; conventions?: readonly string[] } | undefined,
): number {
  const ids = selection?.conventions ?? [];
  const reservataires = selection?.reservataires ?? [];
  const groupes = new Map<string, { retenu: boolean; reservataires: Set<string> }>();
  for (const e of index.entries) {
    const cle = `${e.bailleur}|${e.departement}`;
    let g = groupes.get(cle);
    if (!g) {
      g = { retenu: !ids.length, reservataires: new Set() };
      groupes.set(cle, g);
    }
    if (ids.includes(e.id)) g.retenu = true;
    if (!ids.length || ids.includes(e.id)) g.reservataires.add(e.reservataire);
  }
  let n = 0;
  for (const g of groupes.values())
    if (g.retenu)
      n += reservataires.length ? reservataires.filter((r) => g.reservataires.has(r)).length : 1;
  return n;
}

/**
 * Worker threads to start beside the main thread for `copies` copies foreseen: `demandes`
 * threads in all when given (0 or 1: in-process), else one per core (at most 4) from
 * COPIES_PARALLELES_MIN copies on.
 */
export function filsCopies(copies: number, demandes: number | undefined): number {
  if (!existsSync(fileURLToPath(workerUrl))) return 0;
  const n = demandes ?? (copies >= COPIES_PARALLELES_MIN ? Math.min(availableParallelism(), 4) : 0);
  return n > 1 ? n - 1 : 0;
}

/** The plain data of one copy (what `ecrireCopie` reads of the evaluation). */
function donneesCopie(numero: number, copie: CopieBilan, ctx: ContexteEcriture): CopieAEcrire {
  const ids = copie.groupe.conventions.map((c) => c.id);
  const index = new ConventionIndex();
  for (const id of ids) {
    const entry = ctx.bilan.entrees.get(id);
    if (entry) index.add(entry);
  }
  return {
    type: 'copie',
    numero,
    copie,
    index: describeIndex(index),
    ventilations: ids.map((id) => [id, ctx.bilan.ventilation(id)]),
    bailleur: ctx.bilan.ventilationBailleur(copie.groupe.bailleur.siren, copie.groupe.departement),
    details: copie.destinataire !== undefined ? ids.map((id) => [id, ctx.bilan.detail(id)]) : [],
  };
}

/** Worker threads that write copies; started before the year is evaluated. */
export class EcrivainsCopies {
  private readonly workers: Worker[];

  constructor(fils: number, html: boolean) {
    this.workers = Array.from({ length: fils }, () => {
      const w = new Worker(workerUrl, { workerData: { html } });
      // An error before `ecrire` listens (e.g. a module that fails to load) is said there.
      w.on('error', () => undefined);
      return w;
    });
  }

  /** Ends the threads (their browsers with them). */
  async fermer(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /**
   * Writes `copies`: the main thread (`local`, two copies in flight, as in-process) and each
   * worker (two in flight) take the next copy in turn. The documents come back in the order they
   * were finished (the caller sorts them by file name, as in-process). The threads end with it.
   */
  async ecrire(
    copies: readonly CopieBilan[],
    ctx: ContexteEcriture,
    local: (copie: CopieBilan) => Promise<BilanDocument>,
    onDocument: (d: BilanDocument, copie: CopieBilan) => void,
  ): Promise<{ documents: BilanDocument[]; requests: RequestLog }> {
    const contexte: ContexteCopies = {
      type: 'contexte',
      evaluation: ctx.bilan.evaluation,
      outDir: ctx.outDir,
      lang: ctx.lang,
      cwd: ctx.cwd,
      generateur: ctx.generateur,
      entrees: ctx.entrees,
      donnees: ctx.donnees,
      ...(ctx.prevision ? { prevision: ctx.prevision } : {}),
    };
    const documents: BilanDocument[] = [];
    const requests: RequestLog = { allowed: 0, blocked: [] };
    const workers = this.workers;
    let suivante = 0;
    const prendre = (): number | undefined => (suivante < copies.length ? suivante++ : undefined);
    const fait = (n: number, d: BilanDocument): void => {
      documents.push(d);
      const copie = copies[n];
      if (copie) onDocument(d, copie);
    };
    try {
      const distants = new Promise<void>((resolvePromise, reject) => {
        let enCours = 0;
        let finis = 0;
        const envoyer = (w: Worker): boolean => {
          const n = prendre();
          const copie = n === undefined ? undefined : copies[n];
          if (n === undefined || !copie) return false;
          enCours++;
          w.postMessage(donneesCopie(n, copie, ctx) satisfies MessageCopies);
          return true;
        };
        const finir = (): void => {
          for (const x of workers) x.postMessage({ type: 'fin' } satisfies MessageCopies);
        };
        for (const w of workers) {
          w.on('error', reject);
          w.on('exit', () => {
            reject(new Error('un thread d’écriture des bilans s’est arrêté'));
          });
          w.on('message', (m: CopiesReponse) => {
            if (m.type === 'erreur') {
              reject(recevoir(m.error));
              return;
            }
            if (m.type === 'fin') {
              requests.allowed += m.requests.allowed;
              requests.blocked.push(...m.requests.blocked);
              if (++finis === workers.length) resolvePromise();
              return;
            }
            enCours--;
            fait(m.numero, m.document);
            if (!envoyer(w) && enCours === 0) finir();
          });
          w.postMessage(contexte);
          envoyer(w);
          envoyer(w);
        }
        if (enCours === 0) finir();
      });
      const ecrivain = async (): Promise<void> => {
        for (let n = prendre(); n !== undefined; n = prendre()) {
          const copie = copies[n];
          if (copie) fait(n, await local(copie));
        }
      };
      await Promise.all([distants, ecrivain(), ecrivain()]);
    } finally {
      await this.fermer();
    }
    return { documents, requests };
  }
}
