/**
 * The account itself: overview (§4.2 means with levels, §4.3 sessions with remaining time),
 * attributes and their verification (§5.1: codes to an address, eID — in attribute-service.ts,
 * handed on under the same names), identification to an online service (§6) and deletion (§7).
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError } from './errors';
import type { SessionService, SessionView, IssuedSession } from './sessions';
import type { MeansRegistration } from './means-registration';
import {
  accountView,
  identify,
  logout,
  recordAuthentication,
  replaceAuthenticationByVerification,
  requestDeletion,
  startSession,
  type Account,
  type AccountView,
  type DataLevel,
  type IdentificationResult,
} from '../domain';
import { authFailed } from './errors';
import type { EidCredential } from './proofs';

/** The overview: the domain's account view plus sessions with remaining time. */
export interface Overview extends AccountView {
  session: SessionView;
  sessions: SessionView[];
}

/** What AccountService uses of the AppContext: accounts, sessions and verifications, the outbox, the throttle, the audit log. */
export type AccountDeps = Pick<
  AppContext,
  | 'accounts'
  | 'sessions'
  | 'verifications'
  | 'outbox'
  | 'throttle'
  | 'now'
  | 'policy'
  | 'tx'
  | 'erase'
  | 'record'
  | 'recordEvents'
> & { readonly options: Pick<AppContext['options'], 'origin'> };

/** Account-level operations: the overview, sessions, deletion (attributes are AttributeService's). */
export class AccountService {
  constructor(
    private readonly ctx: AccountDeps,
    private readonly sessions: SessionService,
    private readonly means: MeansRegistration,
  ) {}

  /** GET /api/account: max level, attributes with levels, means with level/status/last use, sessions. */
  overview(token: string | undefined): Overview {
    const active = this.sessions.require(token);
    return {
      ...accountView(active.account, this.ctx.policy),
      session: this.sessions.view(active.stored.session, active.account),
      sessions: this.sessions.list(active.account, active.stored.session.id),
    };
  }

  /** GET /api/session: the current session's level and remaining time; does NOT count as user input. */
  session(
    token: string | undefined,
  ): SessionView & { csrfToken: string; accountId: string; username: string } {
    const active = this.sessions.require(token, { touch: false });
    return {
      ...this.sessions.view(active.stored.session, active.account),
      csrfToken: active.stored.csrfToken,
      accountId: active.account.id,
      username: active.account.username,
    };
  }

  /**
   * ASVS 7.5.2 / 7.4.3: ends one of the account's other sessions (e.g. after a means was lost) — every
   * authentication in it ends at once (§4.3 logout semantics). Any session level may do it.
   */
  endSession(token: string | undefined, sessionId: string, meta: RequestMeta): void {
    const active = this.sessions.require(token);
    const target = this.ctx.sessions.byId(sessionId);
    if (
      !target ||
      target.session.accountId !== active.account.id ||
      target.session.endedAt !== null
    )
      throw new ServiceError('not-found');
    this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(active.account.id) as Account;
      const r = logout(acc, target.session, this.ctx.now());
      this.ctx.accounts.save(r.account);
      this.ctx.sessions.save(r.session);
      this.ctx.recordEvents(r.events, meta.ip);
    });
  }

  /** §6: identification for an online service; each attribute with its own level. */
  identify(
    token: string | undefined,
    req: { service: string; targetLevel: DataLevel; attributes: string[] },
    meta: RequestMeta,
  ): IdentificationResult & { service: string } {
    const active = this.sessions.require(token);
    const r = identify(
      active.account,
      active.stored.session,
      { targetLevel: req.targetLevel, attributes: req.attributes },
      this.ctx.now(),
      this.ctx.policy,
    );
    this.ctx.record('identify', active.account.id, meta.ip, {
      service: req.service,
      targetLevel: req.targetLevel,
      released: r.attributes.map((a) => a.name),
    });
    return { ...r, service: req.service };
  }

  /**
   * §7: deletes the account after authentication at the announced level. 'immediate' erases now;
   * 'delayed' locks the account completely for the configured period, then the sweeper erases it.
   */
  delete(
    token: string | undefined,
    mode: 'immediate' | 'delayed',
    meta: RequestMeta,
  ): { erased: boolean; eraseAt: number | null } {
    const active = this.sessions.require(token);
    // 'delayed' uses the one configured lock period (policy.deletionDelayMs, also in the §7 notice).
    const policy = {
      ...this.ctx.policy,
      deletionDelayMs: mode === 'immediate' ? 0 : this.ctx.policy.deletionDelayMs,
    };
    return this.ctx.tx(() => {
      const r = requestDeletion(active.account, active.stored.session, this.ctx.now(), policy);
      this.ctx.recordEvents(r.events, meta.ip);
      if (r.erase) {
        this.ctx.erase(r.erase.accountId);
        return { erased: true, eraseAt: null };
      }
      this.ctx.accounts.save(r.account as Account);
      this.ctx.sessions.save(r.session);
      for (const s of this.ctx.sessions.openForAccount(active.account.id))
        this.ctx.sessions.save({ ...s.session, authentications: [], endedAt: this.ctx.now() });
      return { erased: false, eraseAt: r.account?.deletion?.eraseAt ?? null };
    });
  }

  /**
   * §4.5 / §4.4 "erneut identifiziert": a user whose means are all blocked or lost states the username
   * and identifies with the eID; when the stored pseudonym or the whole minimum data set matches, the
   * session gets an authentication at min(eID level, highest registered means) — enough to unblock a
   * means with its own proof. Any mismatch is the generic 401 (throttled like login).
   */
  async mdsLogin(
    username: string,
    testIdentity: string,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const eid = this.means.readEid(testIdentity);
    this.ctx.throttle.check(username, meta.ip);
    const account = this.ctx.accounts.byUsername(username.trim());
    const now = this.ctx.now();
    const session =
      account && startSession({ id: this.sessions.newSessionId(), accountId: account.id }, now);
    let out;
    try {
      out =
        account && session
          ? replaceAuthenticationByVerification(account, session, eid, now, this.ctx.policy)
          : undefined;
    } catch {
      out = undefined;
    }
    if (!account || !out) {
      this.ctx.throttle.fail(username, meta.ip);
      this.ctx.record('login.fail', account?.id ?? null, meta.ip, { via: 'mds-verification' });
      throw authFailed();
    }
    const r = out;
    return this.ctx.tx(() => {
      this.ctx.recordEvents(r.events, meta.ip);
      this.ctx.record('login.ok', account.id, meta.ip, { via: 'mds-verification' });
      return this.sessions.issue(r.session, r.account);
    });
  }

  /**
   * §4 + T12: login with the eID alone (hoch). The account is found by the pseudonym only AFTER the
   * eID authentication succeeded; no username is needed because the eID identifies the holder.
   */
  eidLogin(testIdentity: string, meta: RequestMeta): IssuedSession {
    const eid = this.means.readEid(testIdentity);
    const account = this.ctx.accounts.byPseudonym(eid.pseudonym);
    const means = account?.means.find(
      (m) =>
        m.kind === 'eid' &&
        m.status === 'active' &&
        this.ctx.accounts.credential<EidCredential>(m.id)?.data.pseudonym === eid.pseudonym,
    );
    if (!account || !means || account.deletion) {
      this.ctx.record('login.fail', account?.id ?? null, meta.ip, { via: 'eid' });
      throw authFailed();
    }
    const now = this.ctx.now();
    return this.ctx.tx(() => {
      const session = startSession(
        { id: this.sessions.newSessionId(), accountId: account.id },
        now,
      );
      const r = recordAuthentication(account, session, means.id, now, this.ctx.policy);
      this.ctx.accounts.save(r.account);
      this.ctx.recordEvents(r.events, meta.ip);
      this.ctx.record('login.ok', account.id, meta.ip, { via: 'eid' });
      return this.sessions.issue(r.session, r.account);
    });
  }
}
