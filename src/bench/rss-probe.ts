/**
 * Preloaded (`node --import`) into the CLI child by the benchmark: at exit, writes the process's
 * peak resident set size (kilobytes, worker threads included) and CPU time (microseconds) on
 * stderr, after a marker that main.ts looks for.
 */
process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpu = usage.userCPUTime + usage.systemCPUTime;
  process.stderr.write(`\nconvflux-bench-maxrss=${String(usage.maxRSS)} cpu=${String(cpu)}\n`);
});
