/**
 * Starting Chromium without its driver. A cold `convflux render` spawns the browser first (this
 * module only needs node:child_process), then loads puppeteer-core, the checker and pdf-lib while
 * Chromium boots on the other core; `PdfBrowser.connect` (chromium.ts) drives it afterwards over
 * the same `--remote-debugging-pipe` that `puppeteer.launch` would have opened, with exactly the
 * arguments `puppeteer.launch` would have passed (a test compares them with puppeteer-core's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { SystemError } from '../source/system-error.js';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The Chromium to drive: CONVFLUX_CHROMIUM, else Debian's. */
export function chromiumPath(): string {
  return process.env['CONVFLUX_CHROMIUM'] || DEFAULT_CHROMIUM;
}

/** No Chromium where it is looked for: a set-up problem (CHROMIUM_INTROUVABLE, exit 2). */
export class ChromiumMissingError extends SystemError {
  constructor(readonly path: string) {
    super('CHROMIUM_INTROUVABLE', { chemin: path });
    this.message =
      `Chromium introuvable (${path}) : le rendu PDF en a besoin. Sur Debian ou Ubuntu : ` +
      '`sudo apt-get install -y chromium` (paquet chromium, qui fournit /usr/bin/chromium) ; ' +
      'ailleurs, indiquez le chemin du navigateur dans la variable CONVFLUX_CHROMIUM. ' +
      '`convflux render --html` produit le HTML sans navigateur.';
    this.name = 'ChromiumMissingError';
  }
}

/**
 * Chromium could not start, answer or print (what it wrote is in `detail`): a set-up problem
 * (CHROMIUM_EN_ECHEC, exit 2), not a bug of convflux.
 */
export class ChromiumFailedError extends SystemError {
  constructor(detail: string, path: string, options?: { cause?: unknown }) {
    super('CHROMIUM_EN_ECHEC', { chemin: path, detail });
    this.message = detail;
    this.name = 'ChromiumFailedError';
    if (options) this.cause = options.cause;
  }
}

/** Ours, added to puppeteer-core's defaults. */
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

/**
 * `puppeteer.defaultArgs({ headless: true, args: CHROMIUM_ARGS, userDataDir })` of puppeteer-core
 * 24, plus `--remote-debugging-pipe`: what `puppeteer.launch({ pipe: true })` runs. Among them
 * `--export-tagged-pdf` and `--generate-pdf-document-outline` make the PDF tagged and outlined.
 */
export function chromiumArguments(userDataDir: string): string[] {
  return [
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-infobars',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--enable-automation',
    '--export-tagged-pdf',
    '--force-color-profile=srgb',
    '--generate-pdf-document-outline',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
    '--enable-features=PdfOopif',
    `--user-data-dir=${userDataDir}`,
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...CHROMIUM_ARGS,
    '--remote-debugging-pipe',
  ];
}

const STDERR_KEPT = 8 * 1024;

/** A running Chromium, not yet driven: its pipe, its profile folder, how it ended. */
export class ChromiumProcess {
  private stderrTail = '';
  private ended = false;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly killOnExit = (): void => {
    this.kill();
  };

  private constructor(
    private readonly child: ChildProcess,
    readonly userDataDir: string,
    readonly executablePath: string,
  ) {
    // A killed Chromium resets its pipes: that is how it ends, never an uncaught error here.
    for (const stream of child.stdio) stream?.on('error', () => undefined);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEPT);
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.ended = true;
        process.off('exit', this.killOnExit);
        resolve({ code, signal });
      });
      child.once('error', (error) => {
        this.stderrTail += `\n${error.message}`;
        this.ended = true;
        process.off('exit', this.killOnExit);
        resolve({ code: null, signal: null });
      });
    });
    // Never leave a browser behind, whatever ends this process.
    process.once('exit', this.killOnExit);
  }

  /** Spawns Chromium (throws ChromiumMissingError when it is not installed). */
  static spawn(executablePath: string = chromiumPath()): ChromiumProcess {
    if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
    const userDataDir = mkdtempSync(join(tmpdir(), 'convflux-chromium-'));
    try {
      const child = spawn(executablePath, chromiumArguments(userDataDir), {
        // Its own process group, so that kill() reaches the renderers too (as puppeteer does).
        detached: true,
        // Chromium's own temporary files go in its profile folder: removed with it, even after
        // a kill (Chromium cleans them up only when it closes).
        env: { ...process.env, TMPDIR: userDataDir },
        stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      });
      return new ChromiumProcess(child, userDataDir, executablePath);
    } catch (error) {
      rmSync(userDataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The DevTools pipe: Chromium reads fd 3 and writes fd 4. */
  pipe(): { write: Writable; read: Readable } {
    const write = this.child.stdio[3];
    const read = this.child.stdio[4];
    if (!write || !read || !('write' in write) || !('read' in read))
      throw new Error('Chromium lancé sans canal DevTools (--remote-debugging-pipe)');
    return { write, read };
  }

  /** The last lines Chromium wrote on stderr (to explain a failed start): 12 at most. */
  stderr(): string {
    return this.stderrTail.trim().split('\n').slice(-12).join('\n');
  }

  get running(): boolean {
    return !this.ended;
  }

  /**
   * Kills the whole process group at once (no graceful close), also after the browser process
   * itself has ended: its renderers may outlive it.
   */
  kill(): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // no process left in the group
    }
  }

  /** Waits for the exit (killing after `graceMs`), then removes the profile folder. */
  async dispose(graceMs = 5_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    if (this.running) {
      timer = setTimeout(() => {
        this.kill();
      }, graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    // Whatever the browser process left behind in its group.
    this.kill();
    // Closing our ends of the pipes also ends a DevTools connection still waiting for an answer.
    for (const stream of this.child.stdio) stream?.destroy();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
