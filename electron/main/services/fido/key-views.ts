import { ERROR_CODES, type ErrorCode } from '../../../../shared/errors';
import { stripUnsafeNameChars } from '../../../../shared/text/names';
import type { KeyCredentialGroup, KeyList, KeyView } from '../../../../shared/ipc/keys-schemas';
import type { RpCredentials } from './credential-client';
import type { KeySummary } from './key-manager';

/*
 * What the keys screen and the CLI show of a key: the IPC view shapes (shared/ipc/keys-schemas.ts),
 * built in one place so the app and `faktor keys --json` say the same thing.
 */

const KNOWN_CODES = new Set<string>(ERROR_CODES);
/** A device-reported string, cleaned of controls (a CLI prints it to a terminal) and capped. */
const clip = (s: string | undefined, n: number): string | undefined =>
  s === undefined ? undefined : stripUnsafeNameChars(s).slice(0, n);
const clamp = (v: number | undefined, lo: number, hi: number): number | undefined =>
  v === undefined ? undefined : Math.min(hi, Math.max(lo, v));

/** A key's summary as the renderer may see it; device strings are clipped so a hostile key cannot break the schema. */
export function keyView(k: KeySummary): KeyView {
  return {
    path: k.device.path,
    product: clip(k.device.product, 200),
    manufacturer: clip(k.device.manufacturer, 200),
    vendorId: k.device.vendorId,
    productId: k.device.productId,
    ctap2: k.ctap2,
    u2f: k.u2f,
    wink: k.wink,
    aaguid: k.aaguid,
    versions: k.versions.slice(0, 16).map((v) => clip(v, 32)!),
    pinSet: k.pinSet,
    pinRetries: clamp(k.pinRetries, 0, 255),
    minPinLength: k.ctap2 ? clamp(k.minPinLength ?? 4, 4, 63) : undefined,
    credMgmt: k.credMgmt,
    error:
      k.error === undefined
        ? undefined
        : KNOWN_CODES.has(k.error)
          ? (k.error as ErrorCode)
          : 'internal',
  };
}

/** Resident credentials as the renderer sees them: public ids (base64url) and user names only. */
export function credentialGroups(list: readonly RpCredentials[]): KeyCredentialGroup[] {
  return list.map(({ rp, credentials }) => ({
    rpId: clip(rp.id, 255)!,
    rpName: clip(rp.name, 255),
    credentials: credentials.slice(0, 1000).map((c) => ({
      credentialId: Buffer.from(c.credentialId).toString('base64url'),
      userName: clip(c.user.name, 255),
      userDisplayName: clip(c.user.displayName, 255),
    })),
  }));
}

/** The OS family for the permission hint. */
export function platformFamily(p: string = process.platform): KeyList['platform'] {
  return p === 'linux' || p === 'win32' || p === 'darwin' ? p : 'other';
}
