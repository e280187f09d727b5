/**
 * The PostgreSQL store itself (npm run test:server:pg): synchronous statements, transactions that
 * commit or roll back as a whole, savepoints for nested ones, a re-run after a serialization failure
 * between two connections, types that read like SQLite's, and migrations that refuse a newer schema.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { openPostgres, type PgDb } from '../../../server/store/pg-db';
import { PG_MIGRATIONS, migratePostgres } from '../../../server/store/pg-migrations';
import { TEST_DATABASE_URL } from './test-store';

const url = TEST_DATABASE_URL as string;
if (!url)
  throw new Error('pg-db.pg.test.ts needs FAKTOR_TEST_DATABASE_URL (npm run test:server:pg)');
const open: PgDb[] = [];
const store = (schema: string): PgDb => {
  const db = openPostgres({ url, schema });
  open.push(db);
  return db;
};
const fresh = (): string => `pgdb_${randomBytes(6).toString('hex')}`;
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

it('reads integers as numbers, bytea as Buffer, and missing rows as undefined', () => {
  const db = store(fresh());
  db.prepare('INSERT INTO install_secrets (name, value) VALUES (?, ?)').run(
    'k',
    Buffer.from([1, 2, 3]),
  );
  const row = db
    .prepare<[string], { value: Buffer }>('SELECT value FROM install_secrets WHERE name = ?')
    .get('k');
  expect(Buffer.isBuffer(row?.value)).toBe(true);
  expect([...(row?.value ?? [])]).toEqual([1, 2, 3]);
  expect(
    db
      .prepare('SELECT count(*) AS n, ? ::bigint AS big FROM install_secrets')
      .get(Date.UTC(2026, 11, 2)),
  ).toEqual({ n: 1, big: Date.UTC(2026, 11, 2) });
  expect(db.prepare('SELECT * FROM install_secrets WHERE name = ?').get('none')).toBeUndefined();
});

it('commits a transaction as a whole, rolls it back on a throw, and rolls back only a failed nested one', () => {
  const db = store(fresh());
  const put = db.prepare(
    'INSERT INTO throttles (key, failures, window_start, locked_until) VALUES (?, 0, 0, 0)',
  );
  const keys = (): string[] =>
    db
      .prepare<[], { key: string }>('SELECT key FROM throttles ORDER BY key')
      .all()
      .map((r) => r.key);
  expect(() =>
    db.transaction(() => {
      put.run('a');
      throw new Error('boom');
    })(),
  ).toThrow('boom');
  expect(keys()).toEqual([]);
  db.transaction(() => {
    put.run('b');
    expect(() =>
      db.transaction(() => {
        put.run('c');
        put.run('c'); // unique violation inside the savepoint
      })(),
    ).toThrow();
    put.run('d');
  })();
  expect(keys()).toEqual(['b', 'd']);
});

it('re-runs a transaction that lost a serialization conflict with another node', () => {
  const schema = fresh();
  const a = store(schema);
  const b = store(schema);
  a.prepare(
    "INSERT INTO throttles (key, failures, window_start, locked_until) VALUES ('n', 0, 0, 0)",
  ).run();
  const read = (db: PgDb): number =>
    (
      db
        .prepare<[], { failures: number }>("SELECT failures FROM throttles WHERE key = 'n'")
        .get() as { failures: number }
    ).failures;
  let attempts = 0;
  a.transaction(() => {
    attempts++;
    const seen = read(a);
    // Node B commits a change to the same row after A read it (only on A's first attempt).
    if (attempts === 1)
      b.transaction(() =>
        b.prepare("UPDATE throttles SET failures = failures + 1 WHERE key = 'n'").run(),
      )();
    a.prepare("UPDATE throttles SET failures = ? WHERE key = 'n'").run(seen + 1);
  })();
  expect(attempts).toBe(2); // the first attempt was aborted (40001) and re-run on fresh data
  expect(read(a)).toBe(2); // no lost update
});

it('migrates once and refuses a schema written by a newer server', () => {
  const schema = fresh();
  const db = store(schema);
  expect(migratePostgres(db)).toBe(PG_MIGRATIONS.length);
  expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM faktor_schema').get()).toEqual({
    n: PG_MIGRATIONS.length,
  });
  db.prepare('INSERT INTO faktor_schema (version) VALUES (?)').run(PG_MIGRATIONS.length + 3);
  expect(() => migratePostgres(db)).toThrow(/newer/);
  expect(() => openPostgres({ url, schema: 'Bad-Name' })).toThrow(/schema names/);
});
