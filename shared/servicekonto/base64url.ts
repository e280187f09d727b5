import { decodeBase64, encodeBase64 } from '../otp/base64';

/**
 * base64url without padding (RFC 4648 §5), the encoding of every key, token and signature on the
 * Servicekonto wire. Decoding is canonical: text that re-encodes differently (stray trailing bits)
 * is refused, so one value has exactly one spelling (tokens and ids are compared as text).
 */

/** Encodes bytes as unpadded base64url. */
export function toBase64url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Decodes canonical unpadded base64url, or null. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/'));
  return bytes && toBase64url(bytes) === text ? bytes : null;
}
