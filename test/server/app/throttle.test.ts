/**
 * Password throttling: per username with exponential, capped, temporary locks (so a known username
 * cannot be locked out for good) and per IP within a window; persisted in SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../server/store/db';
import { openTestStore } from '../store/test-store';
import { ThrottleRepo } from '../../../server/store/throttle-repo';
import { AdjustableClock } from '../../../server/app/clock';
import { LoginThrottle, ThrottledError } from '../../../server/app/throttle';

let dir: string;
let db: Db;
let clock: AdjustableClock;
let th: LoginThrottle;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faktor-throttle-'));
  db = openTestStore(dir);
  clock = new AdjustableClock();
  clock.freeze(true);
  th = new LoginThrottle(new ThrottleRepo(db), clock, (u) => u.trim().toLowerCase());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const waitOf = (f: () => void): number => {
  try {
    f();
    return 0;
  } catch (e) {
    if (e instanceof ThrottledError) return e.retryAfterSeconds;
    throw e;
  }
};

it('locks a username exponentially after 5 free failures, capped at 15 min, reset by success', () => {
  for (let i = 0; i < 5; i++) th.fail('Erika', `10.0.0.${i}`);
  expect(waitOf(() => th.check('erika', '10.0.1.1'))).toBe(0);
  th.fail('erika', '10.0.1.1');
  expect(waitOf(() => th.check('ERIKA ', '10.0.2.2'))).toBe(2);
  th.fail('erika', '10.0.1.1');
  expect(waitOf(() => th.check('erika', '10.0.2.2'))).toBe(4);
  for (let i = 0; i < 30; i++) th.fail('erika', `10.1.${i}.1`);
  expect(waitOf(() => th.check('erika', '10.0.2.2'))).toBe(15 * 60);
  clock.advance(15 * 60_000);
  expect(waitOf(() => th.check('erika', '10.0.2.2'))).toBe(0); // temporary, never permanent
  th.succeed('erika');
  th.fail('erika', '10.0.3.3');
  expect(waitOf(() => th.check('erika', '10.0.3.3'))).toBe(0);
});

it('locks an IP after 50 failures in 15 minutes for the rest of the window', () => {
  for (let i = 0; i < 50; i++) th.fail(`user${i}`, '192.0.2.7');
  expect(waitOf(() => th.check('someone-else', '192.0.2.7'))).toBe(15 * 60);
  expect(waitOf(() => th.check('someone-else', '192.0.2.8'))).toBe(0);
  clock.advance(15 * 60_000);
  expect(waitOf(() => th.check('someone-else', '192.0.2.7'))).toBe(0);
});

it('reserve() counts the attempt before the caller awaits the hash: the (allowance + 1)-th reservation in flight locks the name', () => {
  const attempts = [];
  for (let i = 0; i < 6; i++) attempts.push(th.reserve('erika', '10.0.0.1')); // 5 free + the one that locks
  expect(waitOf(() => th.reserve('erika', '10.0.0.2'))).toBe(2); // a 7th concurrent guess is refused
  attempts[5]?.succeed(); // the in-flight one was right: the counter goes, the name is free again
  expect(waitOf(() => th.check('erika', '10.0.0.2'))).toBe(0);
});

it('reserve() + succeed() refunds the IP, so successes never add up to an IP lock; failures still do', () => {
  for (let i = 0; i < 49; i++) th.fail(`user${i}`, '192.0.2.9');
  for (let i = 0; i < 20; i++) th.reserve(`ok${i}`, '192.0.2.9').succeed();
  expect(waitOf(() => th.check('someone', '192.0.2.9'))).toBe(0);
  th.reserve('bad', '192.0.2.9').fail(); // the 50th real failure
  expect(waitOf(() => th.check('someone', '192.0.2.9'))).toBe(15 * 60);
});
