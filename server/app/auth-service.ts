/**
 * Account creation, login, step-up, logout and the public block-password form: every path where a
 * secret is checked. All failures of a check answer with the one generic 'authentication-failed'
 * (TR-03107-1 MF2, ASVS 6.3.8) after about the same work (one Argon2id verification). Creation is in
 * account-creation.ts, the block form in block-password-form.ts.
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import type { IssuedSession, SessionService, ActiveSession } from './sessions';
import type { MeansProof, ProofService } from './proofs';
import { reserveAttempt } from './reserve-attempt';
import {
  createAccountAndLogIn,
  type CreateAccountRequest,
  type CreateAccountResponse,
} from './account-creation';
import { blockWithBlockPasswordForm, type BlockPasswordRequest } from './block-password-form';
import {
  authenticationLevelAt,
  isLocked,
  logout,
  recordAuthentication,
  recordFailedAttempt,
  startSession,
  countsFailedAttempts,
  dependsOnPassword,
  type Account,
  type Means,
  type Session,
} from '../domain';

export type { CreateAccountRequest, CreateAccountResponse } from './account-creation';

/** What AuthService uses of the AppContext: accounts and sessions, the hasher, the login and creation throttles, the audit log. */
export type AuthDeps = Pick<
  AppContext,
  | 'accounts'
  | 'sessions'
  | 'hasher'
  | 'throttle'
  | 'creation'
  | 'usernameTag'
  | 'now'
  | 'policy'
  | 'tx'
  | 'erase'
  | 'record'
  | 'recordEvents'
>;

/** Login, step-up, logout, creation and block-password. */
export class AuthService {
  constructor(
    private readonly ctx: AuthDeps,
    private readonly sessions: SessionService,
    private readonly proofs: ProofService,
  ) {}

  /** §3: creates the account and logs in (account-creation.ts). */
  async createAccount(
    req: CreateAccountRequest,
    meta: RequestMeta,
  ): Promise<CreateAccountResponse> {
    return createAccountAndLogIn(this.ctx, this.sessions, req, meta);
  }

  /**
   * Password login (→ niedrig), optionally with a TOTP code in the same request (→ substanziell
   * without revealing which factor failed). Throttled per username and per IP (429 + Retry-After).
   */
  async login(
    req: { username: string; password: string; totp?: string; meansId?: string },
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    this.sweepDeletions();
    // Counted as a failure now, before the await below; refunded only by a success.
    const attempt = reserveAttempt(this.ctx, req.username, meta.ip, 'login.throttled');
    const account = this.ctx.accounts.byUsername(req.username.trim());
    const hashes = account && this.ctx.accounts.hashes(account.id);
    const passwordOk = hashes
      ? await this.ctx.hasher.verify(hashes.passwordHash, req.password)
      : await this.ctx.hasher.burn(req.password);
    const passwordMeans = account?.means.find(
      (m) => m.kind === 'password' && m.status === 'active',
    );
    if (!account || !passwordOk || !passwordMeans || isLocked(account))
      return this.loginFailed(account, meta);

    const now = this.ctx.now();
    let session: Session = startSession(
      { id: this.sessions.newSessionId(), accountId: account.id },
      now,
    );
    let second: { means: Means; commit: () => boolean } | undefined;
    if (req.totp !== undefined) {
      const means = account.means.find(
        (m) =>
          m.kind === 'password+totp' &&
          m.status === 'active' &&
          (req.meansId === undefined || m.id === req.meansId),
      );
      const commit =
        means &&
        (await this.proofs.check({ session, csrfToken: '', scratch: {} }, means, {
          code: req.totp,
        }));
      if (!means || !commit) {
        if (means) this.countFailure(account.id, means.id, meta);
        return this.loginFailed(account, meta);
      }
      second = { means, commit };
    }
    const issued = this.ctx.tx(() => {
      let acc = this.ctx.accounts.byId(account.id) as Account;
      const first = recordAuthentication(acc, session, passwordMeans.id, now, this.ctx.policy);
      acc = first.account;
      session = first.session;
      const events = [...first.events];
      if (second) {
        if (!second.commit()) return undefined;
        const r = recordAuthentication(
          acc,
          session,
          (second as { means: Means }).means.id,
          now,
          this.ctx.policy,
        );
        acc = r.account;
        session = r.session;
        events.push(...r.events);
      }
      this.ctx.accounts.save(acc);
      this.ctx.recordEvents(events, meta.ip);
      // One transaction (= one fsync under synchronous=FULL) for everything a login writes.
      attempt.succeed();
      this.ctx.record('login.ok', account.id, meta.ip, {
        secondFactor: second ? second.means.kind : null,
      });
      return this.sessions.issue(session, acc);
    });
    if (!issued) return this.loginFailed(account, meta);
    return issued;
  }

  /** A failed login: the throttle already counted it (reserve), so only the audit row is left. */
  private loginFailed(account: Account | undefined, meta: RequestMeta): never {
    this.ctx.record('login.fail', account?.id ?? null, meta.ip, {});
    throw authFailed();
  }

  /** One failure toward the 3-strikes block of a means (TR-03107-1 W4); also used by the desktop-app login. */
  countFailure(accountId: string, meansId: string, meta: RequestMeta): void {
    this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(accountId);
      const means = acc?.means.find((m) => m.id === meansId);
      if (!acc || !means || !countsFailedAttempts(means.kind) || means.status === 'removed') return;
      const r = recordFailedAttempt(acc, meansId, this.ctx.now(), this.ctx.policy);
      this.ctx.accounts.save(r.account);
      this.ctx.recordEvents(r.events, meta.ip);
    });
  }

  /**
   * Step-up / §4.2 confirmation: proves a means inside the current session. Password-bound second
   * factors count only after a still-valid password authentication in this session (footnote 5).
   * Wrong proofs count toward the 3-strikes block; every failure is the same generic 401.
   */
  async authenticate(
    token: string | undefined,
    meansId: string,
    proof: MeansProof,
    meta: RequestMeta,
  ): Promise<IssuedSession> {
    const { means, ...active } = this.sessions.requireMeans(token, meansId);
    const failed = (): never => {
      if (means.status !== 'removed' && countsFailedAttempts(means.kind))
        this.countFailure(active.account.id, means.id, meta);
      this.ctx.record('stepup.fail', active.account.id, meta.ip, { meansId });
      throw authFailed();
    };
    if (means.status === 'blocked' || means.status === 'removed' || means.kind === 'password')
      return failed();
    if (dependsOnPassword(means.kind) && !this.hasValidPassword(active))
      throw new ServiceError('insufficient-level', { needed: 'password-first' });
    const commit = await this.proofs.check(active.stored, means, proof);
    if (!commit) return failed();
    const now = this.ctx.now();
    const result = this.sessions.applyProven(active, commit, meta.ip, (acc, session) =>
      recordAuthentication(acc, session, meansId, now, this.ctx.policy),
    );
    return result ?? failed();
  }

  /** True when the session holds a password authentication that Table 2 still lets count. */
  hasValidPassword(active: ActiveSession): boolean {
    const now = this.ctx.now();
    return active.stored.session.authentications.some((a) => {
      const m = active.account.means.find((x) => x.id === a.meansId);
      return (
        m?.kind === 'password' &&
        m.status === 'active' &&
        authenticationLevelAt(a, active.stored.session.lastActivityAt, now, this.ctx.policy) !==
          null
      );
    });
  }

  /** §4.3: ends every authentication of this session. Idempotent for an unknown or ended cookie. */
  logout(token: string | undefined, meta: RequestMeta): void {
    const found = this.sessions.peek(token);
    if (!found) return;
    const r = logout(found.account, found.stored.session, this.ctx.now());
    this.ctx.tx(() => {
      this.ctx.accounts.save(r.account);
      this.ctx.sessions.save(r.session);
    });
    this.ctx.recordEvents(r.events, meta.ip);
  }

  /** §4.4 public block form: the block password blocks means without a login (block-password-form.ts). */
  async blockWithPassword(
    req: BlockPasswordRequest,
    meta: RequestMeta,
  ): Promise<{ blocked: string[] }> {
    return blockWithBlockPasswordForm(this.ctx, req, meta);
  }

  /** §7: erases accounts whose announced lock period is over (called on login and by a timer). */
  sweepDeletions(): void {
    const now = this.ctx.now();
    for (const id of this.ctx.accounts.dueDeletions(now)) {
      this.ctx.tx(() => this.ctx.erase(id));
      this.ctx.record('account-erased', id, null, {});
    }
  }
}
