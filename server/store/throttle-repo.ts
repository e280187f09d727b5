/**
 * Failure counters for password attempts, keyed per username and per client IP (ASVS 5.0 6.3.1).
 * Persisted so a restart does not hand an attacker a fresh budget.
 */
import type { Db } from './db';

/** One counter. */
export interface ThrottleState {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

/** Reads and writes throttle counters. */
export class ThrottleRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly delStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare(
      'SELECT failures, window_start AS "windowStart", locked_until AS "lockedUntil" FROM throttles WHERE key = ?',
    );
    this.putStmt = db.prepare(
      `INSERT INTO throttles (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, locked_until = excluded.locked_until`,
    );
    this.delStmt = db.prepare('DELETE FROM throttles WHERE key = ?');
  }

  /** The counter for `key`, if any. */
  get(key: string): ThrottleState | undefined {
    return this.getStmt.get(key) as ThrottleState | undefined;
  }

  /** Stores the counter for `key`. */
  put(key: string, s: ThrottleState): void {
    this.putStmt.run(key, s.failures, s.windowStart, s.lockedUntil);
  }

  /** Runs `fn` in one transaction (joins the caller's if there is one): check + count is one step, one fsync. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Forgets `key` (after a successful login). */
  clear(key: string): void {
    this.delStmt.run(key);
  }
}
