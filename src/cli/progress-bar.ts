/**
 * A one-line progress bar on a terminal's stderr, for runs longer than two seconds: never in a
 * pipe, never with --json, drawn only once the run has lasted the delay, erased at the end.
 * With a count (`update`) it fills; before the first count it shows the phase and the time.
 */
import type { Lang } from '../diagnostics/diagnostic.js';

const WIDTH = 24;
const DEFAULT_DELAY_MS = 2000;

/** The delay before the bar appears: 2 s, or CONVFLUX_PROGRESSION_DELAI (milliseconds). */
function delayMs(): number {
  const env = Number(process.env['CONVFLUX_PROGRESSION_DELAI']);
  return Number.isFinite(env) && env >= 0 ? env : DEFAULT_DELAY_MS;
}

export class ProgressBar {
  private last = '';
  private shown = false;
  private done = 0;
  private total = 0;
  private label: string;
  private readonly started = Date.now();
  private readonly timers: NodeJS.Timeout[] = [];

  private constructor(
    private readonly stream: NodeJS.WriteStream,
    label: string,
    private readonly lang: Lang,
  ) {
    this.label = label;
    const show = (): void => {
      this.shown = true;
      this.draw();
      const every = setInterval(() => {
        this.draw();
      }, 250);
      every.unref();
      this.timers.push(every);
    };
    const wait = setTimeout(show, delayMs());
    wait.unref();
    this.timers.push(wait);
  }

  /** A bar on stderr when it is a terminal and the output is not JSON; otherwise none. */
  static start(label: string, flags: { json: boolean; lang: Lang }): ProgressBar | undefined {
    const stream = process.stderr;
    return stream.isTTY && !flags.json ? new ProgressBar(stream, label, flags.lang) : undefined;
  }

  update(done: number, total: number, label: string): void {
    this.done = done;
    this.total = total;
    this.label = label;
    if (this.shown) this.draw();
  }

  private draw(): void {
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    const time = this.lang === 'fr' ? `${String(seconds)}\u202fs` : `${String(seconds)} s`;
    let bar: string;
    let count = '';
    if (this.total > 0) {
      const filled = Math.round((this.done / this.total) * WIDTH);
      bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
      count = ` ${String(this.done)}/${String(this.total)}`;
    } else {
      // No count yet: a block moving back and forth says the run is alive.
      const step = Math.floor((Date.now() - this.started) / 250) % (2 * (WIDTH - 3));
      const at = step < WIDTH - 3 ? step : 2 * (WIDTH - 3) - step;
      bar = `${'░'.repeat(at)}███${'░'.repeat(WIDTH - 3 - at)}`;
    }
    const columns = this.stream.columns || 80;
    const line = `${bar}${count} ${time} ${this.label}`.slice(0, columns - 1);
    this.stream.write(`\r${line.padEnd(this.last.length)}`);
    this.last = line;
  }

  /** Stops the bar and erases it (the terminal line is left blank). */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    if (this.last) this.stream.write(`\r${' '.repeat(this.last.length)}\r`);
    this.last = '';
    this.shown = false;
  }
}
