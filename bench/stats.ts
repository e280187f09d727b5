/**
 * What every benchmark reports with (docs/benchmarks.md): the median of several runs, a percentile,
 * CPU time read from the OS, and one line naming the machine the numbers come from.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The `p` quantile (0…1) of a non-empty list, nearest rank: percentile(xs, 0.99) is the p99. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux; 10 ms ticks); NaN elsewhere. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system, ms) of this process so far. */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** "2 × <CPU model>, 23.5 GiB RAM, Node v20…, Linux <release>": the machine a benchmark ran on. */
export function machineSummary(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const mem = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${os.cpus().length} × ${cpu}, ${mem} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}
