/**
 * Authenticates the paired app's own requests (docs/protocol.md §Device authentication): the
 * Authorization header's device-key signature over method, origin, path, means, time, nonce and the
 * body hash; the time within ±2 minutes of the server clock; each nonce once (remembered until its
 * timestamp leaves the window). No bearer secret exists, so a logged header cannot be replayed.
 */
import type { AppContext } from './context';
import { ServiceError } from './errors';
import type { Account, Means } from '../domain';
import {
  DEVICE_AUTH_SKEW_MS,
  deviceRequestText,
  parseDeviceAuthorization,
} from '../../shared/servicekonto/device-auth';
import { verifyTextNative } from './native-p256';
import type { DesktopAppCredential } from '../means/desktop-app';

/** The request as the HTTP layer saw it. */
export interface DeviceRequestSeen {
  method: string;
  /** Path with query, exactly as received. */
  path: string;
  /** The raw body text ('' for none). */
  body: string;
  authorization: string | undefined;
}

/** The authenticated device: its account and its own desktop-app means. */
export interface AuthenticatedDevice {
  account: Account;
  means: Means;
}

/** Verifies device signatures and remembers nonces (ctx.ephemeral: this process, or the database shared by several nodes). */
export class DeviceAuthenticator {
  constructor(private readonly ctx: AppContext) {}

  /** The device behind a signed request, or 401 not-authenticated (one answer for every failure). */
  authenticate(req: DeviceRequestSeen, origin: string): AuthenticatedDevice {
    const refuse = (): never => {
      throw new ServiceError('not-authenticated');
    };
    let auth;
    try {
      auth = parseDeviceAuthorization(req.authorization);
    } catch {
      return refuse();
    }
    const now = this.ctx.now();
    if (Math.abs(now - auth.ts) > DEVICE_AUTH_SKEW_MS) return refuse();
    const accountId = this.ctx.desktopApps.accountOfMeans(auth.means);
    const account = accountId ? this.ctx.accounts.byId(accountId) : undefined;
    const means = account?.means.find((m) => m.id === auth.means);
    const cred = means && this.ctx.accounts.credential<DesktopAppCredential>(means.id);
    if (!account || !means || means.kind !== 'desktop-app' || means.status === 'removed' || !cred)
      return refuse();
    const text = deviceRequestText({
      method: req.method,
      origin,
      path: req.path,
      body: req.body,
      means: auth.means,
      ts: auth.ts,
      nonce: auth.nonce,
    });
    if (!verifyTextNative(cred.data.deviceKey, text, auth.sig)) return refuse();
    // Each nonce once while its timestamp is inside the window (a full store refuses: bounded memory).
    if (
      !this.ctx.ephemeral.claim(
        'device-nonce',
        `${auth.means}:${auth.nonce}`,
        auth.ts + DEVICE_AUTH_SKEW_MS,
        now,
      )
    )
      return refuse();
    return { account, means };
  }
}
