/**
 * The account's attributes and their verification: self-entered values (§3/§5), codes to an address
 * (§5.1 second case), the eID takeover (§5.1 first case) and settling the attributes it flagged.
 * AccountService (account-service.ts) hands these calls on.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext, RequestMeta } from './context';
import { ServiceError } from './errors';
import type { SessionService } from './sessions';
import type { MeansRegistration } from './means-registration';
import {
  completeVerification,
  confirmAttributes,
  rejectAttributes,
  setSelfEnteredAttribute,
  startVerification,
  verifyWithEid,
  type DataLevel,
  type MeansLevel,
  type VerificationMethod,
} from '../domain';
import { codeMatches, hashCode, newOobCode, OOB_CODE_TTL_MS } from '../means/codes';
import { checkSmsRate } from './sms-rate';

/** Wrong codes allowed per pending verification before it is void. */
const MAX_VERIFICATION_ATTEMPTS = 5;

/** What AttributeService uses of the AppContext: accounts, sessions and verifications, the outbox, the audit log. */
export type AttributeDeps = Pick<
  AppContext,
  | 'accounts'
  | 'sessions'
  | 'verifications'
  | 'outbox'
  | 'now'
  | 'policy'
  | 'tx'
  | 'record'
  | 'recordEvents'
> & { readonly options: Pick<AppContext['options'], 'origin'> };

/** Attribute operations (the attribute half of AccountService). */
export class AttributeService {
  constructor(
    private readonly ctx: AttributeDeps,
    private readonly sessions: SessionService,
    private readonly means: MeansRegistration,
  ) {}

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
}
