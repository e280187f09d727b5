/**
 * The desktop-app means (issue #9, docs/protocol.md): showing the pairing QR (§4.2 level check),
 * enrolling the app (one-time token bound to the web session → a pending means), and the offline QR
 * login (OCRA response, once, within the expiry; failures count per means, 3 → blocked). Confirmation
 * and step-up with a paired app run through ProofService (kind 'desktop-app').
 */
import { randomUUID } from 'node:crypto';
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import type { IssuedSession, SessionService } from './sessions';
import type { AuthService } from './auth-service';
import {
  DESKTOP_ENROLLMENT_TTL_MS,
  DESKTOP_LOGIN_TTL_MS,
  enrollmentUsable,
  mayPairDesktopApp,
  meansLevelFor,
  recordAuthentication,
  registerMeans,
  startSession,
  usableDesktopApps,
  type Account,
  type MeansLevel,
} from '../domain';
import { isFaktorError } from '../../shared/errors';
import {
  parseEnrollmentRequest,
  type EnrollmentResponse,
} from '../../shared/servicekonto/enrollment';
import { DESKTOP_OCRA_SUITE } from '../../shared/servicekonto/login-ocra';
import { formatLoginPayload, type LoginPayload } from '../../shared/servicekonto/login-payload';
import { offlineCheck } from './desktop-proof';
import { parseServerOrigin } from '../../shared/servicekonto/origin';
import {
  formatPairingPayload,
  type DesktopAppLevel,
} from '../../shared/servicekonto/pairing-payload';
import {
  newEnrollmentToken,
  newOcraChallenge,
  newTransactionId,
  payloadQrSvg,
  type DesktopAppCredential,
} from '../means/desktop-app';

/** A QR the pages and the API show: the payload text, its SVG and when it expires. */
export interface ShownQr {
  payload: string;
  qrSvg: string;
  expiresAt: number;
}

/** Answer of POST /api/means/desktop-app. */
export interface PairingQr extends ShownQr {
  level: MeansLevel;
}

/** Answer of POST /api/login/desktop-app. */
export interface OfflineLoginQr extends ShownQr {
  tx: string;
}

/** The name of the Servicekonto itself as an online service (shown in the app). */
export const SERVICEKONTO_SERVICE = 'Servicekonto';
/** The service name the app shows when the login QR confirms a just-paired desktop app (§4.2). */
export const CONFIRM_SERVICE = 'Servicekonto: Desktop-App bestätigen';

/** What DesktopAppService uses of the AppContext: accounts and sessions, enrollment tokens and login transactions, the audit log. */
export type DesktopAppDeps = Pick<
  AppContext,
  'accounts' | 'sessions' | 'desktopApps' | 'now' | 'policy' | 'tx' | 'record' | 'recordEvents'
> & { readonly options: Pick<AppContext['options'], 'origin'> };

/** Pairing, enrollment and offline login of the desktop app. */
export class DesktopAppService {
  constructor(
    private readonly ctx: DesktopAppDeps,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
  ) {}

  /** The server origin as the wire formats need it; a server on plain http off loopback cannot pair. */
  origin(): string {
    try {
      return parseServerOrigin(this.ctx.options.origin);
    } catch {
      throw new ServiceError('not-applicable', { reason: 'origin-not-https' });
    }
  }

  /** §4.2: shows a pairing QR with a one-time enrollment token (≤ 5 min) bound to this web session. */
  async startPairing(token: string | undefined, meta: RequestMeta): Promise<PairingQr> {
    const active = this.sessions.require(token);
    const now = this.ctx.now();
    const level = mayPairDesktopApp(active.account, active.stored.session, now, this.ctx.policy);
    const origin = this.origin();
    const enrollmentToken = newEnrollmentToken();
    const expiresAt = now + DESKTOP_ENROLLMENT_TTL_MS;
    this.ctx.tx(() => {
      this.ctx.desktopApps.prune(now, DESKTOP_ENROLLMENT_TTL_MS);
      this.ctx.desktopApps.addEnrollment(enrollmentToken, {
        accountId: active.account.id,
        sessionId: active.stored.session.id,
        expiresAt,
      });
    });
    this.ctx.record('desktop-app.pairing-shown', active.account.id, meta.ip, {});
    const payload = formatPairingPayload({
      origin,
      account: active.account.id,
      accountName: active.account.username,
      token: enrollmentToken,
      exp: Math.floor(expiresAt / 1000),
      level: level as DesktopAppLevel,
    });
    return { payload, qrSvg: await payloadQrSvg(payload), expiresAt, level };
  }

  /**
   * The app enrols: the token must be unused, unexpired and its web session alive; the session must
   * still reach the level §4.2 needs. Creates a PENDING desktop-app means bound to that web session.
   * Unknown, used and expired tokens all get the same answer.
   */
  enroll(body: unknown, meta: RequestMeta): EnrollmentResponse {
    let req;
    try {
      req = parseEnrollmentRequest(body);
    } catch (e) {
      throw new ServiceError('validation', {
        field: 'body',
        reason: isFaktorError(e) ? e.code : 'protocol-malformed',
      });
    }
    const origin = this.origin();
    const now = this.ctx.now();
    const meansId = randomUUID();
    const refused = (): never => {
      this.ctx.record('desktop-app.enroll-refused', null, meta.ip, {});
      throw new ServiceError('enrollment-invalid');
    };
    return this.ctx.tx(() => {
      const row = this.ctx.desktopApps.enrollment(req.token);
      const stored = row && this.ctx.sessions.byId(row.sessionId);
      const account = row && this.ctx.accounts.byId(row.accountId);
      if (
        !row ||
        !stored ||
        !account ||
        !enrollmentUsable(row, stored.session, now) ||
        !this.ctx.desktopApps.useEnrollment(req.token, now)
      )
        return refused();
      const out = registerMeans(
        account,
        stored.session,
        { meansId, kind: 'desktop-app', label: req.deviceName },
        now,
        this.ctx.policy,
      );
      const credential: DesktopAppCredential = {
        approvalKey: req.approvalKey,
        deviceKey: req.deviceKey,
        ocraSecret: req.ocraSecret,
        deviceName: req.deviceName,
      };
      this.ctx.accounts.save(out.account);
      this.ctx.sessions.save(out.session);
      this.ctx.accounts.putCredential(meansId, { data: credential, lastStep: null });
      this.ctx.recordEvents(out.events, meta.ip);
      const level = out.account.means.find((m) => m.id === meansId)?.level as DesktopAppLevel;
      return {
        v: 1,
        origin,
        account: account.id,
        accountName: account.username,
        means: meansId,
        level,
        status: 'pending',
        ocraSuite: DESKTOP_OCRA_SUITE,
      } satisfies EnrollmentResponse;
    });
  }

  /** A login payload for `account` (or an unknown name), valid for DESKTOP_LOGIN_TTL_MS. */
  newLoginPayload(
    account: { id: string; username: string },
    service: string,
    level: MeansLevel,
    now: number,
  ): Omit<LoginPayload, 'v'> {
    return {
      origin: this.origin(),
      account: account.id,
      accountName: account.username,
      tx: newTransactionId(),
      challenge: newOcraChallenge(),
      service,
      level,
      exp: Math.floor((now + DESKTOP_LOGIN_TTL_MS) / 1000),
    };
  }

  /** The login QR for a step-up or the §4.2 confirmation of one desktop-app means (ProofService). */
  async meansChallenge(
    account: Account,
    means: { id: string; level: MeansLevel; status: string },
  ): Promise<{ kind: 'desktop-app'; payload: string; qrSvg: string; expiresAt: number }> {
    const service = means.status === 'pending' ? CONFIRM_SERVICE : SERVICEKONTO_SERVICE;
    const p = this.newLoginPayload(account, service, means.level, this.ctx.now());
    const payload = formatLoginPayload(p);
    return {
      kind: 'desktop-app',
      payload,
      qrSvg: await payloadQrSvg(payload),
      expiresAt: p.exp * 1000,
    };
  }

  /**
   * Offline QR login, step 1: a login QR for the typed username. An unknown username gets a QR of the
   * same shape (random account id), so the answer does not reveal which accounts exist.
   */
  async startLogin(username: string, meta: RequestMeta): Promise<OfflineLoginQr> {
    const name = username.trim();
    const account = this.ctx.accounts.byUsername(name);
    const now = this.ctx.now();
    const p = this.newLoginPayload(
      account ?? { id: randomUUID(), username: name },
      SERVICEKONTO_SERVICE,
      meansLevelFor(this.ctx.policy, 'desktop-app'),
      now,
    );
    const payload = formatLoginPayload(p);
    this.ctx.tx(() => {
      this.ctx.desktopApps.prune(now, DESKTOP_LOGIN_TTL_MS);
      this.ctx.desktopApps.addLogin({
        tx: p.tx,
        accountId: account?.id ?? null,
        payload,
        expiresAt: p.exp * 1000,
      });
    });
    this.ctx.record('desktop-app.login-shown', account?.id ?? null, meta.ip, {});
    return { tx: p.tx, payload, qrSvg: await payloadQrSvg(payload), expiresAt: p.exp * 1000 };
  }

  /**
   * The login QR of an open offline-login transaction again (the page shows it on every visit, so
   * Reload, Back or a wrong code never lose it); a used or expired one is 'verification-expired'.
   */
  async shownLogin(tx: string): Promise<OfflineLoginQr> {
    const row = this.ctx.desktopApps.login(tx);
    if (!row || row.usedAt !== null || this.ctx.now() >= row.expiresAt)
      throw new ServiceError('verification-expired');
    return {
      tx,
      payload: row.payload,
      qrSvg: await payloadQrSvg(row.payload),
      expiresAt: row.expiresAt,
    };
  }

  /**
   * Offline QR login, step 2: the OCRA response the app showed. Accepted once, before the expiry, from
   * any active desktop-app means of the account; a wrong code counts one failure on each of them
   * (TR-03107-1 W4: 3 consecutive → blocked). Every refusal is the generic 401.
   */
  finishLogin(tx: string, code: string, meta: RequestMeta): IssuedSession {
    const now = this.ctx.now();
    const row = this.ctx.desktopApps.login(tx);
    const account = row?.accountId ? this.ctx.accounts.byId(row.accountId) : undefined;
    if (!row || !account || row.usedAt !== null || now >= row.expiresAt)
      return this.loginFailed(account, meta);
    const candidates = usableDesktopApps(account);
    const hit = candidates.find((m) => offlineCheck(this.ctx, m.id, row.payload, code, now));
    if (!hit) {
      for (const m of candidates) this.auth.countFailure(account.id, m.id, meta);
      return this.loginFailed(account, meta);
    }
    const issued = this.ctx.tx(() => {
      if (!this.ctx.desktopApps.useLogin(tx, now)) return undefined;
      const acc = this.ctx.accounts.byId(account.id) as Account;
      const session = startSession({ id: this.sessions.newSessionId(), accountId: acc.id }, now);
      const r = recordAuthentication(acc, session, hit.id, now, this.ctx.policy);
      this.ctx.accounts.save(r.account);
      this.ctx.recordEvents(r.events, meta.ip);
      this.ctx.record('login.ok', acc.id, meta.ip, { means: 'desktop-app' });
      return this.sessions.issue(r.session, r.account);
    });
    return issued ?? this.loginFailed(account, meta);
  }

  private loginFailed(account: Account | undefined, meta: RequestMeta): never {
    this.ctx.record('login.fail', account?.id ?? null, meta.ip, { means: 'desktop-app' });
    throw authFailed();
  }
}
