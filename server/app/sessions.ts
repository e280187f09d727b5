/**
 * Session plumbing shared by every service: issuing a session (256-bit cookie token, only its hash
 * stored), resolving a cookie to account + session with Table 2 applied, CSRF checks, and status
 * views with remaining time.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AppContext } from './context';
import { ServiceError } from './errors';
import { randomToken, sha256 } from '../means/codes';
import {
  sessionStatus,
  touchSession,
  type Account,
  type Means,
  type MeansLevel,
  type Session,
  type SessionOutcome,
  type SessionStatus,
} from '../domain';
import type { StoredSession } from '../store/session-repo';

/** A resolved, touched session with its account. */
export interface ActiveSession {
  account: Account;
  stored: StoredSession;
  level: MeansLevel | null;
}

/** What the client gets when a session is created or its token rotated. */
export interface IssuedSession {
  /** Cookie value; never stored server-side. */
  token: string;
  csrfToken: string;
  status: SessionView;
}

/** One session as the API shows it (§4.3 remaining time). */
export interface SessionView {
  /** Internal id (not the cookie value), usable to tell sessions apart in the overview. */
  id: string;
  level: MeansLevel | null;
  /** Epoch ms when the current level drops if the user stays idle. */
  levelUntil: number | null;
  /** Epoch ms when the session has no authentication left if the user stays idle. */
  endsAt: number | null;
  /** Seconds until `levelUntil` / `endsAt` (convenience for curl users and the pages). */
  levelRemainingSeconds: number | null;
  remainingSeconds: number | null;
  /** §4.3: the granted level a Table 2 limit lowered the session from (null when not downgraded). */
  downgradedFrom: MeansLevel | null;
  createdAt: number;
  lastActivityAt: number;
  authentications: {
    meansId: string | null;
    kind: string | null;
    via: string;
    level: MeansLevel;
    at: number;
  }[];
  current?: boolean;
}

/** What SessionService uses of the AppContext: sessions and the accounts they belong to, the database for the token rotation, the audit log. */
export type SessionDeps = Pick<
  AppContext,
  'accounts' | 'sessions' | 'db' | 'now' | 'policy' | 'recordEvents' | 'tx'
>;

/** Creates, resolves and rotates sessions. */
export class SessionService {
  constructor(private readonly ctx: SessionDeps) {}

  /** A fresh internal session id (the domain's Session.id). */
  newSessionId(): string {
    return randomUUID();
  }

  /** Stores `session` under a new random cookie token and returns the token + CSRF token. */
  issue(session: Session, account: Account): IssuedSession {
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    this.ctx.sessions.insert(session, sha256(token), csrfToken);
    return { token, csrfToken, status: this.view(session, account) };
  }

  /**
   * ASVS 7.2.4: a new cookie token after every (re-)authentication in an existing session; the old
   * token stops working at once. The CSRF token stays (it is bound to the session, not the cookie).
   */
  rotate(stored: StoredSession, account: Account): IssuedSession {
    const token = randomToken(32);
    this.ctx.db
      .prepare('UPDATE sessions SET token_hash = ? WHERE id = ?')
      .run(sha256(token), stored.session.id);
    return { token, csrfToken: stored.csrfToken, status: this.view(stored.session, account) };
  }

  /** The stored session for a cookie token, without touching it; undefined when unknown or ended. */
  peek(token: string | undefined): { stored: StoredSession; account: Account } | undefined {
    if (!token || token.length > 200) return undefined;
    const stored = this.ctx.sessions.byTokenHash(sha256(token));
    if (!stored || stored.session.endedAt !== null) return undefined;
    const account = this.ctx.accounts.byId(stored.session.accountId);
    if (!account) return undefined;
    return { stored, account };
  }

  /**
   * Resolves a cookie and records a user input (§4.3 inactivity): Table 2 downgrades are applied and
   * persisted first. Throws 401 'not-authenticated' when there is no session with any level left.
   */
  require(token: string | undefined, opts: { touch?: boolean } = {}): ActiveSession {
    const found = this.peek(token);
    if (!found) throw new ServiceError('not-authenticated');
    const { stored, account } = found;
    const now = this.ctx.now();
    if (opts.touch === false) {
      const status = sessionStatus(stored.session, account, now, this.ctx.policy);
      if (status.level === null)
        throw new ServiceError(account.deletion ? 'account-locked' : 'not-authenticated');
      return { account, stored, level: status.level };
    }
    const t = touchSession(stored.session, account, now, this.ctx.policy);
    this.ctx.tx(() => {
      this.ctx.sessions.save(t.session);
      this.ctx.recordEvents(t.events, null);
    });
    const active = { account, stored: { ...stored, session: t.session }, level: t.level };
    if (t.level === null)
      throw new ServiceError(account.deletion ? 'account-locked' : 'not-authenticated');
    return active;
  }

  /**
   * The second half of a proof inside a session, after its await: one transaction re-reads the
   * account and the session, spends the proof (`commit`: a single-use code or counter is used up
   * here), applies the domain `rule`, saves both with its audit events and rotates the cookie.
   * undefined when the session ended meanwhile or a concurrent request spent the proof first.
   */
  applyProven(
    active: ActiveSession,
    commit: () => boolean,
    ip: string | null,
    rule: (account: Account, session: Session) => SessionOutcome,
  ): IssuedSession | undefined {
    return this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(active.account.id) as Account;
      const stored = this.ctx.sessions.byId(active.stored.session.id);
      if (!stored || !commit()) return undefined;
      const r = rule(acc, stored.session);
      this.ctx.accounts.save(r.account);
      this.ctx.sessions.save(r.session);
      this.ctx.recordEvents(r.events, ip);
      return this.rotate({ ...stored, session: r.session }, r.account);
    });
  }

  /** `require`, plus one means of the session's account; 'unknown-means' when it has no such means. */
  requireMeans(token: string | undefined, meansId: string): ActiveSession & { means: Means } {
    const active = this.require(token);
    const means = active.account.means.find((m) => m.id === meansId);
    if (!means) throw new ServiceError('unknown-means');
    return { ...active, means };
  }

  /** Records the browser (User-Agent, shortened) and address a session cookie was just issued to. */
  noteClient(token: string, client: { userAgent: string; ip: string }): void {
    const browser = client.userAgent
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .trim()
      .slice(0, 120);
    this.ctx.sessions.saveClient(sha256(token), { browser, ip: client.ip.slice(0, 64) });
  }

  /** Constant-time check of the synchronizer token sent as X-CSRF-Token header or `_csrf` form field. */
  checkCsrf(token: string | undefined, csrf: string | undefined): void {
    const found = this.peek(token);
    if (!found) return; // no session: nothing to ride on (the route itself decides whether it needs one)
    const a = Buffer.from(found.stored.csrfToken);
    const b = Buffer.from(csrf ?? '');
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new ServiceError('csrf');
  }

  /** The overview row of one session. */
  view(session: Session, account: Account): SessionView {
    const now = this.ctx.now();
    const s: SessionStatus = sessionStatus(session, account, now, this.ctx.policy);
    const secs = (t: number | null): number | null =>
      t === null ? null : Math.max(0, Math.floor((t - now) / 1000));
    return {
      id: session.id,
      level: s.level,
      levelUntil: s.levelUntil,
      endsAt: s.endsAt,
      levelRemainingSeconds: secs(s.levelUntil),
      remainingSeconds: secs(s.endsAt),
      downgradedFrom: s.downgradedFrom,
      createdAt: session.createdAt,
      lastActivityAt: session.lastActivityAt,
      authentications: session.authentications.map((a) => ({
        meansId: a.meansId,
        kind: account.means.find((m) => m.id === a.meansId)?.kind ?? null,
        via: a.via,
        level: a.level,
        at: a.at,
      })),
    };
  }

  /** All open sessions of the account with remaining time; `currentId` is marked. */
  list(account: Account, currentId: string): SessionView[] {
    return this.ctx.sessions
      .openForAccount(account.id)
      .map((s) => ({ ...this.view(s.session, account), current: s.session.id === currentId }))
      .filter((v) => v.level !== null || v.current);
  }
}
