/**
 * Which store the server tests run on: SQLite files by default; PostgreSQL when
 * FAKTOR_TEST_DATABASE_URL is set (scripts/with-test-postgres.sh, `npm run test:server:pg`). Each data
 * directory gets its own schema, so parallel test servers never see each other's rows and a restart on
 * the same directory finds its data again.
 */
import { createHash } from 'node:crypto';
import { openDatabase, openStore } from '../../../server/store/db';
import type { SqlDb } from '../../../server/store/sql-db';

/** The PostgreSQL URL of the test cluster, or undefined (SQLite). */
export const TEST_DATABASE_URL: string | undefined =
  process.env.FAKTOR_TEST_DATABASE_URL || undefined;

/** Server options that put a data directory's store on the test cluster (empty for SQLite). */
export function testStoreOptions(dataDir: string): { database?: string; databaseSchema?: string } {
  if (!TEST_DATABASE_URL) return {};
  return { database: TEST_DATABASE_URL, databaseSchema: schemaFor(dataDir) };
}

/** Opens the store of `dataDir` in the suite's dialect. */
export function openTestStore(dataDir: string): SqlDb {
  return TEST_DATABASE_URL
    ? openStore({ dataDir, ...testStoreOptions(dataDir) })
    : openDatabase(dataDir);
}

/** A schema name derived from the directory (stable across restarts). */
function schemaFor(dataDir: string): string {
  return `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;
}
