/**
 * A synchronous PostgreSQL connection: a worker thread owns one `pg` client; the calling thread posts a
 * query and sleeps on Atomics.wait until the worker has answered. This keeps the repositories'
 * synchronous contract (the one better-sqlite3 set) and its transaction semantics — a node runs one
 * transaction at a time, cross-node conflicts are PostgreSQL's — at the price of blocking the event
 * loop for each round trip (docs/deploy.md has the numbers). Written by hand rather than with
 * synckit: the worker is ~40 lines of plain JS run with `eval`, which works the same under tsx,
 * vitest and a bundle, where a separate worker file would need each one's TypeScript loader.
 */
import { createRequire } from 'node:module';
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';

/** What one statement returned. */
export interface PgResult {
  rows: Record<string, unknown>[];
  rowCount: number;
}

/** An error PostgreSQL (or the connection) raised, with its SQLSTATE `code` when there is one. */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly constraint: string | undefined,
  ) {
    super(message);
    this.name = 'PgError';
  }
}

// The worker: one client, connected lazily and again after it broke. Integers come back as numbers
// (BIGINT epoch milliseconds and count(*) fit in 2^53; anything larger throws rather than rounds).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const toNumber = (v) => { const n = Number(v); if (!Number.isSafeInteger(n)) throw new Error('integer out of range: ' + v); return n; };
pg.types.setTypeParser(20, toNumber);
pg.types.setTypeParser(1700, (v) => Number(v));
const { port, flag, url, statementTimeoutMs, setup } = workerData;
let client = null;
async function connected() {
  if (client) return client;
  const c = new pg.Client({ connectionString: url, statement_timeout: statementTimeoutMs, application_name: 'faktor-servicekonto' });
  c.on('error', () => { if (client === c) client = null; });
  await c.connect();
  for (const sql of setup) await c.query(sql);
  client = c;
  return c;
}
port.on('message', async (m) => {
  let reply;
  try {
    if (m.op === 'end') { if (client) await client.end(); client = null; reply = { ok: true }; }
    else {
      const c = await connected();
      const r = m.params ? await c.query({ text: m.text, values: m.params }) : await c.query(m.text);
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      reply = { rows: last.rows || [], rowCount: last.rowCount || 0 };
    }
  } catch (e) {
    if (client && e && e.code === undefined) { client.end().catch(() => {}); client = null; }
    reply = { error: { message: String(e && e.message || e), code: e && e.code, constraint: e && e.constraint } };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** Options of a synchronous connection. */
export interface PgSyncOptions {
  /** Statements run once on every (re)connect, e.g. `SET search_path`. */
  setup?: readonly string[];
  /** Server-side limit per statement (ms). */
  statementTimeoutMs?: number;
}

/** One PostgreSQL connection with a blocking `query`. */
export class PgSyncConnection {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly waitMs: number;
  private closed = false;

  constructor(url: string, options: PgSyncOptions = {}) {
    const statementTimeoutMs = options.statementTimeoutMs ?? 30_000;
    this.waitMs = statementTimeoutMs + 15_000;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pgPath,
        port: port2,
        flag: this.flag,
        url,
        statementTimeoutMs,
        setup: options.setup ?? [],
      },
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** Runs one statement (or, without params, a script of several) and returns the last result. */
  query(text: string, params?: readonly unknown[]): PgResult {
    if (this.closed) throw new PgError('the database connection is closed', undefined, undefined);
    const reply = this.call({ op: 'query', text, params: params ? [...params] : undefined }) as
      PgResult | { error: { message: string; code?: string; constraint?: string } };
    if ('error' in reply)
      throw new PgError(
        reply.error.message,
        reply.error.code ?? undefined,
        reply.error.constraint ?? undefined,
      );
    return reply;
  }

  /** Closes the client and stops the worker. */
  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'end' });
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }

  private call(message: unknown): unknown {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    if (Atomics.wait(this.flag, 0, 0, this.waitMs) === 'timed-out') {
      this.closed = true;
      void this.worker.terminate();
      throw new PgError('the database did not answer in time', '57014', undefined);
    }
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new PgError('the database connection lost its answer', undefined, undefined);
    return got.message;
  }
}
