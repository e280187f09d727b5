/**
 * Short-lived server state (device nonces, flash ids, key registrations) behaves the same in memory
 * (SQLite deployments) and in the shared `ephemeral` table (PostgreSQL, several nodes): each key is
 * claimed once while live, an expired key can be claimed again, a value is taken once, and a full kind
 * refuses more. The PostgreSQL half runs in `npm run test:server:pg`.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  MemoryEphemeralStore,
  PgEphemeralStore,
  type EphemeralStore,
} from '../../../server/store/ephemeral-repo';
import { openPostgres, type PgDb } from '../../../server/store/pg-db';
import { TEST_DATABASE_URL } from './test-store';

const T0 = Date.UTC(2026, 11, 3, 4, 0, 0);
const opened: PgDb[] = [];
afterAll(() => {
  for (const db of opened.splice(0)) db.close();
});

const stores: [string, (max?: number) => EphemeralStore][] = [
  ['memory', (max) => new MemoryEphemeralStore(max)],
];
if (TEST_DATABASE_URL)
  stores.push([
    'postgres',
    (max) => {
      const db = openPostgres({
        url: TEST_DATABASE_URL as string,
        schema: `eph_${randomBytes(6).toString('hex')}`,
      });
      opened.push(db);
      return new PgEphemeralStore(db, max);
    },
  ]);

describe.each(stores)('ephemeral store (%s)', (_name, make) => {
  it('claims a key once while it is live, and again after it expired', () => {
    const s = make();
    expect(s.claim('device-nonce', 'n1', T0 + 1000, T0)).toBe(true);
    expect(s.claim('device-nonce', 'n1', T0 + 5000, T0 + 500)).toBe(false);
    expect(s.claim('flash', 'n1', T0 + 1000, T0 + 500)).toBe(true); // kinds are separate
    expect(s.claim('device-nonce', 'n1', T0 + 9000, T0 + 1001)).toBe(true);
    expect(s.claim('device-nonce', 'n1', T0 + 9000, T0 + 2000)).toBe(false);
  });

  it('hands a stored value out once, and nothing once it expired', () => {
    const s = make();
    const value = { challenge: 'c', rpId: 'localhost', n: 7 };
    expect(
      s.put('key-registration', 'tx1', { owner: 'means-a', value, until: T0 + 1000 }, T0),
    ).toBe(true);
    expect(
      s.put(
        'key-registration',
        'tx1',
        { owner: 'means-b', value: { other: 1 }, until: T0 + 1000 },
        T0,
      ),
    ).toBe(false);
    expect(s.take('key-registration', 'tx1', T0 + 10)).toEqual(value);
    expect(s.take('key-registration', 'tx1', T0 + 20)).toBeUndefined();
    s.put('key-registration', 'tx2', { owner: 'means-a', value, until: T0 + 1000 }, T0);
    expect(s.take('key-registration', 'tx2', T0 + 1001)).toBeUndefined();
  });

  it('replaces an expired entry with the new owner and value', () => {
    const s = make();
    s.put('key-registration', 'tx', { owner: 'old', value: { v: 1 }, until: T0 + 100 }, T0);
    expect(
      s.put(
        'key-registration',
        'tx',
        { owner: 'new', value: { v: 2 }, until: T0 + 5000 },
        T0 + 200,
      ),
    ).toBe(true);
    expect(s.count('key-registration', 'new', T0 + 300)).toEqual({ all: 1, owner: 1 });
    expect(s.take('key-registration', 'tx', T0 + 300)).toEqual({ v: 2 });
  });

  it('counts the live entries of a kind and of one owner', () => {
    const s = make();
    s.put('key-registration', 'a', { owner: 'me', value: 1, until: T0 + 1000 }, T0);
    s.put('key-registration', 'b', { owner: 'me', value: 2, until: T0 + 1000 }, T0);
    s.put('key-registration', 'c', { owner: 'you', value: 3, until: T0 + 1000 }, T0);
    expect(s.count('key-registration', 'me', T0 + 1)).toEqual({ all: 3, owner: 2 });
    expect(s.count('flash', 'me', T0 + 1)).toEqual({ all: 0, owner: 0 });
  });

  it('refuses new keys once a kind is full, and other kinds stay open', () => {
    const s = make(3);
    for (const k of ['a', 'b', 'c']) expect(s.claim('flash', k, T0 + 60_000, T0)).toBe(true);
    expect(s.claim('flash', 'd', T0 + 60_000, T0)).toBe(false);
    expect(s.claim('device-nonce', 'd', T0 + 60_000, T0)).toBe(true);
  });
});
