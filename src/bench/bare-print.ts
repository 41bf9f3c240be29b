/**
 * The floor of the render benchmark (render-bench.ts): a bare puppeteer-core print of the HTML
 * convflux would print — nothing but `puppeteer.launch`, `page.setContent` and `page.pdf` — with
 * the same Chromium binary and command line (`CHROMIUM_ARGS` over a pipe, what convflux runs) and
 * the same `page.pdf` options, tagging included (`pdfOptions`, shared with src/render/chromium.ts).
 * No check, no view, no template, no request filter, no pdf-lib finishing.
 *
 * As a child process, the cold floor: launch Chromium, one page, one PDF, exit.
 *   node dist/bench/bare-print.js JOB.json OUT.pdf      (JOB.json: { html, header, footer })
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../render/chromium-process.js';
import { pdfOptions } from '../render/pdf-options.js';

/** One document as convflux would hand it to Chromium. */
export interface PrintJob {
  html: string;
  header: string;
  footer: string;
}

export function bareLaunch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    args: CHROMIUM_ARGS,
  });
}

export async function barePrint(page: Page, job: PrintJob): Promise<Uint8Array> {
  await page.setContent(job.html, { waitUntil: 'load' });
  return page.pdf(pdfOptions(job.header, job.footer));
}

/**
 * Prints every job with `inFlight` pages at once (each page takes the next job when it is free),
 * calling `onDone` after each PDF; the pages are opened before the first job.
 */
export async function barePrintAll(
  browser: Browser,
  jobs: readonly PrintJob[],
  inFlight: number,
  onDone: (bytes: Uint8Array) => void,
): Promise<void> {
  const pages = await Promise.all(Array.from({ length: inFlight }, () => browser.newPage()));
  let next = 0;
  await Promise.all(
    pages.map(async (page) => {
      for (let job = jobs[next++]; job; job = jobs[next++]) onDone(await barePrint(page, job));
    }),
  );
}

async function cold(jobFile: string, out: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as PrintJob;
  const browser = await bareLaunch();
  try {
    writeFileSync(out, await barePrint(await browser.newPage(), job));
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [jobFile, out] = process.argv.slice(2);
  if (!jobFile || !out) {
    console.error('usage : node dist/bench/bare-print.js JOB.json SORTIE.pdf');
    process.exitCode = 2;
  } else
    cold(jobFile, out).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    });
}
