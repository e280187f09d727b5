/**
 * Pending attribute verifications (§5.1 second case: a code or link sent to an address). Stores the
 * domain's PendingVerification next to the code's hash; a row is single-use and expires.
 */
import type { Db } from './db';
import type { PendingVerification } from '../domain/verification';

/** A stored pending verification. */
export interface StoredVerification {
  id: string;
  pending: PendingVerification;
  codeHash: string;
  attempts: number;
  usedAt: number | null;
}

interface Row {
  id: string;
  account_id: string;
  session_id: string;
  attribute: string;
  value: string;
  method: PendingVerification['method'];
  level: PendingVerification['level'];
  created_at: number;
  code_hash: string;
  attempts: number;
  expires_at: number;
  used_at: number | null;
}

/** Stores and consumes pending verifications. */
export class VerificationRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO verifications (id, account_id, session_id, attribute, value, method, level, created_at, code_hash, attempts, expires_at, used_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL)`,
      ),
      byId: db.prepare('SELECT * FROM verifications WHERE id = ?'),
      attempt: db.prepare('UPDATE verifications SET attempts = attempts + 1 WHERE id = ?'),
      use: db.prepare('UPDATE verifications SET used_at = ? WHERE id = ? AND used_at IS NULL'),
    };
  }

  /** Stores a new pending verification. */
  insert(id: string, p: PendingVerification, codeHash: string): void {
    this.s.insert.run(
      id,
      p.accountId,
      p.sessionId,
      p.attribute,
      p.value,
      p.method,
      p.level,
      p.createdAt,
      codeHash,
      p.expiresAt,
    );
  }

  /** The verification with that id. */
  byId(id: string): StoredVerification | undefined {
    const r = this.s.byId.get(id) as Row | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      pending: {
        accountId: r.account_id,
        sessionId: r.session_id,
        attribute: r.attribute,
        value: r.value,
        method: r.method,
        level: r.level,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
      },
      codeHash: r.code_hash,
      attempts: r.attempts,
      usedAt: r.used_at,
    };
  }

  /** Counts a wrong code. */
  countAttempt(id: string): void {
    this.s.attempt.run(id);
  }

  /** Marks it used; false when it already was (single use under concurrency). */
  consume(id: string, at: number): boolean {
    return this.s.use.run(at, id).changes === 1;
  }
}
