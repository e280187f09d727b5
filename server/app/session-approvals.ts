/**
 * Online approval inside a web session (issue #9): step-up with one chosen desktop app or all of them,
 * and the §4.2 confirmation of a just-paired (pending) desktop app by one approval in the session that
 * enrolled it. The request is bound to the session; only a status poll from that session completes it,
 * which records the authentication there (confirming a pending means) and rotates the cookie.
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError, domain } from './errors';
import type { IssuedSession, SessionService } from './sessions';
import type { ApprovalService, PushStarted } from './approval-service';
import { CONFIRM_SERVICE, SERVICEKONTO_SERVICE } from './desktop-app-service';
import { meansLevelFor, recordAuthentication, usableDesktopApps, type Account } from '../domain';

/** Which desktop app(s) to ask: one means by id, or every active one. */
export type PushTarget = { meansId: string } | 'all';

/** A session-bound request as the waiting page sees it. */
export type SessionPushState =
  | { state: 'pending'; number: number; expiresAt: number }
  | { state: 'denied' | 'expired' }
  | { state: 'approved'; issued: IssuedSession };

/** Step-up and §4.2 confirmation by online approval. */
export class SessionApprovals {
  constructor(
    private readonly ctx: AppContext,
    private readonly sessions: SessionService,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * Sends a request to the chosen desktop app(s) of the session's account. A pending means may be
   * asked only by the session that enrolled it (purpose confirm-pairing); an active one (or 'all')
   * steps the session up. Anything else is 409 not-applicable; an unknown id 404.
   */
  start(token: string | undefined, target: PushTarget, meta: RequestMeta & { browser: string }): PushStarted {
    const active = this.sessions.require(token);
    const { account } = active;
    const sessionId = active.stored.session.id;
    if (target === 'all') {
      const devices = usableDesktopApps(account);
      if (devices.length === 0) throw new ServiceError('not-applicable', 409);
      return this.approvals.open({ account, meansIds: devices.map((m) => m.id), purpose: 'login', service: SERVICEKONTO_SERVICE, level: meansLevelFor(this.ctx.policy, 'desktop-app'), sessionId }, meta);
    }
    const means = account.means.find((m) => m.id === target.meansId);
    if (!means || means.status === 'removed') throw new ServiceError('unknown-means', 404);
    const confirm = means.status === 'pending' && means.pendingSessionId === sessionId;
    if (means.kind !== 'desktop-app' || !(confirm || usableDesktopApps(account).includes(means))) throw new ServiceError('not-applicable', 409);
    const purpose = confirm ? 'confirm-pairing' : 'login';
    return this.approvals.open({ account, meansIds: [means.id], purpose, service: confirm ? CONFIRM_SERVICE : SERVICEKONTO_SERVICE, level: means.level, sessionId }, meta);
  }

  /**
   * The waiting page polls (not counted as user input). Pending → the number to show; approved → the
   * authentication is recorded in this session once and a rotated cookie issued; a request of another
   * session reads as expired.
   */
  status(token: string | undefined, tx: string, meta: RequestMeta): SessionPushState {
    const active = this.sessions.require(token, { touch: false });
    const seen = this.approvals.peek(tx);
    const a = seen.approval;
    if (!a || a.sessionId !== active.stored.session.id || seen.state === 'expired') return { state: 'expired' };
    if (seen.state === 'denied') return { state: 'denied' };
    if (seen.state === 'pending' || !a.approvedBy) return { state: 'pending', number: a.number, expiresAt: a.expiresAt };
    a.consumed = true;
    const meansId = a.approvedBy;
    const now = this.ctx.now();
    const issued = this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(a.accountId) as Account;
      const stored = this.ctx.sessions.byId(a.sessionId as string);
      if (!stored || stored.session.endedAt !== null) return undefined;
      const r = domain(() => recordAuthentication(acc, stored.session, meansId, now, this.ctx.policy));
      this.ctx.accounts.save(r.account);
      this.ctx.sessions.save(r.session);
      this.ctx.recordEvents(r.events, meta.ip);
      this.ctx.record('stepup.ok', acc.id, meta.ip, { means: 'desktop-app', online: true, purpose: a.purpose });
      return this.sessions.rotate({ ...stored, session: r.session }, r.account);
    });
    return issued ? { state: 'approved', issued } : { state: 'expired' };
  }
}
