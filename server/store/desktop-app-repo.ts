/**
 * Desktop-app pairing state: one-time enrollment tokens (stored as SHA-256 only, so a database copy
 * cannot enrol a device) and offline login transactions (the faktor-login payload the page showed,
 * used once). Both expire in minutes; `prune` drops the old rows.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db';

/** A stored enrollment token. */
export interface EnrollmentRow {
  accountId: string;
  sessionId: string;
  expiresAt: number;
  usedAt: number | null;
}

/** A stored offline login transaction. */
export interface DesktopLoginRow {
  tx: string;
  accountId: string | null;
  payload: string;
  expiresAt: number;
  usedAt: number | null;
}

/** SHA-256 hex of an enrollment token (the only form that is stored). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Enrollment tokens and login transactions. */
export class DesktopAppRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      putEnrollment: db.prepare(
        'INSERT INTO desktop_enrollments (token_hash, account_id, session_id, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)',
      ),
      getEnrollment: db.prepare<
        [string],
        { account_id: string; session_id: string; expires_at: number; used_at: number | null }
      >(
        'SELECT account_id, session_id, expires_at, used_at FROM desktop_enrollments WHERE token_hash = ?',
      ),
      useEnrollment: db.prepare(
        'UPDATE desktop_enrollments SET used_at = ? WHERE token_hash = ? AND used_at IS NULL',
      ),
      putLogin: db.prepare(
        'INSERT INTO desktop_logins (tx, account_id, payload, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)',
      ),
      getLogin: db.prepare<
        [string],
        {
          tx: string;
          account_id: string | null;
          payload: string;
          expires_at: number;
          used_at: number | null;
        }
      >('SELECT tx, account_id, payload, expires_at, used_at FROM desktop_logins WHERE tx = ?'),
      useLogin: db.prepare(
        'UPDATE desktop_logins SET used_at = ? WHERE tx = ? AND used_at IS NULL',
      ),
      accountOfMeans: db.prepare<[string], { account_id: string }>(
        'SELECT account_id FROM means WHERE id = ?',
      ),
      pruneEnrollments: db.prepare('DELETE FROM desktop_enrollments WHERE expires_at < ?'),
      pruneLogins: db.prepare('DELETE FROM desktop_logins WHERE expires_at < ?'),
    };
  }

  /** Stores a new enrollment token (by hash). */
  addEnrollment(token: string, row: Omit<EnrollmentRow, 'usedAt'>): void {
    this.s.putEnrollment.run(tokenHash(token), row.accountId, row.sessionId, row.expiresAt);
  }

  /** The enrollment row for a token, if any. */
  enrollment(token: string): EnrollmentRow | undefined {
    const r = this.s.getEnrollment.get(tokenHash(token));
    return (
      r && {
        accountId: r.account_id,
        sessionId: r.session_id,
        expiresAt: r.expires_at,
        usedAt: r.used_at,
      }
    );
  }

  /** Marks a token used; false when it was used already (a concurrent enrollment won). */
  useEnrollment(token: string, now: number): boolean {
    return this.s.useEnrollment.run(now, tokenHash(token)).changes === 1;
  }

  /** Stores an offline login transaction. */
  addLogin(row: Omit<DesktopLoginRow, 'usedAt'>): void {
    this.s.putLogin.run(row.tx, row.accountId, row.payload, row.expiresAt);
  }

  /** One login transaction, if any. */
  login(tx: string): DesktopLoginRow | undefined {
    const r = this.s.getLogin.get(tx);
    return (
      r && {
        tx: r.tx,
        accountId: r.account_id,
        payload: r.payload,
        expiresAt: r.expires_at,
        usedAt: r.used_at,
      }
    );
  }

  /** Marks a transaction used; false when it was used already (single use). */
  useLogin(tx: string, now: number): boolean {
    return this.s.useLogin.run(now, tx).changes === 1;
  }

  /** The account a means belongs to (the device-auth lookup by means id). */
  accountOfMeans(meansId: string): string | undefined {
    return this.s.accountOfMeans.get(meansId)?.account_id;
  }

  /** Drops rows that expired more than `graceMs` ago. */
  prune(now: number, graceMs: number): void {
    this.s.pruneEnrollments.run(now - graceMs);
    this.s.pruneLogins.run(now - graceMs);
  }
}
