/**
 * A paired desktop registers a security key as "password + security key" (issue #10,
 * docs/protocol.md §Security key registration) under the same §4.2 rules as the browser flow:
 * the registering "session" must reach the level the new means needs (or the account maximum when
 * that is lower) — here through the desktop app's PIN-bound approval signature, never the device key
 * alone — and the new means is confirmed in that same session by authenticating with it: the account
 * password (footnote 5: the means is password + key) and an assertion of the new key. The session
 * lives only for the one finishing request and is never stored, so nothing can be added to it later.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import type { AuthService } from './auth-service';
import type { AuthenticatedDevice } from './device-auth';
import { checkLabel } from './input-rules';
import { creationOptionsFor } from './enrolment-service';
import {
  meansLevelFor,
  recordAuthentication,
  registerMeans,
  startSession,
  type Account,
  type Session,
} from '../domain';
import {
  verifyAssertion,
  verifyRegistration,
  type StoredWebAuthnCredential,
} from '../means/webauthn';
import { newTransactionId, type DesktopAppCredential } from '../means/desktop-app';
import {
  verifyKeyRegistration,
  type KeyRegistrationOptions,
  type KeyRegistrationResult,
} from '../../shared/servicekonto/key-registration';

/** How long the options stay valid (two touches and typing the password). */
export const KEY_REGISTRATION_TTL_MS = 5 * 60_000;
/** Open registrations one device may have at once. */
const MAX_OPEN_PER_DEVICE = 3;
/** Open registrations per server process (memory bound). */
const MAX_OPEN = 10_000;
const KIND = 'password+security-key';

interface Open {
  accountId: string;
  deviceMeansId: string;
  challenge: string;
  createChallenge: string;
  getChallenge: string;
  expiresAt: number;
}

/** Only an active desktop app registers keys: a pending one is not confirmed yet, a blocked one is blocked (§4.4). */
function refuseUnusable(device: AuthenticatedDevice): void {
  if (device.means.status === 'blocked') throw new ServiceError('means-blocked');
  if (device.means.status !== 'active') throw new ServiceError('means-pending');
}

/** The finishing request body (JSON schema in server/http/api/device-schemas.ts). */
export interface KeyRegistrationBody {
  v: 1;
  tx: string;
  label?: string;
  password: string;
  signature: string;
  registration: RegistrationResponseJSON;
  assertion: AuthenticationResponseJSON;
}

/** Device-authenticated security-key registration. Open registrations live in ctx.ephemeral (shared by all nodes on PostgreSQL). */
export class DeviceKeyService {
  constructor(
    private readonly ctx: AppContext,
    private readonly auth: AuthService,
    private readonly newSessionId: () => string,
  ) {}

  /** Step 1: the WebAuthn options and the proof challenge. Refuses early what step 2 would refuse by level. */
  async options(device: AuthenticatedDevice): Promise<KeyRegistrationOptions> {
    const now = this.ctx.now();
    refuseUnusable(device);
    const held = this.ctx.ephemeral.count('key-registration', device.means.id, now);
    if (held.all >= MAX_OPEN || held.owner >= MAX_OPEN_PER_DEVICE)
      throw new ServiceError('too-many-attempts');
    // Dry run of the §4.2 level rule with what step 2 will prove (desktop app + password).
    this.registerInSession(device.account, device.means.id, randomUUID(), null, now);
    const c = await creationOptionsFor(this.ctx, device.account, KIND);
    const tx = newTransactionId();
    const o: Open = {
      accountId: device.account.id,
      deviceMeansId: device.means.id,
      challenge: randomBytes(32).toString('base64url'),
      createChallenge: c.challenge,
      getChallenge: randomBytes(32).toString('base64url'),
      expiresAt: now + KEY_REGISTRATION_TTL_MS,
    };
    if (
      !this.ctx.ephemeral.put(
        'key-registration',
        tx,
        { owner: device.means.id, value: o, until: o.expiresAt },
        now,
      )
    )
      throw new ServiceError('too-many-attempts');
    return {
      v: 1,
      tx,
      challenge: o.challenge,
      rp: { id: c.rp.id ?? this.ctx.rp.rpId, name: c.rp.name },
      user: { id: c.user.id, name: c.user.name, displayName: c.user.displayName },
      createChallenge: o.createChallenge,
      getChallenge: o.getChallenge,
      algorithms: c.pubKeyCredParams.map((p) => p.alg),
      exclude: (c.excludeCredentials ?? []).map((e) => e.id),
      expiresAt: o.expiresAt,
    };
  }

  /**
   * Step 2: the options are used up first (a replay finds nothing). The PIN proof and the password
   * are both checked before answering, and any failure is the one generic 401: a wrong PIN proof
   * counts toward the desktop app's 3-failure block, a wrong password toward the login throttle.
   * Then @simplewebauthn/server checks the attestation and the confirming assertion, and one
   * transaction registers the means and confirms it in the same (never stored) session.
   */
  async finish(
    device: AuthenticatedDevice,
    body: KeyRegistrationBody,
    meta: RequestMeta,
  ): Promise<KeyRegistrationResult> {
    const now = this.ctx.now();
    const o = this.ctx.ephemeral.take('key-registration', body.tx, now) as Open | undefined;
    if (!o || o.deviceMeansId !== device.means.id || now >= o.expiresAt)
      throw new ServiceError('not-found');
    refuseUnusable(device);
    const label = body.label === undefined ? null : checkLabel(body.label);
    const account = device.account;
    const attempt = this.ctx.throttle.reserve(account.username, meta.ip);
    const cred = this.ctx.accounts.credential<DesktopAppCredential>(device.means.id);
    const pinOk =
      cred !== undefined &&
      verifyKeyRegistration(
        cred.data.approvalKey,
        { transaction: body.tx, challenge: o.challenge, credentialId: body.registration.id },
        body.signature,
      );
    const hashes = this.ctx.accounts.hashes(account.id);
    const passwordOk = hashes
      ? await this.ctx.hasher.verify(hashes.passwordHash, body.password)
      : await this.ctx.hasher.burn(body.password);
    if (passwordOk) attempt.succeed();
    else attempt.fail();
    if (!pinOk) this.auth.countFailure(account.id, device.means.id, meta);
    if (!pinOk || !passwordOk) return this.failed(account.id, meta, 'proof');
    const stored = await verifyRegistration(
      this.ctx.rp,
      'security-key',
      body.registration,
      o.createChallenge,
    );
    if (!stored) return this.failed(account.id, meta, 'attestation');
    const counter = await verifyAssertion(
      this.ctx.rp,
      'security-key',
      body.assertion,
      o.getChallenge,
      stored,
    );
    if (counter === undefined) return this.failed(account.id, meta, 'assertion');
    const meansId = randomUUID();
    const level = this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(account.id) as Account;
      const out = this.registerInSession(acc, device.means.id, meansId, label, this.ctx.now());
      this.ctx.accounts.save(out.account);
      this.ctx.accounts.putCredential(meansId, {
        data: { ...stored, counter } satisfies StoredWebAuthnCredential,
        lastStep: null,
      });
      this.ctx.recordEvents(out.events, meta.ip);
      return (
        out.account.means.find((m) => m.id === meansId)?.level ??
        meansLevelFor(this.ctx.policy, KIND) ??
        'substanziell'
      );
    });
    return {
      v: 1,
      meansId,
      kind: KIND,
      label,
      level,
      status: 'active',
      credentialId: stored.credentialId,
    };
  }

  /**
   * The §4.2 steps in one fresh session: authenticated with the desktop app (PIN proof) and the
   * password, register the means (the domain checks the session's level), authenticate with it.
   */
  private registerInSession(
    account: Account,
    deviceMeansId: string,
    meansId: string,
    label: string | null,
    now: number,
  ) {
    const password = account.means.find((m) => m.kind === 'password' && m.status === 'active');
    if (!password) throw new ServiceError('not-applicable', { reason: 'password-not-usable' });
    let session: Session = startSession({ id: this.newSessionId(), accountId: account.id }, now);
    const events = [];
    let acc = account;
    for (const step of [
      (a: Account, s: Session) => recordAuthentication(a, s, deviceMeansId, now, this.ctx.policy),
      (a: Account, s: Session) => recordAuthentication(a, s, password.id, now, this.ctx.policy),
      (a: Account, s: Session) =>
        registerMeans(a, s, { meansId, kind: KIND, label }, now, this.ctx.policy),
      (a: Account, s: Session) => recordAuthentication(a, s, meansId, now, this.ctx.policy),
    ]) {
      const r = step(acc, session);
      acc = r.account;
      session = r.session;
      events.push(...r.events);
    }
    return { account: acc, events };
  }

  private failed(accountId: string, meta: RequestMeta, phase: string): never {
    this.ctx.record('stepup.fail', accountId, meta.ip, {
      phase: `device-key-registration-${phase}`,
    });
    throw authFailed();
  }
}
