/**
 * Persists sessions. The cookie value is a 256-bit random token; only its SHA-256 is stored, so a
 * copy of the database does not hand out live sessions. The domain sees the internal `id`.
 */
import type { Db } from './db';
import type { Session, SessionAuthentication } from '../domain/model';

/** Per-session scratch data the means need between two requests (never shown to the client). */
export interface SessionScratch {
  /** Pending WebAuthn registration: challenge + flavour + means id. */
  webauthnRegistration?: { challenge: string; meansId: string; expiresAt: number };
  /** Pending WebAuthn assertion challenge for a means. */
  webauthnAssertion?: { challenge: string; meansId: string; expiresAt: number };
  /** Hash of the SMS code sent for a means (step-up or confirmation). */
  smsChallenge?: { meansId: string; codeHash: string; expiresAt: number };
  /** The login QR shown per desktop-app means (step-up or §4.2 confirmation), by means id: its faktor-login payload. */
  desktopChallenges?: Record<string, { payload: string; expiresAt: number }>;
}

/** Which browser a session belongs to, as a hint for the user ('' when unknown, e.g. sessions from before it was kept). */
export interface SessionClient {
  /** User-Agent as sent, ≤ 120 characters, control characters removed. */
  browser: string;
  ip: string;
}

/** A stored session with its CSRF token. */
export interface StoredSession {
  session: Session;
  csrfToken: string;
  scratch: SessionScratch;
  /** Set on every session read from the store (absent on a not yet stored one). */
  client?: SessionClient;
}

interface SessionRow {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: number;
  last_activity_at: number;
  ended_at: number | null;
  authentications: string;
  scratch: string;
  client_browser: string;
  client_ip: string;
}

/** Session persistence. */
export class SessionRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO sessions (id, token_hash, account_id, csrf_token, created_at, last_activity_at, ended_at, authentications, scratch)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}')`,
      ),
      byToken: db.prepare('SELECT * FROM sessions WHERE token_hash = ?'),
      byId: db.prepare('SELECT * FROM sessions WHERE id = ?'),
      update: db.prepare(
        'UPDATE sessions SET last_activity_at = ?, ended_at = ?, authentications = ? WHERE id = ?',
      ),
      scratch: db.prepare('UPDATE sessions SET scratch = ? WHERE id = ?'),
      client: db.prepare(
        'UPDATE sessions SET client_browser = ?, client_ip = ? WHERE token_hash = ?',
      ),
      forAccount: db.prepare(
        'SELECT * FROM sessions WHERE account_id = ? AND ended_at IS NULL ORDER BY created_at',
      ),
      delete: db.prepare('DELETE FROM sessions WHERE id = ?'),
      deleteEnded: db.prepare('DELETE FROM sessions WHERE ended_at IS NOT NULL AND ended_at < ?'),
    };
  }

  /** Stores a new session under the hash of its cookie token. */
  insert(session: Session, tokenHash: string, csrfToken: string): void {
    this.s.insert.run(
      session.id,
      tokenHash,
      session.accountId,
      csrfToken,
      session.createdAt,
      session.lastActivityAt,
      session.endedAt,
      JSON.stringify(session.authentications),
    );
  }

  /** The session whose cookie token hashes to `tokenHash`. */
  byTokenHash(tokenHash: string): StoredSession | undefined {
    return toStored(this.s.byToken.get(tokenHash) as SessionRow | undefined);
  }

  /** The session with internal id `id`. */
  byId(id: string): StoredSession | undefined {
    return toStored(this.s.byId.get(id) as SessionRow | undefined);
  }

  /** Writes activity, end and authentications of a changed session. */
  save(session: Session): void {
    this.s.update.run(
      session.lastActivityAt,
      session.endedAt,
      JSON.stringify(session.authentications),
      session.id,
    );
  }

  /** Replaces the scratch data of a session. */
  saveScratch(sessionId: string, scratch: SessionScratch): void {
    this.s.scratch.run(JSON.stringify(scratch), sessionId);
  }

  /** Records the browser/address a session cookie (by its token hash) was just issued to. */
  saveClient(tokenHash: string, client: SessionClient): void {
    this.s.client.run(client.browser, client.ip, tokenHash);
  }

  /** Open (not ended) sessions of an account, oldest first. */
  openForAccount(accountId: string): StoredSession[] {
    return (this.s.forAccount.all(accountId) as SessionRow[]).map(
      (r) => toStored(r) as StoredSession,
    );
  }

  /** Removes a session row entirely. */
  delete(id: string): void {
    this.s.delete.run(id);
  }

  /** Housekeeping: drops sessions that ended before `before`. */
  purgeEnded(before: number): void {
    this.s.deleteEnded.run(before);
  }
}

function toStored(r: SessionRow | undefined): StoredSession | undefined {
  if (!r) return undefined;
  return {
    session: {
      id: r.id,
      accountId: r.account_id,
      createdAt: r.created_at,
      lastActivityAt: r.last_activity_at,
      authentications: JSON.parse(r.authentications) as SessionAuthentication[],
      endedAt: r.ended_at,
    },
    csrfToken: r.csrf_token,
    scratch: JSON.parse(r.scratch) as SessionScratch,
    client: { browser: r.client_browser, ip: r.client_ip },
  };
}
