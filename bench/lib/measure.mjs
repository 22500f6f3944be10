// Timing helpers: wall-clock milliseconds with performance.now(), medians and
// percentiles over repetitions.

export function percentile(values, fraction) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index];
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs `run` on one file; awaits only when it returned a promise, so a synchronous tool pays no tick. */
export async function timeOne(run, file) {
  const start = performance.now();
  const result = run(file);
  if (result && typeof result.then === 'function') await result;
  return performance.now() - start;
}

/**
 * One pass over `files`: wall-clock milliseconds for the whole pass, garbage
 * collection included, the process's CPU milliseconds over it (user + system, every
 * thread: V8's background compiler and GC too), and the findings the tool reported on the way.
 */
export async function timePass(run, files) {
  let findings = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const file of files) {
    const result = run(file);
    findings += result && typeof result.then === 'function' ? await result : result;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, findings };
}
