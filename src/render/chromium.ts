/**
 * HTML → PDF with Debian's Chromium driven by puppeteer-core: one browser per run, a small pool
 * of reused pages, every request that is not a data: URL (our inlined fonts) or a file: URL of
 * our own templates is aborted and counted. Nothing is ever fetched from the network.
 * Chromium is spawned by chromium-process.ts (possibly before this module is even loaded) and
 * driven over its DevTools pipe.
 */
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
// puppeteer-core's browser build: `connect` over a transport without the launcher and its
// dependencies (half of puppeteer-core's import time). Same classes, same CDP code.
import type { Browser, HTTPRequest, Page } from 'puppeteer-core/internal/api/api.js';
import type { ConnectionTransport } from 'puppeteer-core/internal/common/ConnectionTransport.js';
import { connect as connectBrowser } from 'puppeteer-core/internal/puppeteer-core-browser.js';
import { ChromiumFailedError, ChromiumProcess } from './chromium-process.js';
import { pageParts } from './page-parts.js';
import { pdfOptions } from './pdf-options.js';
import { swapBody } from './swap-body.js';
import { TEMPLATES_DIR } from './templates.js';

/** CDP messages over Chromium's pipe: JSON texts, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  private pending: Buffer[] = [];
  private closed = false;
  private closeHandler: (() => void) | undefined;

  /** Set by puppeteer's Connection, maybe after Chromium already died: it is told at once. */
  get onclose(): (() => void) | undefined {
    return this.closeHandler;
  }
  set onclose(handler: (() => void) | undefined) {
    this.closeHandler = handler;
    if (this.closed && handler) setImmediate(handler);
  }

  private readonly write: Writable;

  constructor(chromium: ChromiumProcess) {
    const { read, write } = chromium.pipe();
    this.write = write;
    read.on('data', (chunk: Buffer) => {
      this.receive(chunk);
    });
    read.on('close', () => {
      this.closed = true;
      this.onclose?.();
    });
    read.on('error', () => undefined);
    // Chromium may have died before anyone listened (spawned early, during the imports).
    if (read.destroyed) this.closed = true;
  }

  private receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.pending.push(chunk);
      return;
    }
    let start = 0;
    let message = Buffer.concat([...this.pending, chunk.subarray(0, end)]).toString('utf8');
    this.pending = [];
    for (;;) {
      const text = message;
      // Asynchronously, like puppeteer's own transport: a handler never runs inside another.
      setImmediate(() => this.onmessage?.(text));
      start = end + 1;
      end = chunk.indexOf(0, start);
      if (end === -1) break;
      message = chunk.toString('utf8', start, end);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  send(message: string): void {
    if (this.closed) return;
    this.write.write(message);
    this.write.write('\0');
  }

  close(): void {
    this.closed = true;
  }
}

export interface PdfPageOptions {
  header: string;
  footer: string;
  /** The document's <title> is ignored: metadata are set afterwards (finish-pdf.ts). */
}

export interface RequestLog {
  /** Requests let through (data: and our own file: URLs). */
  allowed: number;
  /** Requests aborted, with their URL (a template tried to reach something). */
  blocked: string[];
}

const TEMPLATES_URL = pathToFileURL(TEMPLATES_DIR).href;

function allowedUrl(url: string): boolean {
  return url.startsWith('data:') || url === 'about:blank' || url.startsWith(`${TEMPLATES_URL}/`);
}

export interface LaunchOptions {
  executablePath?: string;
  /** Pages printing at once (2 saturates 2 cores). */
  pages?: number;
  /** Pages opened and warmed up at start (default 1: a second one would compete for the CPU with
   * the first PDF); the others open when needed. */
  warm?: number;
  /** A document laid out once per page at start: fonts and stylesheet are warm for the first PDF. */
  warmup?: string;
  /** How long Chromium may take to answer (default 30 s). */
  timeoutMs?: number;
}

export class PdfBrowser {
  private readonly idle: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];
  private pages = 0;
  /** The head each page holds (page-parts.ts): a document with the same one only swaps its body. */
  private readonly heads = new WeakMap<Page, string>();
  readonly requests: RequestLog = { allowed: 0, blocked: [] };
  /** Documents loaded whole, and documents whose body only was swapped into a page's head. */
  readonly loads = { whole: 0, swapped: 0 };

  private constructor(
    private readonly browser: Browser,
    /** The Chromium process it drives (its stderr, its end). */
    readonly chromium: ChromiumProcess,
    readonly version: string,
    /** Pages printing at once. */
    readonly maxPages: number,
  ) {}

  /** Starts Chromium and drives it (throws ChromiumMissingError when it is not installed). */
  static async launch(options: LaunchOptions = {}): Promise<PdfBrowser> {
    return PdfBrowser.connect(ChromiumProcess.spawn(options.executablePath), options);
  }

  /**
   * Drives a Chromium already spawned (ChromiumProcess.spawn, e.g. before the heavy imports of a
   * cold start). On failure the process is killed and what it said on stderr is in the error.
   */
  static async connect(
    chromium: ChromiumProcess,
    options: LaunchOptions = {},
  ): Promise<PdfBrowser> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`Chromium n’a pas répondu en ${String(timeoutMs / 1000)} s`));
        }, timeoutMs);
      });
      const exited = chromium.exited.then(({ code, signal }) => {
        throw new Error(`Chromium s’est arrêté au démarrage (${signal ?? `code ${String(code)}`})`);
      });
      // Chromium also exits at close(), once nobody listens any more.
      exited.catch(() => undefined);
      const browser = await Promise.race([
        connectBrowser({
          transport: new PipeTransport(chromium),
          defaultViewport: { width: 800, height: 600 },
        }),
        exited,
        timeout,
      ]);
      const version = (await browser.version()).replace(/^(Headless)?Chrome\//, 'Chromium ');
      const pdfBrowser = new PdfBrowser(browser, chromium, version, options.pages ?? 2);
      const pages = await Promise.race([
        Promise.all(
          Array.from({ length: Math.min(options.warm ?? 1, pdfBrowser.maxPages) }, async () => {
            const page = await pdfBrowser.newPage();
            if (options.warmup !== undefined)
              await pdfBrowser.load(page, options.warmup, timeoutMs);
            return page;
          }),
        ),
        exited,
        timeout,
      ]);
      pdfBrowser.pages = pages.length;
      pdfBrowser.idle.push(...pages);
      return pdfBrowser;
    } catch (error) {
      chromium.kill();
      await chromium.dispose();
      const said = chromium.stderr();
      const message = error instanceof Error ? error.message : String(error);
      throw new ChromiumFailedError(
        `${message} (${chromium.executablePath})${said ? ` ; Chromium a écrit :\n${said}` : ''}`,
        chromium.executablePath,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private initialTab = true;

  /** The tab Chromium opened at start (about:blank) is used first: one renderer less to start. */
  private async newPage(): Promise<Page> {
    let page: Page | undefined;
    if (this.initialTab) {
      this.initialTab = false;
      page = (await this.browser.pages()).find((p) => p.url() === 'about:blank');
    }
    page ??= await this.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      if (allowedUrl(url)) {
        this.requests.allowed++;
        void request.continue();
      } else {
        this.requests.blocked.push(url);
        void request.abort('blockedbyclient');
      }
    });
    return page;
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop();
    if (page) return page;
    if (this.pages < this.maxPages) {
      this.pages++;
      return this.newPage();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  /** Prints one HTML document to PDF (A4, header and footer, tagged, with an outline). */
  async pdf(html: string, options: PdfPageOptions): Promise<Uint8Array> {
    const page = await this.acquire();
    try {
      await this.load(page, html);
      // page.pdf waits for document.fonts.ready itself (puppeteer-core's Page.pdf).
      const bytes = await page.pdf(pdfOptions(options.header, options.footer));
      return bytes;
    } catch (error) {
      this.heads.delete(page);
      throw await this.explain(error);
    } finally {
      this.release(page);
    }
  }

  /**
   * The document in the page: only its body when the page already holds the same head (fonts and
   * stylesheets stay decoded: the same PDF, less work for Chromium), else the whole page.
   */
  private async load(page: Page, html: string, timeout = 30_000): Promise<void> {
    const parts = pageParts(html);
    if (parts && this.heads.get(page) === parts.head) {
      await swapBody(page, parts);
      this.loads.swapped++;
      return;
    }
    this.heads.delete(page);
    await page.setContent(html, { waitUntil: 'load', timeout });
    this.loads.whole++;
    if (parts) this.heads.set(page, parts.head);
  }

  /** A protocol error because Chromium died says so, with what Chromium wrote. */
  private async explain(error: unknown): Promise<unknown> {
    const ended = await Promise.race([
      this.chromium.exited,
      new Promise<undefined>((resolve) => {
        setTimeout(() => {
          resolve(undefined);
        }, 1_000).unref();
      }),
    ]);
    if (!ended) return error;
    const said = this.chromium.stderr();
    return new ChromiumFailedError(
      `Chromium s’est arrêté pendant l’impression (${ended.signal ?? `code ${String(ended.code)}`}, ${this.chromium.executablePath})${said ? ` ; Chromium a écrit :\n${said}` : ''}`,
      this.chromium.executablePath,
      { cause: error },
    );
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await this.chromium.dispose();
    }
  }
}
