// Percentiles and CPU accounting for the benchmark.
import fs from 'node:fs';

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Nearest-rank percentiles in ms; a sample of Infinity (never delivered) makes the percentiles it reaches Infinity. */
export function percentiles(samples: ArrayLike<number>): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: sorted.length ? sorted[sorted.length - 1]! : NaN };
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds a process has used so far (user + system), or undefined when it is gone or /proc is absent. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Pids of running processes whose command name is one of `names` (e.g. postgres, redis-server); read-only /proc scan. */
export function pidsNamed(names: string[]): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${e}/comm`, 'utf8').trim();
      if (names.includes(comm)) pids.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** CPU seconds the whole machine has been busy (all cores), from /proc/stat; 0 where /proc is absent. */
export function machineBusySeconds(): number {
  try {
    // cpu  user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
    const v = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (v[i] ?? 0), 0);
    return busy / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/**
 * Measures the share of one core that groups of processes used between start() and stop(), and `other`: what the
 * rest of the machine used meanwhile (a busy neighbour makes every number of that phase less trustworthy).
 */
export function cpuMeter(groups: Record<string, () => number[]>) {
  const t0 = performance.now();
  const busy0 = machineBusySeconds();
  const start = new Map<string, Map<number, number>>();
  for (const [name, pids] of Object.entries(groups)) {
    start.set(name, new Map(pids().map((p) => [p, cpuSeconds(p) ?? 0])));
  }
  return {
    /** Percent of one core per group (200 % = both cores of this machine). */
    stop(): Record<string, number> {
      const seconds = (performance.now() - t0) / 1000;
      const out: Record<string, number> = {};
      for (const [name, pids] of Object.entries(groups)) {
        let used = 0;
        for (const p of pids()) used += (cpuSeconds(p) ?? 0) - (start.get(name)!.get(p) ?? 0);
        out[name] = Math.round((used / seconds) * 100);
      }
      const machine = ((machineBusySeconds() - busy0) / seconds) * 100;
      out.other = Math.max(0, Math.round(machine - Object.values(out).reduce((a, b) => a + b, 0)));
      return out;
    },
  };
}
