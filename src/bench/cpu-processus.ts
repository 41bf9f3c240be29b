/**
 * CPU time (user + system) of processes, read from /proc (Linux): a measure that a loaded shared
 * machine disturbs far less than elapsed time. The bench's own process, the `convflux serve`
 * child, and the private PostgreSQL (its postmaster, the backends that ended — counted in the
 * postmaster's children's time — and the live ones).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_MS = 10; // USER_HZ = 100 on Linux

/** utime + stime and cutime + cstime of a process (ms); undefined when it cannot be read. */
function temps(pid: number): { propre: number; enfants: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // The command name may hold spaces: the fields start after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(f[i] ?? 0) * TICKS_MS;
    return { propre: n(11) + n(12), enfants: n(13) + n(14), ppid: Number(f[1] ?? 0) };
  } catch {
    return undefined; // no /proc, or the process ended
  }
}

/** CPU time of one process so far (ms); NaN when it cannot be read (no /proc, no pid). */
export function cpuProcessus(pid: number | undefined): number {
  return (pid === undefined ? undefined : temps(pid))?.propre ?? Number.NaN;
}

/** CPU time of the bench's own process so far (ms). */
export function cpuMoi(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The postmaster of the PostgreSQL listening on `port` (its command line names the port). */
function postmaster(port: number): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmd.split('\0');
    if (!/postgres$/.test(args[0] ?? '')) continue;
    const p = args.indexOf('-p');
    if (p >= 0 && args[p + 1] === String(port)) return Number(d);
  }
  return undefined;
}

/** CPU time of the whole PostgreSQL on `port` so far (ms), ended backends included. */
export function cpuPostgres(port: number): number {
  const pm = postmaster(port);
  if (pm === undefined) return 0;
  const t = temps(pm);
  let total = t ? t.propre + t.enfants : 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const c = temps(Number(d));
    if (c?.ppid === pm) total += c.propre;
  }
  return total;
}
