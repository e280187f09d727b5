import { FaktorError } from '../errors';

/*
 * Base32 (RFC 4648 §6) written by hand on purpose: the libraries at hand (@scure/base, otplib's
 * base32 plugin) are strict codecs, but secrets arrive typed by people and printed by servers in
 * every dialect. We accept exactly what the Debian peers pyotp and yubikit accept
 * (protocols.md §1.4): any case, spaces, full/partial/no '=' padding, and non-zero trailing bits
 * (ignored, like Python's b32decode). Over-padding and foreign characters are rejected.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));
/** Unpadded lengths (mod 8) that RFC 4648 can produce: 0, 2, 4, 5 or 7 characters in the last group. */
const VALID_TAIL = new Set([0, 2, 4, 5, 7]);

/** Decodes a user- or server-supplied Base32 secret tolerantly; anything doubtful → FaktorError('invalid-secret'). */
export function decodeBase32(input: string): Uint8Array {
  if (typeof input !== 'string') throw new FaktorError('invalid-secret', 'not a string');
  const compact = input.replace(/[ \t\r\n]/g, '').toUpperCase();
  const body = compact.replace(/=+$/, '');
  const padding = compact.length - body.length;
  if (body.length === 0) throw new FaktorError('invalid-secret', 'empty');
  const tail = body.length % 8;
  if (!VALID_TAIL.has(tail)) throw new FaktorError('invalid-secret', 'impossible length');
  // Padding may be partial (pyotp and yubikit complete it) but never go past the 8-character group.
  if (padding > (8 - tail) % 8) throw new FaktorError('invalid-secret', 'over-padded');

  const out = new Uint8Array(Math.floor((body.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const ch of body) {
    const v = VALUES.get(ch);
    if (v === undefined) throw new FaktorError('invalid-secret', 'not a Base32 character');
    buffer = ((buffer << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** Encodes secret bytes as canonical Base32 (uppercase, no padding) for otpauth URIs and display. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
