/**
 * Opens the server's store: the embedded SQLite file (default) with the durability settings the crash
 * test relies on, or PostgreSQL when a postgres:// URL is configured (pg-db.ts). Both are `SqlDb`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import { openPostgres } from './pg-db';
import type { SqlDb, SqlStatement } from './sql-db';

/** The store as repositories see it (either dialect). */
export type Db = SqlDb;

/** File name inside the data directory. */
export const DB_FILE = 'servicekonto.sqlite';

/** `SqlDb` over a better-sqlite3 handle; `raw` and `pragma` are for SQLite-only code and tests. */
export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;

  constructor(readonly raw: Database.Database) {}

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqlStatement<P, R> {
    return this.raw.prepare<P, R>(sql) as unknown as SqlStatement<P, R>;
  }

  transaction<T>(fn: () => T): () => T {
    return this.raw.transaction(fn);
  }

  /** better-sqlite3's pragma. */
  pragma(source: string, options?: Database.PragmaOptions): unknown {
    return this.raw.pragma(source, options);
  }

  close(): void {
    this.raw.close();
  }
}

/**
 * Opens (creating if needed) `<dataDir>/servicekonto.sqlite` in WAL mode with synchronous=FULL, so
 * every committed transaction — i.e. every acknowledged HTTP write — is fsynced before the commit
 * returns and survives kill -9 or power loss; foreign keys on; busy timeout for the crash test's restart.
 */
export function openDatabase(
  dataDir: string,
  migrations: readonly Migration[] = MIGRATIONS,
): SqliteDb {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new SqliteDb(new Database(path.join(dataDir, DB_FILE)));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/** Where the server keeps its data: a postgres:// URL (and schema), else the SQLite file in dataDir. */
export interface StoreLocation {
  dataDir: string;
  database?: string | undefined;
  databaseSchema?: string | undefined;
}

/** Opens the configured store. */
export function openStore(where: StoreLocation): SqlDb {
  if (where.database)
    return openPostgres({
      url: where.database,
      ...(where.databaseSchema ? { schema: where.databaseSchema } : {}),
    });
  return openDatabase(where.dataDir);
}

/**
 * Runs every migration past the file's user_version, each in its own transaction together with the
 * version bump. Refuses a file written by a newer server rather than guessing.
 */
export function migrate(db: SqliteDb, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `database schema version ${current} is newer than this server (${migrations.length})`,
    );
  }
  for (let v = current; v < migrations.length; v++) {
    const m = migrations[v] as Migration;
    db.transaction(() => {
      db.raw.exec(m.sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}

/** The store's own consistency check as one string ('ok' when sound): SQLite's integrity_check; PostgreSQL checks its pages itself. */
export function integrityCheck(db: SqlDb): string {
  if (!(db instanceof SqliteDb)) return 'ok';
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('\n');
}
