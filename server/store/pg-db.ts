/**
 * The PostgreSQL store behind the same `SqlDb` port as SQLite. Each server node holds one
 * synchronous connection (pg-sync.ts) and so runs one transaction at a time, like SQLite; between
 * nodes, transactions run SERIALIZABLE and are re-run when PostgreSQL reports a serialization failure,
 * which keeps every read-check-write the repositories do (throttle counters, account versions,
 * single-use tokens) as safe across nodes as it is in one SQLite file.
 */
import pg from 'pg';
import { PgSyncConnection, PgError, type PgResult } from './pg-sync';
import { pgArguments, toPgPlaceholders, type PgStatementText } from './pg-sql';
import { migratePostgres } from './pg-migrations';
import type { RunResult, SqlDb, SqlStatement } from './sql-db';

/** Where the store lives: a postgres:// URL and an optional schema (tests give each server its own). */
export interface PgStoreOptions {
  url: string;
  schema?: string;
}

/** SQLSTATEs after which a whole transaction is re-run: serialization_failure, deadlock_detected. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 12;

/** A schema name we create and quote ourselves: letters, digits, underscore. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the store at `options.url`, creating the schema if asked, and migrates it. */
export function openPostgres(options: PgStoreOptions): PgDb {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw new Error('schema names are lower-case letters, digits and _');
  const setup = schema
    ? [`CREATE SCHEMA IF NOT EXISTS ${schema}`, `SET search_path TO ${schema}`]
    : [];
  const db = new PgDb(
    new PgSyncConnection(options.url, { setup }),
    options.url,
    schema ?? 'public',
  );
  try {
    migratePostgres(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** `SqlDb` over one synchronous PostgreSQL connection. */
export class PgDb implements SqlDb {
  readonly dialect = 'postgres' as const;
  private depth = 0;
  private readonly texts = new Map<string, PgStatementText>();

  constructor(
    private readonly conn: PgSyncConnection,
    private readonly url: string,
    /** The schema the tables live in; notification channels are named after it. */
    readonly schema: string,
  ) {}

  /**
   * Listens on `faktor_<schema>_<topic>` with a separate asynchronous connection (notifications arrive
   * on the event loop, which the synchronous one blocks). Reconnects a second after a lost connection.
   * Resolves when LISTEN is active.
   */
  async listen(
    topic: string,
    onMessage: (payload: string) => void,
  ): Promise<{ close: () => Promise<void> }> {
    const channel = `faktor_${this.schema}_${topic}`;
    let client: pg.Client | undefined;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const reconnect = (): void => {
      retry = setTimeout(() => void connect().catch(reconnect), 1000);
      retry.unref();
    };
    const connect = async (): Promise<void> => {
      const c = new pg.Client({
        connectionString: this.url,
        application_name: 'faktor-servicekonto-listen',
      });
      c.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
      });
      c.on('error', () => {
        if (client !== c || closed) return;
        client = undefined;
        void c.end().catch(() => undefined);
        reconnect();
      });
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      client = c;
    };
    await connect();
    return {
      close: async () => {
        closed = true;
        clearTimeout(retry);
        await client?.end().catch(() => undefined);
      },
    };
  }

  /** Sends `payload` to every node listening on `topic` (delivered at commit inside a transaction). */
  notify(topic: string, payload: string): void {
    this.conn.query('SELECT pg_notify($1, $2)', [`faktor_${this.schema}_${topic}`, payload]);
  }

  /** Runs a script of statements without parameters (migrations). */
  exec(sql: string): void {
    this.conn.query(sql);
  }

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqlStatement<P, R> {
    let statement = this.texts.get(sql);
    if (!statement) this.texts.set(sql, (statement = toPgPlaceholders(sql)));
    const text = statement;
    const run = (params: unknown[]): PgResult =>
      this.conn.query(text.text, pgArguments(text, params));
    return {
      get: (...params: P) => run(params).rows.map(fromPgRow)[0] as R | undefined,
      all: (...params: P) => run(params).rows.map(fromPgRow) as R[],
      run: (...params: P): RunResult => ({ changes: run(params).rowCount }),
    };
  }

  transaction<T>(fn: () => T): () => T {
    return () => (this.depth > 0 ? this.savepoint(fn) : this.outermost(fn));
  }

  close(): void {
    this.conn.close();
  }

  private outermost<T>(fn: () => T): T {
    for (let attempt = 1; ; attempt++) {
      this.conn.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      this.depth = 1;
      try {
        const result = fn();
        this.conn.query('COMMIT');
        return result;
      } catch (e) {
        this.rollbackQuietly();
        if (
          !(e instanceof PgError && e.code !== undefined && RETRYABLE.has(e.code)) ||
          attempt >= MAX_ATTEMPTS
        )
          throw e;
        sleepSync(Math.random() * 2 ** Math.min(attempt, 6));
      } finally {
        this.depth = 0;
      }
    }
  }

  private savepoint<T>(fn: () => T): T {
    const name = `sp${this.depth}`;
    this.conn.query(`SAVEPOINT ${name}`);
    this.depth++;
    try {
      const result = fn();
      this.conn.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (e) {
      this.conn.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw e;
    } finally {
      this.depth--;
    }
  }

  private rollbackQuietly(): void {
    try {
      this.conn.query('ROLLBACK');
    } catch {
      // The connection broke; the server rolled back for us.
    }
  }
}

/** bytea crosses the worker boundary as Uint8Array; repositories expect Buffer (as from SQLite). */
function fromPgRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Uint8Array && !Buffer.isBuffer(v))
      row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}

/** Blocks the thread for `ms` (backoff between transaction attempts; the node is busy anyway). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
