/**
 * The reference server as a child process of its own, for what an in-process test server cannot
 * show: SIGKILL in the middle of writes (test/server/crash.test.ts, two-nodes.pg.test.ts) and several
 * nodes on one database (scripts/bench-server.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A started server: its process and the URL it printed. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

/** How to start one. */
export interface ServerProcessOptions {
  /** Command-line flags after `server/main.ts`. */
  readonly args: readonly string[];
  /** Added to this process's environment (FAKTOR_DATA_KEYS, FAKTOR_DATABASE_URL, …). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long it may take to listen (migrations on a busy machine take a while). */
  readonly timeoutMs?: number;
  /** Pass its stderr through (benchmarks) instead of collecting it for the error message. */
  readonly inheritStderr?: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Starts `server/main.ts` under tsx; resolves once it listens, rejects with its output when it exits first or is too slow. */
export function startServerProcess(o: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...o.args], {
    cwd: ROOT,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', o.inheritStderr ? 'inherit' : 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start: ${out}`));
    }, o.timeoutMs ?? 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code}): ${out}`));
    });
  });
}

/** SIGKILLs every child still running (an afterAll's clean-up). */
export function killAll(children: readonly ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
