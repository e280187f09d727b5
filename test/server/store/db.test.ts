/**
 * The store's durability settings and migrations: WAL, synchronous=FULL, foreign keys, versioned
 * migrations that run once, in order, each atomically with its user_version bump.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { integrityCheck, migrate, openDatabase } from '../../../server/store/db';
import { MIGRATIONS, type Migration } from '../../../server/store/migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faktor-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('opens with WAL, synchronous=FULL, foreign keys and the latest schema', () => {
  const db = openDatabase(dir);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  expect(integrityCheck(db)).toBe('ok');
  db.close();
  // Re-opening runs nothing twice.
  const again = openDatabase(dir);
  expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  again.close();
});

it('runs new migrations in order and rolls a failing one back completely', () => {
  const db = openDatabase(dir);
  const extra: Migration[] = [
    ...MIGRATIONS,
    { name: 'add t1', sql: 'CREATE TABLE t1 (x INTEGER) STRICT;' },
    { name: 'broken', sql: 'CREATE TABLE t2 (x INTEGER) STRICT; INSERT INTO nope VALUES (1);' },
  ];
  expect(() => migrate(db, extra)).toThrow();
  expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
  ).map((r) => r.name);
  expect(tables).toContain('t1');
  expect(tables).not.toContain('t2');
  db.close();
});

it('refuses a database written by a newer server', () => {
  const db = openDatabase(dir);
  db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
  expect(() => migrate(db)).toThrow(/newer/);
  db.close();
});

it('cascades account erasure to every dependent row (§7)', () => {
  const db = openDatabase(dir);
  db.prepare(
    "INSERT INTO accounts (id, username, password_hash, block_password_hash, created_at) VALUES ('a', 'u', 'h', 'b', 0)",
  ).run();
  db.prepare(
    "INSERT INTO attributes (account_id, name, value, level, source, position) VALUES ('a', 'n', 'v', 'niedrig', 'self-entered', 0)",
  ).run();
  db.prepare(
    "INSERT INTO means (id, account_id, kind, level, status, created_at, position) VALUES ('m', 'a', 'password', 'niedrig', 'active', 0, 0)",
  ).run();
  db.prepare("INSERT INTO means_credentials (means_id, data) VALUES ('m', '{}')").run();
  db.prepare(
    "INSERT INTO sessions (id, token_hash, account_id, csrf_token, created_at, last_activity_at, authentications) VALUES ('s', 't', 'a', 'c', 0, 0, '[]')",
  ).run();
  db.prepare("DELETE FROM accounts WHERE id = 'a'").run();
  for (const table of ['attributes', 'means', 'means_credentials', 'sessions']) {
    expect((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(
      0,
    );
  }
  db.close();
});

it('migration 3 strips typed usernames from throttled audit rows and drops name-keyed throttle counters', () => {
  const db = openDatabase(dir, MIGRATIONS.slice(0, 2));
  db.prepare(
    "INSERT INTO audit_events (at, event, account_id, ip, detail) VALUES (0, 'login.throttled', NULL, '127.0.0.1', '{\"username\":\"erika\"}')",
  ).run();
  db.prepare(
    "INSERT INTO audit_events (at, event, account_id, ip, detail) VALUES (0, 'login.ok', 'a', '127.0.0.1', '{\"secondFactor\":null}')",
  ).run();
  db.prepare(
    "INSERT INTO throttles (key, failures, window_start, locked_until) VALUES ('acct:erika', 6, 0, 0), ('ip:127.0.0.1', 6, 0, 0)",
  ).run();
  migrate(db);
  const details = (
    db.prepare('SELECT detail FROM audit_events ORDER BY id').all() as { detail: string }[]
  ).map((r) => r.detail);
  expect(details).toEqual(['{}', '{"secondFactor":null}']);
  expect(
    (db.prepare('SELECT key FROM throttles').all() as { key: string }[]).map((r) => r.key),
  ).toEqual(['ip:127.0.0.1']);
  db.close();
});

it('refuses to save an account copy read before another save committed (optimistic concurrency, issue #7 item 3)', async () => {
  const { AccountRepo, ConcurrentUpdateError } = await import('../../../server/store/account-repo');
  const { createAccount, DEFAULT_POLICY } = await import('../../../server/domain');
  const db = openDatabase(dir);
  const repo = new AccountRepo(db);
  const created = createAccount(
    {
      accountId: 'a1',
      username: 'u1',
      passwordMeansId: 'm1',
      sessionId: 's1',
      attributes: { familyName: 'X' },
      blockPasswordSet: true,
    },
    0,
    DEFAULT_POLICY,
  );
  repo.insert(created.account, 'hash', 'block-hash');
  const first = repo.byId('a1');
  const second = repo.byId('a1');
  if (!first || !second) throw new Error('not stored');
  const saved = repo.save({
    ...first,
    attributes: [...first.attributes, { ...first.attributes[0]!, name: 'email', value: 'kept' }],
  });
  expect(saved.version).toBe(1);
  expect(() => repo.save({ ...second, attributes: [] })).toThrow(ConcurrentUpdateError);
  expect(repo.byId('a1')?.attributes.map((a) => a.name)).toEqual(['familyName', 'email']);
  // A second save in the same transaction uses the returned copy.
  expect(repo.save(saved).version).toBe(2);
  db.close();
});
