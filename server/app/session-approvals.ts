/**
 * Online approval inside a web session (issue #9): step-up with one chosen desktop app or all of them,
 * and the §4.2 confirmation of a just-paired (pending) desktop app by one approval in the session that
 * enrolled it. The request is bound to the session; only a status poll from that session completes it,
 * which records the authentication there (confirming a pending means) and rotates the cookie.
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError } from './errors';
import type { SessionService } from './sessions';
import type { ApprovalService, PushStarted, PushState } from './approval-service';
import { CONFIRM_SERVICE, SERVICEKONTO_SERVICE } from './desktop-app-service';
import { meansLevelFor, usableDesktopApps } from '../domain';

/** Which desktop app(s) to ask: one means by id, or every active one. */
export type PushTarget = { meansId: string } | 'all';

/** What SessionApprovals uses of the AppContext: the policy (levels). */
export type SessionApprovalDeps = Pick<AppContext, 'policy'>;

/** Step-up and §4.2 confirmation by online approval. */
export class SessionApprovals {
  constructor(
    private readonly ctx: SessionApprovalDeps,
    private readonly sessions: SessionService,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * Sends a request to the chosen desktop app(s) of the session's account. A pending means may be
   * asked only by the session that enrolled it (purpose confirm-pairing); an active one (or 'all')
   * steps the session up. Anything else is 409 not-applicable; an unknown id 404.
   */
  start(
    token: string | undefined,
    target: PushTarget,
    meta: RequestMeta & { browser: string },
  ): PushStarted {
    const active = this.sessions.require(token);
    const { account } = active;
    const sessionId = active.stored.session.id;
    if (target === 'all') {
      const devices = usableDesktopApps(account);
      if (devices.length === 0) throw new ServiceError('not-applicable');
      return this.approvals.open(
        {
          account,
          meansIds: devices.map((m) => m.id),
          purpose: 'login',
          service: SERVICEKONTO_SERVICE,
          level: meansLevelFor(this.ctx.policy, 'desktop-app'),
          sessionId,
        },
        meta,
      );
    }
    const means = account.means.find((m) => m.id === target.meansId);
    if (!means || means.status === 'removed') throw new ServiceError('unknown-means');
    const confirm = means.status === 'pending' && means.pendingSessionId === sessionId;
    if (means.kind !== 'desktop-app' || !(confirm || usableDesktopApps(account).includes(means)))
      throw new ServiceError('not-applicable');
    const purpose = confirm ? 'confirm-pairing' : 'login';
    return this.approvals.open(
      {
        account,
        meansIds: [means.id],
        purpose,
        service: confirm ? CONFIRM_SERVICE : SERVICEKONTO_SERVICE,
        level: means.level,
        sessionId,
      },
      meta,
    );
  }

  /**
   * The waiting page polls (not counted as user input): ApprovalService.status for this session, so a
   * request of another session reads as expired and an approval is recorded here once.
   */
  status(token: string | undefined, tx: string, meta: RequestMeta): PushState {
    const active = this.sessions.require(token, { touch: false });
    return this.approvals.status(tx, active.stored.session.id, meta);
  }
}
