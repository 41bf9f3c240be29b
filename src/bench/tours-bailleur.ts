/**
 * `evaluate-bench.js --seulement-bailleur --tours N`: only (d) one bailleur × département by the
 * CLI and (f) its floor, run N times alternately (d f d f…) on the same files, each round's ratio
 * printed and the median of the rounds' ratios kept — on wall time (the goal's measure) and on CPU
 * time (user + sys, which other processes on a shared machine disturb less). One run's ratio moves
 * by ±15 % as the floor is only ≈ 0,13 s: the median of rounds is the figure to compare.
 */
import { BenchError, fr, median } from './run-bench.js';

/** What one child process took (the bench's runner measures it). */
export interface Mesure {
  seconds: number;
  /** CPU time of the process and its threads (seconds). */
  cpu: number;
  code: number | null;
}

export interface ToursBailleur {
  /** One (d) run: the CLI on the bailleur × département. */
  cli: () => Promise<Mesure>;
  /** One (f) run: the floor on the same files. */
  plancher: () => Promise<Mesure>;
}

const etendue = (values: readonly number[], digits: number): string =>
  `${fr(Math.min(...values), digits)}–${fr(Math.max(...values), digits)}`;

/** Runs the rounds, prints them and their medians; the median wall ratio (the goal: ≤ 4). */
export async function toursBailleur(t: ToursBailleur, tours: number): Promise<number> {
  const mur: number[] = [];
  const cpu: number[] = [];
  const d: Mesure[] = [];
  const f: Mesure[] = [];
  console.log('tour   (d) s  (d) CPU   (f) s  (f) CPU   (d)/(f)  en CPU');
  for (let i = 1; i <= tours; i++) {
    const a = await t.cli();
    const b = await t.plancher();
    if (a.code !== 0 || b.code !== 0)
      throw new BenchError(
        `tour ${String(i)} : codes de sortie ${String(a.code)} et ${String(b.code)}`,
      );
    d.push(a);
    f.push(b);
    mur.push(a.seconds / b.seconds);
    cpu.push(a.cpu / b.cpu);
    console.log(
      [
        String(i).padStart(4),
        fr(a.seconds, 3).padStart(7),
        fr(a.cpu, 3).padStart(8),
        fr(b.seconds, 3).padStart(7),
        fr(b.cpu, 3).padStart(8),
        `${fr(a.seconds / b.seconds, 2)} ×`.padStart(9),
        `${fr(a.cpu / b.cpu, 2)} ×`.padStart(7),
      ].join(' '),
    );
  }
  const ratio = median(mur);
  const secondes = (m: Mesure[]): number[] => m.map((x) => x.seconds);
  const cpus = (m: Mesure[]): number[] => m.map((x) => x.cpu);
  console.log(
    [
      '',
      `(d) CLI : médiane ${fr(median(secondes(d)), 3)} s (${etendue(secondes(d), 3)}), CPU ${fr(median(cpus(d)), 3)} s (${etendue(cpus(d), 3)}).`,
      `(f) plancher : médiane ${fr(median(secondes(f)), 3)} s (${etendue(secondes(f), 3)}), CPU ${fr(median(cpus(f)), 3)} s (${etendue(cpus(f), 3)}).`,
      `Un bailleur × département, ${String(tours)} tours alternés : (d)/(f) médiane ${fr(ratio, 2)} × (${etendue(mur, 2)}), ` +
        `${String(mur.filter((r) => r > 4).length)} tour(s) au-dessus de 4 × (objectif ≤ 4 ×) : ${ratio <= 4 ? 'OK' : 'DÉPASSÉ'} ; ` +
        `en CPU ${fr(median(cpu), 2)} × (${etendue(cpu, 2)}).`,
    ].join('\n'),
  );
  return ratio;
}
