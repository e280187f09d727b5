/**
 * Online approval with number matching (issue #9, docs/protocol.md §Online approval): a login creates a
 * request for every active desktop app of the account; the browser shows one number, the apps get three
 * over their event stream. The app's answer is checked against the enrolled approval key; a wrong
 * number or signature counts toward the 3-failure block; "deny — this wasn't me" can block the means.
 * Requests expire after 2 minutes and take one answer (a failed answer ends the request); at most 3
 * unanswered ones per account at a time (no push bombing). The request record and its wire forms are
 * in approval-request.ts.
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import type { IssuedSession, SessionService } from './sessions';
import type { AuthService } from './auth-service';
import type { AuthenticatedDevice } from './device-auth';
import {
  MemoryApprovalHub,
  DEFAULT_PUSHES_PER_ADDRESS,
  MAX_HELD_APPROVALS,
  type Approval,
  type ApprovalHub,
  type HubLimits,
} from './approval-hub';
import { PgApprovalHub } from './pg-approval-hub';
import { PgDb } from '../store/pg-db';
import {
  DESKTOP_LOGIN_TTL_MS,
  blockMeans,
  meansLevelFor,
  recordAuthentication,
  startSession,
  usableDesktopApps,
  type Account,
} from '../domain';
import { approvalSignedText } from '../../shared/servicekonto/approval';
import { verifyTextNative } from './native-p256';
import type { DesktopAppCredential } from '../means/desktop-app';
import { SERVICEKONTO_SERVICE } from './desktop-app-service';
import { DeferredAudit } from './deferred-audit';
import {
  approvalRequestText,
  newApproval,
  readApprovalAnswer,
  type ApprovalRequestInput,
} from './approval-request';

/** Unanswered requests one account may have open at once. */
export const MAX_UNANSWERED_PER_ACCOUNT = 3;

/** What the browser gets after asking for an online approval. */
export interface PushStarted {
  tx: string;
  number: number;
  expiresAt: number;
}

/** Where a request stands for the browser that asked (login, step-up or §4.2 confirmation alike). */
export type PushState =
  | { state: 'pending'; number: number; expiresAt: number }
  | { state: 'denied' | 'expired' }
  | { state: 'approved'; issued: IssuedSession };

/** What ApprovalService uses of the AppContext: the database (which hub), accounts and sessions, the audit log, the erase listeners. */
export type ApprovalDeps = Pick<
  AppContext,
  | 'db'
  | 'accounts'
  | 'sessions'
  | 'usernameTag'
  | 'now'
  | 'policy'
  | 'tx'
  | 'audit'
  | 'record'
  | 'recordEvents'
  | 'eraseListeners'
> & { readonly options: Pick<AppContext['options'], 'maxPushesPerAddress'> };

/** Online approvals. */
export class ApprovalService {
  readonly hub: ApprovalHub;
  /** "Request sent" rows: written once per event-loop turn, not one fsync per request (deferred-audit.ts). */
  readonly audit: DeferredAudit;

  constructor(
    private readonly ctx: ApprovalDeps,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly origin: () => string,
  ) {
    this.audit = new DeferredAudit(ctx);
    const limits: HubLimits = {
      held: MAX_HELD_APPROVALS,
      perAddress: ctx.options.maxPushesPerAddress ?? DEFAULT_PUSHES_PER_ADDRESS,
    };
    // One node keeps requests in memory; nodes sharing PostgreSQL keep them there and talk through LISTEN/NOTIFY.
    this.hub =
      ctx.db instanceof PgDb ? new PgApprovalHub(ctx.db, limits) : new MemoryApprovalHub(limits);
    ctx.eraseListeners.push((accountId) => this.hub.forgetAccount(accountId));
  }

  /**
   * The browser asks: a request to every active desktop app of the account. An unknown name (or an
   * account without a desktop app) gets the same shape and a request that stays "pending" until it
   * expires, so neither the answer nor the status poll tells which accounts exist. Its requests count
   * toward the same limit under the name's keyed tag, so the 4th unanswered one is refused (429) for
   * every name alike — a limit only real accounts hit would tell them apart.
   */
  startPush(username: string, meta: RequestMeta & { browser: string }): PushStarted {
    const account = this.ctx.accounts.byUsername(username.trim());
    const devices = account ? usableDesktopApps(account) : [];
    const target =
      account && devices.length > 0
        ? account
        : { id: `no-app:${this.ctx.usernameTag(username)}`, username: username.trim() };
    return this.open(
      {
        account: target,
        meansIds: devices.map((m) => m.id),
        purpose: 'login',
        service: SERVICEKONTO_SERVICE,
        level: meansLevelFor(this.ctx.policy, 'desktop-app'),
      },
      meta,
    );
  }

  /**
   * Opens one request (login, step-up or §4.2 confirmation; `sessionId` binds it to a web session).
   * At most MAX_UNANSWERED_PER_ACCOUNT unanswered ones per account (no push bombing).
   */
  open(r: ApprovalRequestInput, meta: RequestMeta & { browser: string }): PushStarted {
    const now = this.ctx.now();
    this.hub.prune(now, DESKTOP_LOGIN_TTL_MS);
    const a = newApproval(r, meta, now, this.hub.nextSeq());
    // Per client address first (one address cannot fill the process's cap and deny everyone online
    // approval), then per name. Neither depends on whether the name exists: unknown names count alike.
    const admitted = this.hub.open(a, (meansId) => this.requestText(a, meansId), {
      since: now - DESKTOP_LOGIN_TTL_MS,
      maxUnanswered: MAX_UNANSWERED_PER_ACCOUNT,
    });
    if (!admitted) throw new ServiceError('too-many-attempts');
    if (a.meansIds.length > 0)
      this.audit.record('desktop-app.push-sent', a.accountId, meta.ip, {
        purpose: a.purpose,
        devices: a.meansIds.length,
      });
    return { tx: a.tx, number: a.number, expiresAt: a.expiresAt };
  }

  /** Where a request stands, without settling it: pending (with its number), approved, denied or expired. */
  private peek(tx: string): {
    state: 'pending' | 'approved' | 'denied' | 'expired';
    approval?: Approval;
  } {
    const a = this.hub.get(tx);
    if (!a || a.consumed || (a.state === 'pending' && this.ctx.now() >= a.expiresAt))
      return { state: 'expired' };
    return { state: a.state, approval: a };
  }

  /** The wire text of a request for one device (ApprovalRequest v1). */
  requestText(a: Approval, meansId: string): string {
    return approvalRequestText(a, this.origin(), meansId);
  }

  /**
   * The browser polls — one implementation for the login (no session: `sessionId` undefined) and for
   * step-up / §4.2 confirmation (the asking web session's id). A request answers only the session it is
   * bound to (a login's only the session-less poll); any other reads as expired. Pending → the number
   * to show. Approved → the authentication is recorded once: a new session for a login, the bound
   * session (cookie rotated) otherwise. An account, means or session gone since the approval reads as
   * expired — the plain refusal, never an internal error.
   */
  status(tx: string, sessionId: string | undefined, meta: RequestMeta): PushState {
    const seen = this.peek(tx);
    const a = seen.approval;
    if (!a || a.sessionId !== sessionId || seen.state === 'expired') return { state: 'expired' };
    if (seen.state === 'denied') return { state: 'denied' };
    const meansId = a.approvedBy;
    if (seen.state === 'pending' || meansId === undefined)
      return { state: 'pending', number: a.number, expiresAt: a.expiresAt };
    if (!this.hub.consume(tx)) return { state: 'expired' };
    const issued = this.ctx.tx(() => this.complete(a, meansId, meta));
    return issued ? { state: 'approved', issued } : { state: 'expired' };
  }

  /** Records an approved request's authentication (inside the caller's transaction); undefined when nothing is left to record it on. */
  private complete(a: Approval, meansId: string, meta: RequestMeta): IssuedSession | undefined {
    const now = this.ctx.now();
    const acc = this.ctx.accounts.byId(a.accountId);
    const means = acc?.means.find((m) => m.id === meansId);
    if (!acc || !means || means.status === 'removed' || means.status === 'blocked')
      return undefined;
    if (a.sessionId === undefined) {
      const r = recordAuthentication(
        acc,
        startSession({ id: this.sessions.newSessionId(), accountId: acc.id }, now),
        meansId,
        now,
        this.ctx.policy,
      );
      this.ctx.accounts.save(r.account);
      this.ctx.recordEvents(r.events, meta.ip);
      this.ctx.record('login.ok', acc.id, meta.ip, { means: 'desktop-app', online: true });
      return this.sessions.issue(r.session, r.account);
    }
    const stored = this.ctx.sessions.byId(a.sessionId);
    if (!stored || stored.session.endedAt !== null) return undefined;
    const r = recordAuthentication(acc, stored.session, meansId, now, this.ctx.policy);
    this.ctx.accounts.save(r.account);
    this.ctx.sessions.save(r.session);
    this.ctx.recordEvents(r.events, meta.ip);
    this.ctx.record('stepup.ok', acc.id, meta.ip, {
      means: 'desktop-app',
      online: true,
      purpose: a.purpose,
    });
    return this.sessions.rotate({ ...stored, session: r.session }, r.account);
  }

  /**
   * The app answers. The request must be pending, unexpired and addressed to this device; the
   * signature must verify under the enrolled approval key (a wrong PIN decrypts a wrong key); an
   * approval must name the browser's number. Failures count toward the block and answer 401.
   */
  answer(
    device: AuthenticatedDevice,
    body: unknown,
    meta: RequestMeta,
  ): { state: 'approved' | 'denied' } {
    const ans = readApprovalAnswer(body);
    const now = this.ctx.now();
    const a = this.hub.get(ans.tx);
    // A pending means answers only the §4.2 confirmation of itself; every other request needs an active one.
    const usable =
      device.means.status === 'active' ||
      (device.means.status === 'pending' && a?.purpose === 'confirm-pairing');
    if (
      !a ||
      a.state !== 'pending' ||
      a.settling ||
      now >= a.expiresAt ||
      !a.meansIds.includes(device.means.id) ||
      !usable
    )
      throw new ServiceError('not-found');
    const cred = this.ctx.accounts.credential<DesktopAppCredential>(device.means.id);
    const signed = {
      transaction: a.tx,
      challenge: a.challenge,
      number: ans.number,
      decision: ans.decision,
    };
    const valid =
      cred !== undefined &&
      verifyTextNative(cred.data.approvalKey, approvalSignedText(signed), ans.signature);
    // One answer per request: a failed one ends it too (no second guess at the same number).
    const failed = !valid || (ans.decision === 'approve' && ans.number !== a.number);
    const state = !failed && ans.decision === 'approve' ? 'approved' : 'denied';
    // Record first, then tell anyone: the browser's poll and the apps' `resolved` event learn the outcome
    // only once the failure count (or the self-block) is written, so no crash in between can lose it.
    // `settling` keeps a second answer out meanwhile; the browser still reads "pending".
    if (!this.hub.claimAnswer(a.tx)) throw new ServiceError('not-found');
    try {
      if (failed) this.auth.countFailure(a.accountId, device.means.id, meta);
      else if (ans.decision === 'deny-and-block') this.blockSelf(device, meta);
    } finally {
      this.hub.settle(a.tx, state, state === 'approved' ? device.means.id : undefined);
      this.resolved(a, state);
    }
    if (failed) throw authFailed();
    return { state };
  }

  /** Tells every addressed device that a request is settled (the app removes it from view). */
  private resolved(a: Approval, state: 'approved' | 'denied'): void {
    const data = JSON.stringify({ v: 1, tx: a.tx, state });
    for (const m of a.meansIds) this.hub.publish(m, 'resolved', data);
  }

  private blockSelf(device: AuthenticatedDevice, meta: RequestMeta): void {
    this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(device.account.id) as Account;
      const out = blockMeans(
        acc,
        device.means.id,
        { via: 'device', meansId: device.means.id },
        this.ctx.now(),
        this.ctx.policy,
      );
      this.ctx.accounts.save(out.account);
      this.ctx.recordEvents(out.events, meta.ip);
    });
  }
}
