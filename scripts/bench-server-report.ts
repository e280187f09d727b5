/**
 * The Markdown block `npm run bench:server` prints for docs/benchmarks.md: medians of the runs, the
 * login/hash ratio (wall clock and CPU), and the machine the numbers come from.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ARGON2_PARAMS } from '../server/app/passwords';
import { machineSummary, median } from '../bench/stats';

/** One autocannon run (or one hash-rate run: rps only). */
export interface Sample {
  rps: number;
  p99: number;
  ok: number;
  bad: number;
  /** Answers by HTTP status (to tell throttling from errors when `bad` is not 0). */
  statuses?: Record<string, number>;
}

/** Every run's samples per measurement. */
export type Samples = Record<'session' | 'account' | 'login' | 'hash', Sample[]>;

/** What the table says about the run besides the samples. */
export interface ReportContext {
  readonly runs: number;
  readonly connections: number;
  /** "SQLite, 1 node" / "PostgreSQL, 2 nodes". */
  readonly where: string;
  readonly nodes: number;
  /** CPU ms per login (server processes) and per hash (baseline), one entry per run. */
  readonly loginCpu: readonly number[];
  readonly hashCpu: readonly number[];
}

/** The Markdown table and the machine line. */
export function report(samples: Samples, o: ReportContext): string {
  const m = (k: keyof typeof samples, f: 'rps' | 'p99'): number =>
    median(samples[k].map((s) => s[f]));
  // Median of the per-run ratios: each login run is compared with the hash rate measured around it.
  const ratios = samples.login.map((l, i) => l.rps / (samples.hash[i] as Sample).rps);
  const ratio = median(ratios);
  const fsType = (() => {
    try {
      return (
        readFileSync('/proc/mounts', 'utf8')
          .split('\n')
          .find((l) => l.split(' ')[1] === '/tmp')
          ?.split(' ')[2] ?? 'same as /'
      );
    } catch {
      return 'unknown';
    }
  })();
  const bad =
    samples.login.reduce((s, x) => s + x.bad, 0) +
    samples.account.reduce((s, x) => s + x.bad, 0) +
    samples.session.reduce((s, x) => s + x.bad, 0);
  return `
| measurement (${o.where}, ${o.connections} connections, median of ${o.runs}) | requests/s | p99 latency |
|---|---:|---:|
| GET /api/session (read only) | ${m('session', 'rps').toFixed(0)} | ${m('session', 'p99').toFixed(0)} ms |
| GET /api/account (overview; one durable idle-clock write) | ${m('account', 'rps').toFixed(0)} | ${m('account', 'p99').toFixed(0)} ms |
| POST /api/login password + TOTP, distinct accounts | ${m('login', 'rps').toFixed(1)} | ${m('login', 'p99').toFixed(0)} ms |
| raw Argon2id hash (m=${ARGON2_PARAMS.memoryCost}, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism}), ${o.connections} in flight | ${m('hash', 'rps').toFixed(1)} | — |
| **login rate / hash rate** (median of per-run ratios: ${ratios.map((r) => r.toFixed(2)).join(', ')}) | **${ratio.toFixed(2)}** (target ≥ 0.8) | |
| CPU per login (server process${o.nodes > 1 ? 'es' : ''}) vs CPU per hash (baseline) | ${median(o.loginCpu).toFixed(1)} ms vs ${median(o.hashCpu).toFixed(1)} ms → **${(median(o.hashCpu) / median(o.loginCpu)).toFixed(2)}** | |

Non-2xx/errors over all runs: ${bad}. Load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )}. Machine: ${machineSummary()}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, data dir on ${fsType}; server = child process, load generator and Argon2 baseline in the parent.`;
}
