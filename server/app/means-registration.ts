/**
 * Registering authentication means (§4.2) with the kind-specific enrolment: TOTP seed + otpauth QR,
 * SMS phone + first code, WebAuthn creation options and attestation check, eID registration with the
 * §4.5 upgrade path of Table 5. MeansService (means-service.ts) hands these calls on.
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
  type ProofService,
  type SmsCredential,
  type TotpCredential,
} from './proofs';
import { checkLabel, checkPhoneNumber } from './input-rules';
import {
  bindEidCard,
  levelNeededFor,
  meansLevelFor,
  recordAuthentication,
  registerMeans,
  replaceAuthenticationByVerification,
  sessionLevel,
  verifyWithEid,
  atLeast,
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

/** What MeansRegistration uses of the AppContext: accounts and sessions, the outbox (SMS), the WebAuthn relying party, the audit log. */
export type MeansRegistrationDeps = Pick<
  AppContext,
  'accounts' | 'sessions' | 'outbox' | 'rp' | 'now' | 'policy' | 'tx' | 'record' | 'recordEvents'
> & { readonly options: Pick<AppContext['options'], 'issuer' | 'testMode'> };

/** Registration of means, by kind (the registration half of MeansService). */
export class MeansRegistration {
  constructor(
    private readonly ctx: MeansRegistrationDeps,
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
    const { means, ...active } = this.sessions.requireMeans(token, meansId);
    const flavour = webauthnFlavour(means.kind);
    const pending = active.stored.scratch.webauthnRegistration;
    if (!flavour) throw new ServiceError('unknown-means');
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
