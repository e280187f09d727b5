/**
 * The account itself: overview (§4.2 means with levels, §4.3 sessions with remaining time),
 * attributes and their verification (§5.1: codes to an address, eID), identification to an online
 * service (§6) and deletion (§7).
 */
import { randomUUID } from 'node:crypto';
import type { AppContext, RequestMeta } from './context';
import { ServiceError } from './errors';
import type { SessionService, SessionView, IssuedSession } from './sessions';
import type { MeansService } from './means-service';
import {
  accountView,
  completeVerification,
  confirmAttributes,
  identify,
  logout,
  recordAuthentication,
  rejectAttributes,
  replaceAuthenticationByVerification,
  requestDeletion,
  setSelfEnteredAttribute,
  startSession,
  startVerification,
  verifyWithEid,
  type Account,
  type AccountView,
  type DataLevel,
  type IdentificationResult,
  type MeansLevel,
  type VerificationMethod,
} from '../domain';
import { codeMatches, hashCode, newOobCode, OOB_CODE_TTL_MS } from '../means/codes';
import { authFailed } from './errors';
import type { EidCredential } from './proofs';
import { checkSmsRate } from './sms-rate';

/** The overview: the domain's account view plus sessions with remaining time. */
export interface Overview extends AccountView {
  session: SessionView;
  sessions: SessionView[];
}

/** Wrong codes allowed per pending verification before it is void. */
const MAX_VERIFICATION_ATTEMPTS = 5;

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

/** Account-level operations. */
export class AccountService {
  constructor(
    private readonly ctx: AccountDeps,
    private readonly sessions: SessionService,
    private readonly means: MeansService,
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

  /** §3/§5: self-entered value at Basisregistrierung. */
  setAttribute(token: string | undefined, name: string, value: string, meta: RequestMeta): void {
    const active = this.sessions.require(token);
    this.ctx.tx(() => {
      const r = setSelfEnteredAttribute(
        active.account,
        active.stored.session,
        name,
        value,
        this.ctx.now(),
        this.ctx.policy,
      );
      this.ctx.accounts.save(r.account);
      this.ctx.sessions.save(r.session);
      this.ctx.recordEvents(r.events, meta.ip);
    });
  }

  /**
   * §5.1 second case: sends a confirmation code for an address (e-mail/De-Mail to the e-mail outbox,
   * SMS to the SMS outbox). The level is fixed now: min(route cap, session level, account max). The
   * message names the username (§5.1 "Angabe des Nutzernamens in der E-Mail").
   */
  startVerification(
    token: string | undefined,
    req: { attribute: string; value: string; method: Exclude<VerificationMethod, 'trusted-party'> },
    meta: RequestMeta,
  ): { verificationId: string; level: MeansLevel; expiresAt: number } {
    const active = this.sessions.require(token);
    const now = this.ctx.now();
    const pending = startVerification(
      active.account,
      active.stored.session,
      req,
      now,
      this.ctx.policy,
    );
    const expiresAt = Math.min(pending.expiresAt, now + OOB_CODE_TTL_MS);
    const bounded = { ...pending, expiresAt };
    const id = randomUUID();
    const code = newOobCode();
    const channel = req.method === 'sms-code' ? 'sms' : 'email';
    const link = `${this.ctx.options.origin}/verify-email?v=${encodeURIComponent(id)}&code=${code}`;
    const owner = { accountId: active.account.id, sessionId: active.stored.session.id };
    this.ctx.tx(() => {
      if (channel === 'sms') checkSmsRate(this.ctx.outbox, owner, now);
      this.ctx.verifications.insert(id, bounded, hashCode(`verify:${id}`, code));
      this.ctx.outbox.send(
        channel,
        req.value,
        `Servicekonto: Bestätigung für ${active.account.username}`,
        `Hallo ${active.account.username},\nIhr Bestätigungscode: ${code}\nVerifikations-ID: ${id}\nOder öffnen Sie: ${link}\n(gültig 10 Minuten)`,
        now,
        owner,
        [link, code],
      );
    });
    this.ctx.record('verification.sent', active.account.id, meta.ip, {
      attribute: req.attribute,
      method: req.method,
      level: pending.level,
    });
    return { verificationId: id, level: pending.level, expiresAt };
  }

  /**
   * §5.1 step 2 (asynchronous, e.g. a link opened elsewhere): a correct, unexpired, unused code stores
   * the attribute at the fixed level capped by the account max. Five wrong codes void it.
   */
  confirmVerification(
    req: { verificationId: string; code: string },
    meta: RequestMeta,
  ): { attribute: string; level: DataLevel } {
    const v = this.ctx.verifications.byId(req.verificationId);
    const now = this.ctx.now();
    if (!v || v.usedAt !== null || v.attempts >= MAX_VERIFICATION_ATTEMPTS)
      throw new ServiceError('invalid-code');
    if (now >= v.pending.expiresAt) throw new ServiceError('verification-expired');
    if (!codeMatches(`verify:${v.id}`, req.code, v.codeHash)) {
      this.ctx.verifications.countAttempt(v.id);
      this.ctx.record('verification.fail', v.pending.accountId, meta.ip, {
        attribute: v.pending.attribute,
      });
      throw new ServiceError('invalid-code');
    }
    return this.ctx.tx(() => {
      if (!this.ctx.verifications.consume(v.id, now)) throw new ServiceError('invalid-code');
      const acc = this.ctx.accounts.byId(v.pending.accountId);
      if (!acc) throw new ServiceError('invalid-code');
      const r = completeVerification(acc, v.pending, now);
      this.ctx.accounts.save(r.account);
      this.ctx.recordEvents(r.events, meta.ip);
      const level =
        r.account.attributes.find((a) => a.name === v.pending.attribute)?.level ??
        'basisregistrierung';
      return { attribute: v.pending.attribute, level };
    });
  }

  /** §5.1 first case: the eID verifies the minimum data set in this session (test provider). */
  verifyEid(token: string | undefined, testIdentity: string, meta: RequestMeta): void {
    const eid = this.means.readEid(testIdentity);
    const active = this.sessions.require(token);
    this.means.refuseForeignPseudonym(active.account.id, eid.pseudonym);
    this.ctx.tx(() => {
      const r = verifyWithEid(
        active.account,
        active.stored.session,
        eid,
        this.ctx.now(),
        this.ctx.policy,
      );
      this.ctx.accounts.save(r.account);
      this.ctx.sessions.save(r.session);
      this.ctx.recordEvents(r.events, meta.ip);
    });
  }

  /** §5.1: confirm (keep) or reject (delete) attributes flagged after an eID takeover. */
  settleAttributes(
    token: string | undefined,
    req: { confirm?: string[]; reject?: string[] },
    meta: RequestMeta,
  ): void {
    const active = this.sessions.require(token);
    this.ctx.tx(() => {
      let acc = active.account;
      let session = active.stored.session;
      const now = this.ctx.now();
      if (req.confirm?.length) {
        const r = confirmAttributes(acc, session, req.confirm as string[], now, this.ctx.policy);
        ({ account: acc, session } = r);
        this.ctx.recordEvents(r.events, meta.ip);
      }
      if (req.reject?.length) {
        const r = rejectAttributes(acc, session, req.reject as string[], now, this.ctx.policy);
        ({ account: acc, session } = r);
        this.ctx.recordEvents(r.events, meta.ip);
      }
      this.ctx.accounts.save(acc);
      this.ctx.sessions.save(session);
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
