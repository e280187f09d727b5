import { protocolError } from './wire';

/**
 * The server origin every Servicekonto payload names, and what the app pairs with: exactly
 * `scheme://host[:port]` in canonical form (lower case, no default port, no path, no trailing slash).
 * https for any host; plain http only for loopback (127.0.0.1, [::1], localhost), so a pairing
 * secret never travels in clear text over a network. A non-canonical spelling is refused rather
 * than normalised, so one server never has two spellings the app would treat as different servers.
 */

/** Longest origin accepted (DNS names are at most 253 characters, plus scheme and port). */
export const MAX_ORIGIN_CHARS = 272;

const ORIGIN = /^(https?):\/\/(\[::1\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::([1-9][0-9]{0,4}))?$/;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** True when `origin` (already canonical) names this machine. */
export function isLoopbackOrigin(origin: string): boolean {
  const m = ORIGIN.exec(origin);
  return m !== null && LOOPBACK.has(m[2] ?? '');
}

/** Checks a canonical server origin; throws `protocol-origin` (or `protocol-oversize`). */
export function parseServerOrigin(value: unknown): string {
  if (typeof value !== 'string') throw protocolError('protocol-origin', 'origin');
  if (value.length > MAX_ORIGIN_CHARS) throw protocolError('protocol-oversize', 'origin');
  const m = ORIGIN.exec(value);
  if (!m) throw protocolError('protocol-origin', 'origin');
  const [, scheme, host = '', port] = m;
  if (
    host.includes('..') ||
    host
      .split('.')
      .some((label) => label.length > 63 || label.startsWith('-') || label.endsWith('-'))
  ) {
    throw protocolError('protocol-origin', 'origin host');
  }
  if (port !== undefined) {
    const n = Number(port);
    if (n > 65535 || (scheme === 'https' && n === 443) || (scheme === 'http' && n === 80))
      throw protocolError('protocol-origin', 'origin port');
  }
  if (scheme === 'http' && !LOOPBACK.has(host))
    throw protocolError('protocol-origin', 'origin scheme');
  return value;
}
