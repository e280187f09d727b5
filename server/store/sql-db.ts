/**
 * The one database port every repository talks to: prepared statements with `?` placeholders that run
 * synchronously, and transactions as functions (better-sqlite3's shape). Two implementations: SQLite
 * (db.ts, the embedded default) and PostgreSQL (pg-db.ts, several server nodes). Repositories write
 * SQL both dialects accept; the few spots that differ ask `dialect`.
 */

/** Which SQL dialect a store speaks. */
export type SqlDialect = 'sqlite' | 'postgres';

/** What a statement that writes reports back. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/**
 * A prepared statement; parameters bind to the `?` placeholders in order (or `@name` from one object).
 * `P` and `R` only type the call sites (parameters and row shape), as in better-sqlite3.
 */
export interface SqlStatement<P extends unknown[] = unknown[], R = unknown> {
  /** The first row, or undefined. */
  get(...params: P): R | undefined;
  /** Every row. */
  all(...params: P): R[];
  /** Runs a write. */
  run(...params: P): RunResult;
}

/** A database connection as the repositories see it. */
export interface SqlDb {
  readonly dialect: SqlDialect;
  /** Prepares `sql` (placeholders `?`). */
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqlStatement<P, R>;
  /**
   * Wraps `fn` so that calling the result runs it in one transaction: committed when it returns,
   * rolled back when it throws; nested calls become savepoints. PostgreSQL runs it SERIALIZABLE and
   * re-runs it on a serialization failure, so `fn` must only touch the database (or be idempotent).
   */
  transaction<T>(fn: () => T): () => T;
  /** Closes the connection (idempotent). */
  close(): void;
}

/**
 * Whether `e` is the store refusing a second row with the same `table.column` (UNIQUE), in either
 * dialect. PostgreSQL names the constraint `<table>_<column>_key` (the migrations keep that name).
 */
export function isUniqueViolation(e: unknown, table: string, column: string): boolean {
  const err = e as { code?: unknown; message?: unknown; constraint?: unknown } | null;
  if (err?.code === '23505') return err.constraint === `${table}_${column}_key`;
  return (
    typeof err?.message === 'string' &&
    err.message.includes(`UNIQUE constraint failed: ${table}.${column}`)
  );
}
