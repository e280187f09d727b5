/**
 * `npm run bench:server`: throughput and p99 latency of the reference Servicekonto at 50 concurrent
 * clients (autocannon), against the raw Argon2id hash rate measured in the same run.
 *
 * - read routes: GET /api/session (pure read) and GET /api/account (overview; records the user input
 *   for the idle clock, i.e. one fsynced write per request), all 50 clients on one session cookie;
 * - login: POST /api/login with password + TOTP in one request, each request a DIFFERENT pre-created
 *   account with a code for the current time step — valid under the single-use rule, since no
 *   account is used twice — and from a different client address (X-Forwarded-For through
 *   --trusted-proxies 127.0.0.1, as behind the proxy of docs/deploy.md): 50 logins in flight from ONE
 *   address is what the per-address throttle (50 failures, counted before the hash) exists to stop;
 * - baseline: 50 concurrent `hash()` calls with the same Argon2id parameters (m=19456, t=2, p=1) on
 *   the libuv pool of this process, while the server is idle, right before and right after each
 *   login run (mean of the two).
 * The machine may be shared, so wall-clock rates move with other load; the CPU time per login (server
 * process, from /proc) against the CPU time per hash (baseline) gives the same ratio on an idle machine
 * and is printed as well.
 * The server runs as a child process (as testers run it). Each measurement is repeated RUNS times;
 * the median is reported. Prints a Markdown block for docs/benchmarks.md.
 *
 * `-- --database postgres` runs the same on PostgreSQL (a throwaway cluster from
 * scripts/with-test-postgres.sh unless FAKTOR_TEST_DATABASE_URL names one); `--nodes 2` starts two
 * server processes on that database and splits the 50 connections between them (rates are summed,
 * p99 is the worse node's).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { startServerProcess, type ServerProcess } from './server-process';
import { cpuMsOf, selfCpuMs } from '../bench/stats';
import { report, type Sample, type Samples } from './bench-server-report';
import { freshDatabase, seed, type Account, type Store } from './bench-server-store';
import { PasswordHasher } from '../server/app/passwords';
import { totpCodeAt } from '../server/means/totp';

/** The part of autocannon's API used here (the package ships no types; @types/autocannon is not installed). */
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
interface CannonOptions {
  url: string;
  connections?: number;
  duration?: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
}
interface CannonResult {
  requests: { average: number };
  statusCodeStats?: Record<string, { count: number }>;
  latency: { p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: CannonOptions,
) => Promise<CannonResult>;

const CONNECTIONS = 50;
/** CPU ms per hash (this process) and per login (server process), one entry per measurement. */
const hashCpu: number[] = [];
const loginCpu: number[] = [];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 4);
const LOGIN_SECONDS = Number(process.env.BENCH_LOGIN_SECONDS ?? 6);
const HASH_SECONDS = Number(process.env.BENCH_HASH_SECONDS ?? 4);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 4000);
const PASSWORD = 'correct horse battery';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const DIALECT = arg('database') ?? 'sqlite';
const NODES = Number(arg('nodes') ?? 1);
if (DIALECT !== 'sqlite' && DIALECT !== 'postgres') throw new Error('--database sqlite|postgres');
if (!Number.isInteger(NODES) || NODES < 1 || (NODES > 1 && DIALECT !== 'postgres'))
  throw new Error('--nodes N (N > 1 only with --database postgres)');

/** One node on the benchmark's store; X-Forwarded-For from loopback names the simulated client. */
function startServer(store: Store): Promise<ServerProcess> {
  return startServerProcess({
    args: [
      '--port',
      '0',
      '--data-dir',
      store.dataDir,
      '--log-level',
      'warn',
      '--trusted-proxies',
      '127.0.0.1',
    ],
    // A throwaway data key (normal mode encrypts credentials at rest; the rows written above are re-sealed at start).
    env: {
      FAKTOR_DATA_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}`,
      ...(store.database ? { FAKTOR_DATABASE_URL: store.database } : {}),
    },
    timeoutMs: 120_000,
    inheritStderr: true,
  });
}

/** One autocannon run spread over every node (connections split evenly): rates summed, worst p99. */
async function cannon(
  urls: string[],
  opts: Omit<CannonOptions, 'url'> & { path?: string },
): Promise<Sample> {
  const { path: p = '', ...rest } = opts;
  const rs = await Promise.all(
    urls.map((u) =>
      autocannon({ connections: Math.ceil(CONNECTIONS / urls.length), ...rest, url: u + p }),
    ),
  );
  return {
    rps: rs.reduce((s, r) => s + r.requests.average, 0),
    p99: Math.max(...rs.map((r) => r.latency.p99)),
    ok: rs.reduce((s, r) => s + r['2xx'], 0),
    bad: rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    statuses: rs.reduce<Record<string, number>>((acc, r) => {
      for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {}))
        acc[code] = (acc[code] ?? 0) + count;
      return acc;
    }, {}),
  };
}

/** Raw Argon2id rate: CONNECTIONS hashes in flight at all times for `seconds`. */
async function hashRate(seconds: number): Promise<number> {
  const cpu0 = selfCpuMs();
  const hasher = new PasswordHasher();
  const end = Date.now() + seconds * 1000;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (Date.now() < end) {
      await hasher.hash(PASSWORD);
      done++;
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  hashCpu.push((selfCpuMs() - cpu0) / done);
  return done / ((Date.now() - t0) / 1000);
}

/** The login load: each request a different account and client address, password + current TOTP. */
function loginLoad(
  accounts: readonly Account[],
  nextIndex: () => number,
): Omit<CannonOptions, 'url'> {
  return {
    duration: LOGIN_SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/api/login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = nextIndex();
          const a = accounts[i % accounts.length] as Account;
          const client = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
          return {
            ...req,
            headers: { ...req.headers, 'x-forwarded-for': client },
            body: JSON.stringify({
              username: a.username,
              password: PASSWORD,
              totp: totpCodeAt(a.secret, Date.now()),
            }),
          };
        },
      },
    ],
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'faktor-bench-'));
  const cluster =
    DIALECT === 'postgres'
      ? await freshDatabase(process.env.FAKTOR_TEST_DATABASE_URL as string)
      : undefined;
  const store: Store = { dataDir, ...(cluster ? { database: cluster.url } : {}) };
  const accounts = await seed(store, ACCOUNTS, PASSWORD);
  const nodes = await Promise.all(Array.from({ length: NODES }, () => startServer(store)));
  const urls = nodes.map((n) => n.url);
  const url = urls[0] as string;
  const serverCpu = (): number => nodes.reduce((s, n) => s + cpuMsOf(n.child.pid as number), 0);
  try {
    // One logged-in session for the read routes.
    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-0', password: PASSWORD }),
    });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
    let next = 1;
    const samples: Samples = {
      session: [],
      account: [],
      login: [],
      hash: [],
    };
    for (let run = 0; run < RUNS; run++) {
      samples.session.push(
        await cannon(urls, { path: '/api/session', duration: READ_SECONDS, headers: { cookie } }),
      );
      samples.account.push(
        await cannon(urls, { path: '/api/account', duration: READ_SECONDS, headers: { cookie } }),
      );
      // The machine is shared (2 cores): bracket each login run by a hash-rate run right before and
      // right after it and use their mean, so drifting background load hits both sides alike.
      const before = await hashRate(HASH_SECONDS);
      const serverCpu0 = serverCpu();
      samples.login.push(
        await cannon(
          urls,
          loginLoad(accounts, () => next++),
        ),
      );
      await new Promise((r) => setTimeout(r, 1500)); // let the server finish requests autocannon abandoned
      const lastLogin = samples.login[samples.login.length - 1] as Sample;
      loginCpu.push((serverCpu() - serverCpu0) / lastLogin.ok);
      const h = (before + (await hashRate(HASH_SECONDS))) / 2;
      samples.hash.push({ rps: h, p99: 0, ok: 0, bad: 0 });
      console.error(
        `run ${run + 1}/${RUNS}: session ${samples.session[run]!.rps.toFixed(0)}/s, account ${samples.account[run]!.rps.toFixed(0)}/s, login ${samples.login[run]!.rps.toFixed(1)}/s (bad ${samples.login[run]!.bad}: ${JSON.stringify(samples.login[run]!.statuses)}), argon2 ${h.toFixed(1)}/s`,
      );
    }
    if (next > accounts.length)
      console.error(`warning: ${next} logins > ${accounts.length} accounts; raise BENCH_ACCOUNTS`);
    console.log(
      report(samples, {
        runs: RUNS,
        connections: CONNECTIONS,
        where:
          DIALECT === 'postgres'
            ? `PostgreSQL, ${NODES} node${NODES > 1 ? 's' : ''}`
            : 'SQLite, 1 node',
        nodes: NODES,
        loginCpu,
        hashCpu,
      }),
    );
  } finally {
    for (const { child } of nodes) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await cluster?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `--database postgres` without a cluster: run again inside a throwaway one.
if (DIALECT === 'postgres' && !process.env.FAKTOR_TEST_DATABASE_URL) {
  const r = spawnSync(
    'bash',
    [
      'scripts/with-test-postgres.sh',
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
} else {
  void main();
}
