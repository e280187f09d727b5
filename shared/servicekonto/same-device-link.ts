import { FaktorError } from '../errors';
import { MAX_PAYLOAD_CHARS } from '../qr/router';
import { LOGIN_SCHEME } from './login-payload';

/**
 * Same-device approval (issue #11, docs/protocol.md §Same-device link): the login page offers
 * `faktor://login?v=1&p=<the login QR's payload, percent-encoded>` next to the QR. This module only
 * wraps and unwraps that envelope; the payload inside is then checked by the SAME router and
 * servicekonto parsers as a scanned QR (origin and account pinning, expiry) — no second parser.
 *
 * Only login payloads travel this way: a web page must not be able to push an account (otpauth://)
 * or a pairing (faktor-pair:) into the app by a link. Contract: unwrap throws only FaktorErrors
 * (property-tested with fast-check).
 */

/** The scheme the app registers with the OS (electron-builder.yml `protocols`). */
export const LINK_SCHEME = 'faktor';
/** The envelope's version; anything else is `protocol-version`. */
export const LINK_VERSION = '1';
/** Longest link accepted: the longest QR payload, every character percent-encoded as 3-byte UTF-8. */
export const MAX_LINK_CHARS = 9 * MAX_PAYLOAD_CHARS + 64;

const PREFIX = /^faktor:\/\/login\/?\?/i;

/** The link for a login payload (what the server's page puts into its href). */
export function formatSameDeviceLink(loginPayload: string): string {
  return `${LINK_SCHEME}://login?v=${LINK_VERSION}&p=${encodeURIComponent(loginPayload)}`;
}

/**
 * The login payload inside a `faktor://login` link, still unchecked (give it to the QR router).
 * Oversize → protocol-oversize; not our envelope → protocol-malformed; another version →
 * protocol-version; a payload other than `faktor-login:` → unsupported-payload.
 */
export function unwrapSameDeviceLink(link: unknown): string {
  if (typeof link !== 'string') throw new FaktorError('protocol-malformed', 'link: not text');
  if (link.length > MAX_LINK_CHARS) throw new FaktorError('protocol-oversize', 'link: too long');
  const m = PREFIX.exec(link);
  if (!m) throw new FaktorError('protocol-malformed', 'link: not faktor://login');
  const fields = new Map<string, string>();
  for (const pair of link.slice(m[0].length).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if ((key !== 'v' && key !== 'p') || eq < 0 || fields.has(key))
      throw new FaktorError('protocol-malformed', 'link: fields');
    fields.set(key, pair.slice(eq + 1));
  }
  if (fields.get('v') !== LINK_VERSION)
    throw new FaktorError(
      fields.has('v') ? 'protocol-version' : 'protocol-malformed',
      'link: version',
    );
  const encoded = fields.get('p');
  if (encoded === undefined) throw new FaktorError('protocol-malformed', 'link: no payload');
  let payload: string;
  try {
    payload = decodeURIComponent(encoded);
  } catch {
    throw new FaktorError('protocol-malformed', 'link: bad percent-encoding');
  }
  if (payload.length > MAX_PAYLOAD_CHARS)
    throw new FaktorError('protocol-oversize', 'link: payload too long');
  if (!payload.trim().toLowerCase().startsWith(LOGIN_SCHEME))
    throw new FaktorError('unsupported-payload', 'link: only login payloads');
  return payload;
}

/** Whether a command-line argument is a link for us (second-instance argv holds other flags too). */
export function isSameDeviceLink(arg: unknown): arg is string {
  return typeof arg === 'string' && arg.slice(0, 9).toLowerCase() === `${LINK_SCHEME}://`;
}
