import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { signText, verifyText } from './p256';
import { IDENTIFIER, PROTOCOL_VERSION, protocolError } from './wire';

/**
 * How the paired app authenticates its own HTTP requests (event stream, means view, block, remove,
 * approval answers): every request carries
 *   Authorization: FaktorDevice means="<means id>", ts="<unix ms>", nonce="<16 bytes b64url>", sig="<b64url>"
 * where sig is the device key's P-256 signature over deviceRequestText(). No bearer secret exists, so
 * a logged header cannot be replayed: the server accepts a timestamp within ±DEVICE_AUTH_SKEW_MS and
 * each nonce once. docs/protocol.md §Device authentication.
 */

/** The Authorization scheme name. */
export const DEVICE_AUTH_SCHEME = 'FaktorDevice';
/** How far a request's timestamp may be from the server's clock. */
export const DEVICE_AUTH_SKEW_MS = 120_000;

/** The values one request authenticates. */
export interface DeviceRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Canonical server origin the request goes to. */
  readonly origin: string;
  /** Path with query, exactly as sent (e.g. `/api/device/events`). */
  readonly path: string;
  readonly means: string;
  readonly ts: number;
  readonly nonce: string;
  /** The exact body bytes sent ('' for none). */
  readonly body: string;
}

/** The parsed Authorization header. */
export interface DeviceAuthorization {
  readonly means: string;
  readonly ts: number;
  readonly nonce: string;
  readonly sig: string;
}

const HEADER =
  /^FaktorDevice means="([A-Za-z0-9_-]{1,64})", ts="([0-9]{1,15})", nonce="([A-Za-z0-9_-]{22})", sig="([A-Za-z0-9_-]{86})"$/;

/** The exact text the device key signs for one request. */
export function deviceRequestText(r: DeviceRequest): string {
  const bodyHash = bytesToHex(sha256(utf8ToBytes(r.body)));
  return [
    'faktor-device',
    String(PROTOCOL_VERSION),
    r.method,
    r.origin,
    r.path,
    r.means,
    String(r.ts),
    r.nonce,
    bodyHash,
  ].join('\n');
}

/** Builds the Authorization header value for a request, signed with the device secret key. */
export function formatDeviceAuthorization(deviceSecretKey: Uint8Array, r: DeviceRequest): string {
  if (!IDENTIFIER.test(r.means)) throw protocolError('protocol-malformed', 'means');
  const sig = signText(deviceSecretKey, deviceRequestText(r));
  return `${DEVICE_AUTH_SCHEME} means="${r.means}", ts="${r.ts}", nonce="${r.nonce}", sig="${sig}"`;
}

/** Parses an Authorization header value; anything else → `protocol-malformed`. */
export function parseDeviceAuthorization(header: unknown): DeviceAuthorization {
  if (typeof header !== 'string' || header.length > 400)
    throw protocolError('protocol-malformed', 'authorization');
  const m = HEADER.exec(header);
  if (!m) throw protocolError('protocol-malformed', 'authorization');
  return { means: m[1] ?? '', ts: Number(m[2]), nonce: m[3] ?? '', sig: m[4] ?? '' };
}

/** True when `auth.sig` is the device key's signature over the request. Never throws. */
export function verifyDeviceRequest(
  deviceKey: string,
  auth: DeviceAuthorization,
  r: Omit<DeviceRequest, 'means' | 'ts' | 'nonce'>,
): boolean {
  return verifyText(
    deviceKey,
    deviceRequestText({ ...r, means: auth.means, ts: auth.ts, nonce: auth.nonce }),
    auth.sig,
  );
}
