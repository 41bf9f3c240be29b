/**
 * CPU time (user + system, seconds) of a process, read from /proc/<pid>/stat (Linux): what a
 * load run cost the server, which a loaded machine distorts less than rates or latencies.
 * NaN where /proc is not there.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS = 100;

export function cpuProcessus(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    const champs = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(champs[11]) + Number(champs[12])) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds (user + system) of this process. */
export function cpuPropre(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
