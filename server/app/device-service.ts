/**
 * What a paired desktop app may do with its own device signature (issue #9, §4.4): read its account
 * (maximum level, every means with level/status/dates and which one is this device, attributes with
 * levels), block any means of the account (§4.4 allows blocking from a lower level), and remove
 * itself (uninstall / re-pair: the old means goes, the new pairing is a new means). An active device
 * also lists the account's web sessions with their Table 2 times (§4.3), so the user sees on the
 * desktop which browser is signed in at which level and for how long.
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError } from './errors';
import {
  accountView,
  blockMeans,
  removeOwnDesktopApp,
  sessionStatus,
  type Account,
  type MeansLevel,
} from '../domain';
import type { DataLevel } from '../../shared/levels';
import type { AuthenticatedDevice } from './device-auth';
import { webauthnFlavour } from './proofs';
import type { StoredWebAuthnCredential } from '../means/webauthn';

/** One means as the app shows it. */
export interface DeviceMeansView {
  id: string;
  kind: string;
  label: string | null;
  level: MeansLevel;
  status: 'active' | 'pending' | 'blocked';
  registeredAt: number;
  lastUsedAt: number | null;
  /** True for the means of the device that asked. */
  thisDevice: boolean;
  /** WebAuthn means only: the credential id (base64url), so the app can tell which plugged-in key it is. */
  credentialId?: string;
}

/** GET /api/device/account: the account as the paired app shows it. */
export interface DeviceAccountView {
  v: 1;
  origin: string;
  account: string;
  accountName: string;
  /** The WebAuthn relying party id the credentials belong to. */
  rpId: string;
  maxLevel: MeansLevel | null;
  /** This device's means id and status (blocked → the app says so). */
  thisDevice: { means: string; status: 'active' | 'pending' | 'blocked' };
  means: DeviceMeansView[];
  attributes: { name: string; value: string; level: DataLevel }[];
}

/** Most web sessions listed (the most recently active ones). */
const MAX_LISTED_SESSIONS = 50;

/** One web session of the account as the paired app lists it: its level and Table 2 times now. */
export interface DeviceSessionView {
  id: string;
  level: MeansLevel;
  /** The level a Table 2 limit lowered the session from, or null. */
  downgradedFrom: MeansLevel | null;
  startedAt: number;
  lastActivityAt: number;
  /** Seconds until the current level's idle limit lapses without further input. */
  idleRemainingSeconds: number;
  /** Seconds until the current level's absolute limit (counted from its authentication) lapses. */
  absoluteRemainingSeconds: number;
  /** Seconds until the session has no level left if idle (after any downgrades). */
  endsInSeconds: number;
  browser: string;
  ip: string;
  /** True for the most recently active session. */
  latest: boolean;
}

/** GET /api/device/sessions: the account's web sessions that still have a level, most recent first. */
export interface DeviceSessionsView {
  v: 1;
  origin: string;
  account: string;
  sessions: DeviceSessionView[];
}

/** What DeviceService uses of the AppContext: accounts and sessions, the WebAuthn relying party, the audit log. */
export type DeviceDeps = Pick<
  AppContext,
  'accounts' | 'sessions' | 'rp' | 'now' | 'policy' | 'tx' | 'recordEvents'
>;

/** The device-authenticated operations. */
export class DeviceService {
  constructor(private readonly ctx: DeviceDeps) {}

  /** The account view for the device (removed means are left out). */
  view(device: AuthenticatedDevice, origin: string): DeviceAccountView {
    const v = accountView(device.account, this.ctx.policy);
    const status = (s: string): 'active' | 'pending' | 'blocked' =>
      s === 'active' || s === 'pending' ? s : 'blocked';
    return {
      v: 1,
      origin,
      account: v.id,
      accountName: v.username,
      rpId: this.ctx.rp.rpId,
      maxLevel: v.maxLevel,
      thisDevice: { means: device.means.id, status: status(device.means.status) },
      means: v.means.map((m) => {
        const credentialId = webauthnFlavour(m.kind)
          ? this.ctx.accounts.credential<StoredWebAuthnCredential>(m.id)?.data.credentialId
          : undefined;
        const base = {
          id: m.id,
          kind: m.kind,
          label: m.label,
          level: m.level,
          status: status(m.status),
          registeredAt: m.createdAt,
          lastUsedAt: m.lastUsedAt,
          thisDevice: m.id === device.means.id,
        };
        return credentialId ? { ...base, credentialId } : base;
      }),
      attributes: v.attributes.map((a) => ({ name: a.name, value: a.value, level: a.level })),
    };
  }

  /**
   * The account's web sessions with a level, most recently active first (reading them is no user input,
   * so nothing is touched). Only an active device may list them: a blocked one may be in a thief's hands,
   * a pending one is not confirmed yet (409 means-blocked / means-pending).
   */
  sessions(device: AuthenticatedDevice, origin: string): DeviceSessionsView {
    if (device.means.status !== 'active')
      throw new ServiceError(device.means.status === 'pending' ? 'means-pending' : 'means-blocked');
    const now = this.ctx.now();
    const secs = (t: number): number => Math.max(0, Math.floor((t - now) / 1000));
    const rows: DeviceSessionView[] = [];
    for (const stored of this.ctx.sessions.openForAccount(device.account.id)) {
      const st = sessionStatus(stored.session, device.account, now, this.ctx.policy);
      if (st.level === null) continue;
      rows.push({
        id: stored.session.id,
        level: st.level,
        downgradedFrom: st.downgradedFrom,
        startedAt: stored.session.createdAt,
        lastActivityAt: stored.session.lastActivityAt,
        idleRemainingSeconds: secs(st.idleUntil ?? now),
        absoluteRemainingSeconds: secs(st.absoluteUntil ?? now),
        endsInSeconds: secs(st.endsAt ?? now),
        browser: stored.client?.browser ?? '',
        ip: stored.client?.ip ?? '',
        latest: false,
      });
    }
    rows.sort((a, b) => b.lastActivityAt - a.lastActivityAt);
    const sessions = rows.slice(0, MAX_LISTED_SESSIONS).map((r, i) => ({ ...r, latest: i === 0 }));
    return { v: 1, origin, account: device.account.id, sessions };
  }

  /** §4.4: blocks one means of the account (any level; the device needs no session level to protect the account). */
  block(device: AuthenticatedDevice, meansId: string, meta: RequestMeta): void {
    this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(device.account.id) as Account;
      const out = blockMeans(
        acc,
        meansId,
        { via: 'device', meansId: device.means.id },
        this.ctx.now(),
        this.ctx.policy,
      );
      this.ctx.accounts.save(out.account);
      this.ctx.recordEvents(out.events, meta.ip);
    });
  }

  /** The device removes its own means (not the last usable one of the account, §2.5). */
  removeSelf(device: AuthenticatedDevice, meta: RequestMeta): void {
    this.ctx.tx(() => {
      const acc = this.ctx.accounts.byId(device.account.id) as Account;
      const out = removeOwnDesktopApp(acc, device.means.id, this.ctx.now());
      this.ctx.accounts.save(out.account);
      this.ctx.recordEvents(out.events, meta.ip);
    });
  }
}
