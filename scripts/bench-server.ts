/**
 * `npm run bench:server`: throughput and p99 latency of the reference Servicekonto at 50 concurrent
 * clients (autocannon), against the raw Argon2id hash rate measured in the same run.
 *
 * - read routes: GET /api/session (pure read) and GET /api/account (overview; records the user input
 *   for the idle clock, i.e. one fsynced write per request), all 50 clients on one session cookie;
 * - login: POST /api/login with password + TOTP in one request, each request a DIFFERENT pre-created
 *   account with a code for the current time step — valid under the single-use rule, since no
 *   account is used twice;
 * - baseline: 50 concurrent `hash()` calls with the same Argon2id parameters (m=19456, t=2, p=1) on
 *   the libuv pool of this process, while the server is idle, right before and right after each
 *   login run (mean of the two).
 * The machine may be shared, so wall-clock rates move with other load; the CPU time per login (server
 * process, from /proc) against the CPU time per hash (baseline) gives the same ratio on an idle machine
 * and is printed as well.
 * The server runs as a child process (as testers run it). Each measurement is repeated RUNS times;
 * the median is reported. Prints a Markdown block for docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { openDatabase } from '../server/store/db';
import { AccountRepo } from '../server/store/account-repo';
import { PasswordHasher, ARGON2_PARAMS } from '../server/app/passwords';
import { createAccount, makePolicy, newMeans } from '../server/domain';
import { newTotpSecret, totpCodeAt } from '../server/means/totp';

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
  latency: { p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (o: CannonOptions) => Promise<CannonResult>;

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

interface Account {
  username: string;
  secret: string;
}

/** Creates the login accounts directly in the store (one shared Argon2id hash: setup cost, not measured). */
async function seed(dataDir: string): Promise<Account[]> {
  const db = openDatabase(dataDir);
  const repo = new AccountRepo(db);
  const hasher = new PasswordHasher();
  const [pw, block] = await Promise.all([hasher.hash(PASSWORD), hasher.hash('sperr-passwort-2024')]);
  const policy = makePolicy();
  const now = Date.now();
  const out: Account[] = [];
  db.transaction(() => {
    for (let i = 0; i < ACCOUNTS; i++) {
      const username = `bench-${i}`;
      const r = createAccount({ accountId: randomUUID(), username, passwordMeansId: randomUUID(), sessionId: randomUUID(), attributes: { familyName: 'Bench' }, blockPasswordSet: true }, now, policy);
      const totp = newMeans(randomUUID(), 'password+totp', 'substanziell', now, null, 'bench');
      repo.insert({ ...r.account, means: [...r.account.means, totp] }, pw, block);
      const secret = newTotpSecret();
      repo.putCredential(totp.id, { data: { secret }, lastStep: null });
      out.push({ username, secret });
    }
  })();
  db.close();
  return out;
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'], {
    // A throwaway data key (normal mode encrypts credentials at rest; the rows written above are re-sealed at start).
    env: { ...process.env, FAKTOR_DATA_KEYS: `bench:${Buffer.alloc(32, 1).toString('base64')}` },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
}

interface Sample {
  rps: number;
  p99: number;
  ok: number;
  bad: number;
}

async function cannon(opts: CannonOptions): Promise<Sample> {
  const r = await autocannon({ connections: CONNECTIONS, ...opts });
  return { rps: r.requests.average, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors + r.timeouts };
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

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux; clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU ms of this process so far. */
const selfCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'faktor-bench-'));
  const accounts = await seed(dataDir);
  const { child, url } = await startServer(dataDir);
  try {
    // One logged-in session for the read routes.
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-0', password: PASSWORD }) });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
    let next = 1;
    const samples: Record<'session' | 'account' | 'login' | 'hash', Sample[]> = { session: [], account: [], login: [], hash: [] };
    for (let run = 0; run < RUNS; run++) {
      samples.session.push(await cannon({ url: `${url}/api/session`, duration: READ_SECONDS, headers: { cookie } }));
      samples.account.push(await cannon({ url: `${url}/api/account`, duration: READ_SECONDS, headers: { cookie } }));
      // The machine is shared (2 cores): bracket each login run by a hash-rate run right before and
      // right after it and use their mean, so drifting background load hits both sides alike.
      const before = await hashRate(HASH_SECONDS);
      const serverCpu0 = cpuMsOf(child.pid as number);
      samples.login.push(
        await cannon({
          url,
          duration: LOGIN_SECONDS,
          requests: [
            {
              method: 'POST',
              path: '/api/login',
              headers: { 'content-type': 'application/json' },
              setupRequest: (req) => {
                const a = accounts[next++ % accounts.length] as Account;
                return { ...req, body: JSON.stringify({ username: a.username, password: PASSWORD, totp: totpCodeAt(a.secret, Date.now()) }) };
              },
            },
          ],
        }),
      );
      await new Promise((r) => setTimeout(r, 1500)); // let the server finish requests autocannon abandoned
      const lastLogin = samples.login[samples.login.length - 1] as Sample;
      loginCpu.push((cpuMsOf(child.pid as number) - serverCpu0) / lastLogin.ok);
      const h = (before + (await hashRate(HASH_SECONDS))) / 2;
      samples.hash.push({ rps: h, p99: 0, ok: 0, bad: 0 });
      console.error(`run ${run + 1}/${RUNS}: session ${samples.session[run]!.rps.toFixed(0)}/s, account ${samples.account[run]!.rps.toFixed(0)}/s, login ${samples.login[run]!.rps.toFixed(1)}/s (bad ${samples.login[run]!.bad}), argon2 ${h.toFixed(1)}/s`);
    }
    if (next > accounts.length) console.error(`warning: ${next} logins > ${accounts.length} accounts; raise BENCH_ACCOUNTS`);
    const m = (k: keyof typeof samples, f: keyof Sample): number => median(samples[k].map((s) => s[f]));
    // Median of the per-run ratios: each login run is compared with the hash rate measured around it.
    const ratios = samples.login.map((l, i) => l.rps / (samples.hash[i] as Sample).rps);
    const ratio = median(ratios);
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const mem = (os.totalmem() / 2 ** 30).toFixed(1);
    const fsType = (() => {
      try {
        return readFileSync('/proc/mounts', 'utf8').split('\n').find((l) => l.split(' ')[1] === '/tmp')?.split(' ')[2] ?? 'same as /';
      } catch {
        return 'unknown';
      }
    })();
    const bad = samples.login.reduce((s, x) => s + x.bad, 0) + samples.account.reduce((s, x) => s + x.bad, 0) + samples.session.reduce((s, x) => s + x.bad, 0);
    console.log(`
| measurement (${CONNECTIONS} connections, median of ${RUNS}) | requests/s | p99 latency |
|---|---:|---:|
| GET /api/session (read only) | ${m('session', 'rps').toFixed(0)} | ${m('session', 'p99').toFixed(0)} ms |
| GET /api/account (overview; one fsynced idle-clock write) | ${m('account', 'rps').toFixed(0)} | ${m('account', 'p99').toFixed(0)} ms |
| POST /api/login password + TOTP, distinct accounts | ${m('login', 'rps').toFixed(1)} | ${m('login', 'p99').toFixed(0)} ms |
| raw Argon2id hash (m=${ARGON2_PARAMS.memoryCost}, t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism}), ${CONNECTIONS} in flight | ${m('hash', 'rps').toFixed(1)} | — |
| **login rate / hash rate** (median of per-run ratios: ${ratios.map((r) => r.toFixed(2)).join(', ')}) | **${ratio.toFixed(2)}** (target ≥ 0.8) | |
| CPU per login (server process) vs CPU per hash (baseline) | ${median(loginCpu).toFixed(1)} ms vs ${median(hashCpu).toFixed(1)} ms → **${(median(hashCpu) / median(loginCpu)).toFixed(2)}** | |

Non-2xx/errors over all runs: ${bad}. Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}. Machine: ${os.cpus().length} × ${cpu}, ${mem} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}, UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, data dir on ${fsType}; server = child process, load generator and Argon2 baseline in the parent.`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
