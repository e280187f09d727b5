/**
 * Registering (§4.2), blocking, unblocking and removing (§4.4) authentication means, with the
 * kind-specific enrolment: TOTP seed + otpauth QR, SMS phone + first code, WebAuthn creation options
 * and attestation check, eID registration with the §4.5 upgrade path of Table 5.
 */
import { randomUUID } from 'node:crypto';
import type {
  RegistrationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import type { IssuedSession, SessionService } from './sessions';
import {
  webauthnFlavour,
  type MeansChallenge,
  type MeansProof,
  type ProofService,
  type SmsCredential,
  type TotpCredential,
} from './proofs';
import { checkLabel, checkPhoneNumber } from './input-rules';
import {
  bindEidCard,
  blockMeans,
  deregisterMeans,
  levelNeededFor,
  meansLevelFor,
  recordAuthentication,
  recordFailedAttempt,
  registerMeans,
  replaceAuthenticationByVerification,
  sessionLevel,
  unblockMeans,
  verifyWithEid,
  atLeast,
  countsFailedAttempts,
  type Account,
  type DomainEvent,
  type EidResult,
  type MeansKind,
  type MeansLevel,
  type MdsAttribute,
  type Means,
  type Session,
} from '../domain';
import { newTotpSecret, totpEnrolment } from '../means/totp';
import { verifyRegistration } from '../means/webauthn';
import { creationOptionsFor } from './enrolment-service';
import { readTestEid } from '../means/eid-test-provider';
import { checkSmsRate } from './sms-rate';

/** Kinds registrable through POST /api/means. */
export const API_REGISTRABLE_KINDS = [
  'password+totp',
  'password+sms',
  'password+security-key',
  'platform-authenticator',
] as const;

/** Result of registering a means: it is pending until confirmed in this session (§4.2). */
export interface RegisteredMeans {
  meansId: string;
  kind: MeansKind;
  level: MeansLevel;
  status: 'pending';
  /** TOTP only: the enrolment (also the secret in Base32 for manual entry). */
  totp?: { otpauthUri: string; secret: string; qrSvg: string; qrDataUrl: string };
  /** SMS only: where the first code went. */
  sms?: MeansChallenge;
  /** WebAuthn only: options for navigator.credentials.create(). */
  creationOptions?: PublicKeyCredentialCreationOptionsJSON;
}

/** What MeansService uses of the AppContext: accounts and sessions, the outbox (SMS), the throttle, the WebAuthn relying party, the audit log. */
export type MeansDeps = Pick<
  AppContext,
  | 'accounts'
  | 'sessions'
  | 'outbox'
  | 'throttle'
  | 'rp'
  | 'now'
  | 'policy'
  | 'tx'
  | 'record'
  | 'recordEvents'
> & { readonly options: Pick<AppContext['options'], 'issuer' | 'testMode'> };

/** Means lifecycle operations. */
export class MeansService {
  constructor(
    private readonly ctx: MeansDeps,
    private readonly sessions: SessionService,
    private readonly proofs: ProofService,
  ) {}

  /**
   * §4.2: registers a means as pending (the session must reach its level or the account max). The slow
   * work (QR code, WebAuthn options) happens first; the account and session are read, changed and
   * saved afterwards in one transaction with no await in between, so a write that committed meanwhile
   * (a §4.4 block, an attribute, another registration) is never undone (issue #7 item 3).
   */
  async register(
    token: string | undefined,
    req: { kind: (typeof API_REGISTRABLE_KINDS)[number]; label?: string; phone?: string },
    meta: RequestMeta,
  ): Promise<RegisteredMeans> {
    const active = this.sessions.require(token);
    const phone = req.kind === 'password+sms' ? checkPhoneNumber(req.phone) : undefined;
    const label = req.label === undefined ? null : checkLabel(req.label);
    const meansId = randomUUID();
    const owner = { accountId: active.account.id, sessionId: active.stored.session.id };
    // Refuse before storing anything, so a rate-limited SMS registration leaves no pending means behind.
    if (phone !== undefined) checkSmsRate(this.ctx.outbox, owner, this.ctx.now());
    // A dry run refuses a session below the level before the slow work; the real run is below.
    registerMeans(
      active.account,
      active.stored.session,
      { meansId, kind: req.kind, label },
      this.ctx.now(),
      this.ctx.policy,
    );
    let totp: RegisteredMeans['totp'];
    let creationOptions: PublicKeyCredentialCreationOptionsJSON | undefined;
    let credential: unknown;
    if (req.kind === 'password+totp') {
      const secret = newTotpSecret();
      const enrol = await totpEnrolment(this.ctx.options.issuer, active.account.username, secret);
      totp = { otpauthUri: enrol.uri, secret, qrSvg: enrol.qrSvg, qrDataUrl: enrol.qrDataUrl };
      credential = { secret } satisfies TotpCredential;
    } else if (phone !== undefined) credential = { phone } satisfies SmsCredential;
    else {
      creationOptions = await creationOptionsFor(this.ctx, active.account, req.kind);
    }
    const now = this.ctx.now();
    const saved = this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(active.account.id);
      const stored = this.ctx.sessions.byId(active.stored.session.id);
      if (!acc || !stored) throw new ServiceError('not-authenticated');
      const out = registerMeans(
        acc,
        stored.session,
        { meansId, kind: req.kind, label },
        now,
        this.ctx.policy,
      );
      const account = this.ctx.accounts.save(out.account);
      this.ctx.sessions.save(out.session);
      if (credential !== undefined)
        this.ctx.accounts.putCredential(meansId, { data: credential, lastStep: null });
      if (creationOptions)
        this.ctx.sessions.saveScratch(stored.session.id, {
          ...stored.scratch,
          webauthnRegistration: {
            challenge: creationOptions.challenge,
            meansId,
            expiresAt: now + 5 * 60_000,
          },
        });
      this.ctx.recordEvents(out.events, meta.ip);
      return { account, stored: { ...stored, session: out.session } };
    });
    const means = saved.account.means.find((m) => m.id === meansId) as Means;
    const base: RegisteredMeans = {
      meansId,
      kind: req.kind,
      level: means.level,
      status: 'pending',
    };
    if (totp) return { ...base, totp };
    if (creationOptions) return { ...base, creationOptions };
    return { ...base, sms: this.proofs.sendSmsCode(saved.stored, saved.account, means) };
  }

  /**
   * WebAuthn step 2: verifies the attestation for the pending means and stores the public key. The
   * means stays pending; the answer carries the assertion options for the confirming authentication
   * (§4.2: confirmed only by authenticating with it in this session → POST /api/means/{id}/authenticate).
   */
  async webauthnRegistration(
    token: string | undefined,
    meansId: string,
    response: RegistrationResponseJSON,
    meta: RequestMeta,
  ): Promise<MeansChallenge> {
    const active = this.sessions.require(token);
    const means = active.account.means.find((m) => m.id === meansId);
    const flavour = means && webauthnFlavour(means.kind);
    const pending = active.stored.scratch.webauthnRegistration;
    if (!means || !flavour) throw new ServiceError('unknown-means');
    if (means.status !== 'pending' || means.pendingSessionId !== active.stored.session.id)
      throw new ServiceError('not-pending');
    if (!pending || pending.meansId !== meansId || this.ctx.now() >= pending.expiresAt)
      throw new ServiceError('verification-expired');
    const cred = await verifyRegistration(this.ctx.rp, flavour, response, pending.challenge);
    if (!cred) {
      this.ctx.record('stepup.fail', active.account.id, meta.ip, {
        meansId,
        phase: 'webauthn-registration',
      });
      throw authFailed();
    }
    this.ctx.tx(() => {
      this.ctx.accounts.putCredential(meansId, { data: cred, lastStep: null });
      const fresh = this.ctx.sessions.byId(active.stored.session.id);
      if (fresh)
        this.ctx.sessions.saveScratch(fresh.session.id, {
          ...fresh.scratch,
          webauthnRegistration: undefined,
        });
    });
    const stored = this.ctx.sessions.byId(active.stored.session.id) ?? active.stored;
    return this.proofs.webauthnChallenge(stored, means);
  }

  /** SMS code / WebAuthn options for a means before step-up, confirmation or unblocking. */
  async challenge(token: string | undefined, meansId: string): Promise<MeansChallenge> {
    const active = this.sessions.require(token);
    const means = active.account.means.find((m) => m.id === meansId);
    if (!means || means.status === 'removed') throw new ServiceError('unknown-means');
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
    const active = this.sessions.require(token);
    const means = active.account.means.find((m) => m.id === meansId);
    if (!means) throw new ServiceError('unknown-means');
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
      ? this.ctx.tx(() => {
          const acc = this.ctx.accounts.byId(active.account.id) as Account;
          const stored = this.ctx.sessions.byId(active.stored.session.id);
          if (!stored || !commit()) return undefined;
          const r = unblockMeans(acc, stored.session, meansId, now, this.ctx.policy);
          this.ctx.accounts.save(r.account);
          this.ctx.sessions.save(r.session);
          this.ctx.recordEvents(r.events, meta.ip);
          attempt?.succeed();
          return this.sessions.rotate({ ...stored, session: r.session }, r.account);
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

  /**
   * Table 5 / §4.2 / §4.5: registers the eID as a means. When the session is below the level needed,
   * a matching verification of the minimum data set stands in for the missing authentication (§4.5);
   * then the eID means is registered, confirmed by this same read-out (it is the authentication with
   * it, bound to this session), and the minimum data set is taken over at the new level (§5.1).
   */
  async registerEid(
    token: string | undefined,
    testIdentity: string,
    meta: RequestMeta,
  ): Promise<IssuedSession & { meansId: string; replacedAuthentication: boolean }> {
    const eid = this.readEid(testIdentity);
    const active = this.sessions.require(token);
    const now = this.ctx.now();
    const meansId = randomUUID();
    const result = this.ctx.tx(() => {
      let acc = this.ctx.accounts.byId(active.account.id) as Account;
      const stored = this.ctx.sessions.byId(active.stored.session.id);
      if (!stored) throw new ServiceError('not-authenticated');
      let session: Session = stored.session;
      const events: DomainEvent[] = [];
      if (acc.means.some((m) => m.kind === 'eid' && m.status !== 'removed'))
        throw new ServiceError('not-applicable', { reason: 'eid-already-registered' });
      this.refuseForeignPseudonym(acc.id, eid.pseudonym);
      const needed = levelNeededFor(acc, meansLevelFor(this.ctx.policy, 'eid'));
      let replaced = false;
      if (!atLeast(sessionLevel(session, acc, now, this.ctx.policy), needed)) {
        const r = replaceAuthenticationByVerification(acc, session, eid, now, this.ctx.policy);
        session = r.session;
        events.push(...r.events);
        replaced = true;
      }
      const reg = registerMeans(acc, session, { meansId, kind: 'eid' }, now, this.ctx.policy);
      acc = reg.account;
      session = reg.session;
      events.push(...reg.events);
      const conf = recordAuthentication(acc, session, meansId, now, this.ctx.policy);
      events.push(...conf.events);
      // The means and the stored pseudonym are the same card from here on (what §4.4 blocking relies on).
      const bound = bindEidCard(
        conf.account,
        eid.pseudonym,
        sessionLevel(conf.session, conf.account, now, this.ctx.policy) ?? 'niedrig',
      );
      const ver = verifyWithEid(bound, conf.session, eid, now, this.ctx.policy);
      events.push(...ver.events);
      this.ctx.accounts.save(ver.account);
      this.ctx.accounts.putCredential(meansId, {
        data: { pseudonym: eid.pseudonym },
        lastStep: null,
      });
      this.ctx.sessions.save(ver.session);
      this.ctx.recordEvents(events, meta.ip);
      return {
        ...this.sessions.rotate({ ...stored, session: ver.session }, ver.account),
        meansId,
        replacedAuthentication: replaced,
      };
    });
    return result;
  }

  /**
   * One eID (pseudonym) belongs to one account: it finds the account at eID login (§4) and stands for
   * the holder in §4.5. Binding it to a second account is refused with 409 instead of tripping the
   * store's UNIQUE constraint (a 500).
   */
  refuseForeignPseudonym(accountId: string, pseudonym: string): void {
    const owner = this.ctx.accounts.byPseudonym(pseudonym);
    if (owner && owner.id !== accountId)
      throw new ServiceError('not-applicable', { reason: 'eid-bound-to-other-account' });
  }

  /** Reads the test eID (test mode only; a real deployment plugs an eID-Server in here). */
  readEid(testIdentity: string): EidResult {
    if (!this.ctx.options.testMode) throw new ServiceError('test-mode-only');
    const r = readTestEid(testIdentity);
    if (!r) throw new ServiceError('validation', { field: 'testIdentity', reason: 'unknown' });
    return {
      pseudonym: r.pseudonym,
      level: 'hoch',
      attributes: r.attributes as Partial<Record<MdsAttribute, string>>,
    };
  }
}
