/**
 * Registering (§4.2), blocking, unblocking and removing (§4.4) authentication means. The
 * kind-specific enrolment and the eID registration are in means-registration.ts; MeansService hands
 * them on under the same names, so callers keep one service per area.
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import type { IssuedSession, SessionService } from './sessions';
import { webauthnFlavour, type MeansChallenge, type MeansProof, type ProofService } from './proofs';
import type { MeansRegistrationDeps } from './means-registration';
import {
  blockMeans,
  deregisterMeans,
  recordFailedAttempt,
  sessionLevel,
  unblockMeans,
  atLeast,
  countsFailedAttempts,
  type Account,
} from '../domain';

export { API_REGISTRABLE_KINDS, type RegisteredMeans } from './means-registration';

/** What MeansService uses of the AppContext: accounts and sessions, the outbox (SMS), the throttle, the WebAuthn relying party, the audit log. */
export type MeansDeps = MeansRegistrationDeps & Pick<AppContext, 'throttle'>;

/** Means lifecycle operations: challenges, blocking, unblocking, de-registration (registration is MeansRegistration's). */
export class MeansService {
  constructor(
    private readonly ctx: MeansDeps,
    private readonly sessions: SessionService,
    private readonly proofs: ProofService,
  ) {}

  /** SMS code / WebAuthn options for a means before step-up, confirmation or unblocking. */
  async challenge(token: string | undefined, meansId: string): Promise<MeansChallenge> {
    const { means, ...active } = this.sessions.requireMeans(token, meansId);
    if (means.status === 'removed') throw new ServiceError('unknown-means');
    if (webauthnFlavour(means.kind) && !this.ctx.accounts.credential(means.id))
      throw new ServiceError('means-pending', { reason: 'webauthn-registration-missing' });
    return this.proofs.challenge(active.stored, active.account, means);
  }

  /** §4.4: blocks a means from any authenticated session, even below its level, without using it. */
  block(token: string | undefined, meansId: string, meta: RequestMeta): void {
    const active = this.sessions.require(token);
    this.ctx.tx(() => {
      const out = blockMeans(
        active.account,
        meansId,
        { via: 'session', session: active.stored.session },
        this.ctx.now(),
        this.ctx.policy,
      );
      this.ctx.accounts.save(out.account);
      this.ctx.recordEvents(out.events, meta.ip);
    });
  }

  /**
   * §4.4 unblock: the session must already be at ≥ the means' level without it, and the blocked means
   * itself is proven in this request (SMS code / WebAuthn assertion via POST …/challenge first).
   */
  async unblock(
    token: string | undefined,
    meansId: string,
    proof: MeansProof,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const { means, ...active } = this.sessions.requireMeans(token, meansId);
    if (means.status !== 'blocked') throw new ServiceError('not-blocked');
    const level = sessionLevel(
      active.stored.session,
      active.account,
      this.ctx.now(),
      this.ctx.policy,
    );
    if (!atLeast(level, means.level))
      throw new ServiceError('insufficient-level', { needed: means.level, have: level ?? 'none' });
    // The password is throttled like at login (it has no 3-strikes counter): counted before the await.
    const attempt =
      means.kind === 'password'
        ? this.ctx.throttle.reserve(active.account.username, meta.ip)
        : undefined;
    const commit = await this.proofs.check(active.stored, means, proof);
    const now = this.ctx.now();
    const result = commit
      ? this.sessions.applyProven(active, commit, meta.ip, (acc, session) => {
          const r = unblockMeans(acc, session, meansId, now, this.ctx.policy);
          attempt?.succeed();
          return r;
        })
      : undefined;
    if (!result) {
      // A wrong password here is not a second-factor failure (the domain refuses to count it); the
      // throttle counted it in reserve() already.
      attempt?.fail();
      if (countsFailedAttempts(means.kind))
        this.ctx.tx(() => {
          const acc = this.ctx.accounts.byId(active.account.id) as Account;
          const r = recordFailedAttempt(acc, meansId, now, this.ctx.policy);
          this.ctx.accounts.save(r.account);
          this.ctx.recordEvents(r.events, meta.ip);
        });
      throw authFailed();
    }
    return result;
  }

  /** §4.4 de-registration (same level as registering; the last usable means cannot go). */
  remove(token: string | undefined, meansId: string, meta: RequestMeta): void {
    const active = this.sessions.require(token);
    this.ctx.tx(() => {
      const out = deregisterMeans(
        active.account,
        active.stored.session,
        meansId,
        this.ctx.now(),
        this.ctx.policy,
      );
      this.ctx.accounts.save(out.account);
      this.ctx.sessions.save(out.session);
      this.ctx.recordEvents(out.events, meta.ip);
    });
  }
}
