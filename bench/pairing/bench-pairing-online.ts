/**
 * `npm run bench:pairing` — online approval at scale (issue #9): N simulated paired apps (default
 * 1,000), each with its own account, desktop-app means and device-signed SSE stream, connected to ONE
 * server process on loopback. Measured: the time from "approval requested" (the browser's POST
 * /api/login/desktop-app/push leaves) to "event received" at the right app's stream, and the server's
 * memory per idle connection (RSS and JS heap after a full GC, with 0 and with N streams open).
 * Same-run baseline: the same measurement with a single app connected (an unloaded server); the ratio
 * loaded / single is printed. A second loaded row sends the logins in bursts of --concurrency at once.
 * After each request (or burst) the app denies it, untimed, so the per-account limit of 3 unanswered
 * requests never triggers. Every figure is the median over --runs.
 * Prints a Markdown block for docs/benchmarks.md; nothing is asserted (not part of npm test).
 *
 * Flags: --clients N (1000), --runs R (5), --samples S per loaded run (200), --concurrency C burst size (10),
 * --baseline-samples B per baseline run (50), --cpu-prof DIR (the server process writes a V8 CPU profile there).
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { DesktopPeer } from '../../test/server/http/desktop-app-peer';
import { parseApprovalRequest } from '../../shared/servicekonto/approval';
import { SseClient } from './sse-client';
import type { SeedRow } from './online-server';
import { median, percentile as pct } from '../stats';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const CLIENTS = flag('clients', 1000);
const RUNS = flag('runs', 5);
const SAMPLES = Math.min(flag('samples', 200), CLIENTS);
const CONCURRENCY = flag('concurrency', 10);
const BASELINE_SAMPLES = flag('baseline-samples', 50);

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

// ---- the server, in its own process ----
const here = path.dirname(fileURLToPath(import.meta.url));
const profDir = process.argv.includes('--cpu-prof')
  ? process.argv[process.argv.indexOf('--cpu-prof') + 1]
  : undefined;
const profArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
const child = fork(path.join(here, 'online-server.ts'), [], {
  execArgv: ['--import', 'tsx', '--expose-gc', ...profArgs],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
type Mem = { rss: number; heapUsed: number; external: number; streams: number; gc: boolean };
const { url: base, origin } = await new Promise<{ url: string; origin: string }>((resolve) =>
  child.once('message', (m) => resolve(m as { url: string; origin: string })),
);
const mem = (): Promise<Mem> =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { mem: Mem }).mem));
    child.send('mem');
  });

// ---- N accounts, each with an active desktop app whose keys this process holds ----
const setupStart = performance.now();
const clients: SseClient[] = [];
const rows: SeedRow[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const peer = new DesktopPeer(`Bench-${i}`);
  const means = randomUUID();
  const username = `bench-${i}`;
  const body = peer.enrollBody(
    `faktor-pair:${JSON.stringify({ v: 1, origin, account: 'a', accountName: username, token: 'A'.repeat(43), exp: Math.floor(Date.now() / 1000) + 300, level: 'substanziell' })}`,
    Date.now(),
  );
  rows.push({
    username,
    means,
    credential: {
      approvalKey: String(body.approvalKey),
      deviceKey: String(body.deviceKey),
      ocraSecret: String(body.ocraSecret),
      deviceName: peer.name,
    },
  });
  peer.enrolled = {
    v: 1,
    origin,
    account: 'a',
    accountName: username,
    means,
    level: 'substanziell',
    status: 'pending',
    ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH40-S064',
  };
  clients.push(new SseClient(peer, username));
}
await new Promise<void>((resolve) => {
  child.once('message', () => resolve());
  child.send({ seed: rows });
});
const setupSeconds = (performance.now() - setupStart) / 1000;

let errors = 0;
/** One timed request: push for the client's account and wait for its event; returns the latency and the event data. */
async function sample(client: SseClient): Promise<{ ms: number; data: string } | undefined> {
  const event = client.next(10_000);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/login/desktop-app/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: client.username }),
  });
  await res.arrayBuffer();
  try {
    if (res.status !== 201) throw new Error(`push ${res.status}`);
    const got = await event;
    return { ms: got.at - t0, data: got.data };
  } catch {
    errors++;
    return undefined;
  }
}

/**
 * Waves of `concurrency` requests: all pushed at once and timed until each event arrived; then each
 * app denies its request (untimed, outside the window: ECDSA verification would otherwise queue in
 * front of the next deliveries).
 */
async function runSamples(list: SseClient[], concurrency: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < list.length; i += concurrency) {
    const wave = list.slice(i, i + concurrency);
    const got = await Promise.all(wave.map((c) => sample(c)));
    await Promise.all(
      got.map(async (g, k) => {
        if (!g) return;
        out.push(g.ms);
        const c = wave[k]!;
        const deny = await c.peer.signedPost(
          base,
          `/api/device/approvals/${parseApprovalRequest(g.data).tx}`,
          c.peer.answerBody(g.data, 0, 'deny'),
          Date.now(),
        );
        if (deny.status !== 200) errors++;
      }),
    );
  }
  return out;
}

// ---- baseline: one app connected ----
const memBefore = await mem();
const single = clients[0]!;
await single.open(base, Date.now());
const baseline: { p50: number; p99: number }[] = [];
for (let r = 0; r < RUNS; r++) {
  const xs = await runSamples(
    Array.from({ length: BASELINE_SAMPLES }, () => single),
    1,
  );
  baseline.push({ p50: median(xs), p99: pct(xs, 0.99) });
}
single.close();
await new Promise((r) => setTimeout(r, 200));
const memZero = await mem();

// ---- N apps connected ----
await pool(clients, 50, (c) => c.open(base, Date.now()));
const memLoaded = await mem();
const loaded: { p50: number; p99: number; max: number }[] = [];
const burst: { p50: number; p99: number; max: number }[] = [];
for (let r = 0; r < RUNS; r++) {
  for (const [list, concurrency] of [
    [loaded, 1],
    [burst, CONCURRENCY],
  ] as const) {
    const pick = [...clients].sort(() => Math.random() - 0.5).slice(0, SAMPLES);
    const xs = await runSamples(pick, concurrency);
    list.push({ p50: median(xs), p99: pct(xs, 0.99), max: Math.max(...xs) });
  }
}
for (const c of clients) c.close();
child.send('stop');

const perConn = (k: 'rss' | 'heapUsed'): string =>
  ((memLoaded[k] - memZero[k]) / Math.max(1, memLoaded.streams) / 1024).toFixed(1);
const f = (x: number): string => x.toFixed(2);
const bp99 = median(baseline.map((b) => b.p99));
const lp99 = median(loaded.map((l) => l.p99));
const cpu = os.cpus();
console.log(`
Run of ${new Date().toISOString().slice(0, 10)}: ${CLIENTS} paired apps (stored in ${setupSeconds.toFixed(1)} s), ${RUNS} runs, median over runs.
Machine: ${cpu[0]?.model ?? '?'} × ${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}; load average at the end ${os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ')}.

| requested → event received | open streams | samples per run | median ms | p99 ms |
|---|---|---|---|---|
| baseline: one app connected | 1 | ${BASELINE_SAMPLES} (one at a time) | ${f(median(baseline.map((b) => b.p50)))} | ${f(bp99)} |
| ${CLIENTS} apps connected | ${memLoaded.streams} | ${SAMPLES} (one at a time) | ${f(median(loaded.map((l) => l.p50)))} | ${f(lp99)} |
| ${CLIENTS} apps connected, bursts | ${memLoaded.streams} | ${SAMPLES} (waves of ${CONCURRENCY} at once) | ${f(median(burst.map((l) => l.p50)))} | ${f(median(burst.map((l) => l.p99)))} |

p99 ${CLIENTS} connected / one connected: ${(lp99 / bp99).toFixed(2)}×. Worst single delivery over all runs with ${CLIENTS} connected: ${f(Math.max(...loaded.map((l) => l.max), ...burst.map((l) => l.max)))} ms. Errors (no event in 10 s, refused push or deny): ${errors}.
Server memory per idle connection (after GC, ${memLoaded.streams} − ${memZero.streams} streams): RSS ${perConn('rss')} KiB, JS heap ${perConn('heapUsed')} KiB${memLoaded.gc ? '' : ' (no --expose-gc: figures include garbage)'}. Server RSS: ${(memBefore.rss / 2 ** 20).toFixed(0)} MiB before, ${(memLoaded.rss / 2 ** 20).toFixed(0)} MiB with ${memLoaded.streams} streams.
`);
