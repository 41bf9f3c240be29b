/**
 * HTML → PDF with Debian's Chromium driven by puppeteer-core: one browser per run, a small pool
 * of reused pages, every request that is not a data: URL (our inlined fonts) or a file: URL of
 * our own templates is aborted and counted. Nothing is ever fetched from the network.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page, type HTTPRequest } from 'puppeteer-core';
import { TEMPLATES_DIR } from './templates.js';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to drive: CONVFLUX_CHROMIUM, else Debian's. */
export function chromiumPath(): string {
  return process.env['CONVFLUX_CHROMIUM'] || DEFAULT_CHROMIUM;
}

export class ChromiumMissingError extends Error {
  constructor(readonly path: string) {
    super(
      `Chromium introuvable (${path}) : le rendu PDF en a besoin. Sur Debian ou Ubuntu : ` +
        '`sudo apt-get install -y chromium` (paquet chromium, qui fournit /usr/bin/chromium) ; ' +
        'ailleurs, indiquez le chemin du navigateur dans la variable CONVFLUX_CHROMIUM. ' +
        '`convflux render --html` produit le HTML sans navigateur.',
    );
    this.name = 'ChromiumMissingError';
  }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--no-default-browser-check',
  '--font-render-hinting=none',
  // Belt and braces: even a request that escaped interception would go nowhere.
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

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

export class PdfBrowser {
  private readonly idle: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];
  private pages = 0;
  readonly requests: RequestLog = { allowed: 0, blocked: [] };

  private constructor(
    private readonly browser: Browser,
    private readonly userDataDir: string,
    readonly version: string,
    private readonly maxPages: number,
  ) {}

  /** Starts Chromium (throws ChromiumMissingError when it is not installed). */
  static async launch(
    options: { executablePath?: string; pages?: number; warmup?: string } = {},
  ): Promise<PdfBrowser> {
    const executablePath = options.executablePath ?? chromiumPath();
    if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
    const userDataDir = await mkdtemp(join(tmpdir(), 'convflux-chromium-'));
    try {
      const browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        userDataDir,
        pipe: true,
        timeout: 30_000,
      });
      const version = (await browser.version()).replace(/^(Headless)?Chrome\//, 'Chromium ');
      const pdfBrowser = new PdfBrowser(browser, userDataDir, version, options.pages ?? 2);
      // Open the pages now, while the caller is still checking its files.
      const pages = await Promise.all(
        Array.from({ length: pdfBrowser.maxPages }, async () => {
          const page = await pdfBrowser.newPage();
          // A first layout with the fonts and stylesheet: the renderer is warm for the first PDF.
          if (options.warmup !== undefined)
            await page.setContent(options.warmup, { waitUntil: 'load', timeout: 30_000 });
          return page;
        }),
      );
      pdfBrowser.pages = pages.length;
      pdfBrowser.idle.push(...pages);
      return pdfBrowser;
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
  }

  private async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
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
      await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
      await page.evaluate('document.fonts.ready.then(() => true)');
      const bytes = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: options.header,
        footerTemplate: options.footer,
        margin: { top: '22mm', bottom: '24mm', left: '22mm', right: '22mm' },
        preferCSSPageSize: false,
        tagged: true,
        outline: true,
        timeout: 60_000,
      });
      return bytes;
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    try {
      await this.browser.close();
    } finally {
      await rm(this.userDataDir, { recursive: true, force: true });
    }
  }
}
