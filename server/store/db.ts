/**
 * Opens the server's SQLite file with the durability settings the crash test relies on and brings
 * the schema up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/** The better-sqlite3 handle type, re-exported so repositories need not import the driver. */
export type Db = Database.Database;

/** File name inside the data directory. */
export const DB_FILE = 'servicekonto.sqlite';

/**
 * Opens (creating if needed) `<dataDir>/servicekonto.sqlite` in WAL mode with synchronous=FULL, so
 * every committed transaction — i.e. every acknowledged HTTP write — is fsynced before the commit
 * returns and survives kill -9 or power loss; foreign keys on; busy timeout for the crash test's restart.
 */
export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/**
 * Runs every migration past the file's user_version, each in its own transaction together with the
 * version bump. Refuses a file written by a newer server rather than guessing.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this server (${migrations.length})`);
  }
  for (let v = current; v < migrations.length; v++) {
    const m = migrations[v] as Migration;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}

/** `PRAGMA integrity_check` as one string ('ok' when the file is sound). */
export function integrityCheck(db: Db): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('\n');
}
