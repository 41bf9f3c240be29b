/**
 * Worker thread of `convflux bilan` (copies-paralleles.ts): writes the copies the main thread
 * hands it, one message each, with the same code as in-process (`ecrireCopie`). It starts while
 * the main thread evaluates the year: its modules, the templates and, in PDF mode, its own
 * Chromium load meanwhile. The evaluation and what every copy shares arrive first (`contexte`),
 * then each copy with its conventions' index entries and breakdowns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexFromDescription } from '../engine/convention-index.js';
import { territoires } from '../reference/territoires.js';
import { PdfBrowser } from '../render/chromium.js';
import { warmupHtml } from '../render/html.js';
import { ecrireCopie, type ContexteEcriture } from './bilan-copie.js';
import { loadBilanTemplates } from './bilan-templates.js';
import type { VentilationConvention } from './collecte.js';
import {
  transmettre,
  type ContexteCopies,
  type CopieAEcrire,
  type CopiesReponse,
  type MessageCopies,
} from './copies-paralleles.js';

const { html } = workerData as { html: boolean };
const templates = loadBilanTemplates();
const browser = html ? undefined : PdfBrowser.launch({ warmup: warmupHtml(templates.convention) });
browser?.catch(() => undefined);
const geo = territoires();
const nomCommune = (code: string): string =>
  (geo.communes.get(code) ?? geo.anciens.get(code))?.nom ?? code;
const VIDE: VentilationConvention = {
  lignes: [],
  horsAssiette: { logements: {}, attributions: {} },
};
let contexte: ContexteCopies | undefined;

async function ecrire(m: CopieAEcrire): Promise<CopiesReponse> {
  const c = contexte;
  if (!c) throw new Error('copie reçue avant le contexte');
  const index = indexFromDescription(m.index);
  const ventilations = new Map(m.ventilations);
  const details = new Map(m.details);
  const ctx: ContexteEcriture = {
    bilan: {
      evaluation: c.evaluation,
      empreintes: {},
      entrees: new Map(index.entries.map((e) => [e.id, e])),
      ventilation: (id) => ventilations.get(id) ?? VIDE,
      ventilationBailleur: () => m.bailleur,
      detail: (id) => details.get(id) ?? [],
    },
    templates,
    outDir: c.outDir,
    lang: c.lang,
    cwd: c.cwd,
    ...(browser ? { browser: await browser } : {}),
    nomCommune,
    generateur: c.generateur,
    entrees: c.entrees,
    donnees: c.donnees,
    ...(c.prevision ? { prevision: c.prevision } : {}),
  };
  return { type: 'document', numero: m.numero, document: await ecrireCopie(m.copie, ctx) };
}

async function fin(): Promise<CopiesReponse> {
  const b = await browser?.catch(() => undefined);
  const requests = b
    ? { allowed: b.requests.allowed, blocked: [...b.requests.blocked] }
    : { allowed: 0, blocked: [] };
  await b?.close();
  return { type: 'fin', requests };
}

parentPort?.on('message', (m: MessageCopies) => {
  if (m.type === 'contexte') {
    contexte = m;
    return;
  }
  (m.type === 'fin' ? fin() : ecrire(m)).then(
    (r) => parentPort?.postMessage(r),
    (error: unknown) =>
      parentPort?.postMessage({
        type: 'erreur',
        numero: m.type === 'copie' ? m.numero : -1,
        error: transmettre(error),
      } satisfies CopiesReponse),
  );
});
