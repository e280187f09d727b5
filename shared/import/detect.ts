import { FaktorError } from '../errors';
import { looksLikeAegis } from './aegis';
import { looksLikeAndOtp } from './andotp';
import { AUTHPRO_ENCRYPTED_HEADER, looksLikeAuthenticatorPro } from './authenticator-pro';
import { looksLikeBitwarden } from './bitwarden';
import { looksLikeEnteEncrypted } from './ente';
import { isRecord } from './entry';
import { looksLikeFreeOtpPlus } from './freeotp-plus';
import { looksLikeOtpauthList } from './otpauth-list';
import { looksLikeTwoFas } from './twofas';
import type { ImportFormat } from './types';

/*
 * Format detection when the user names none. Every format has a distinctive top-level shape, so the
 * checks do not overlap (test/shared/import/detect.test.ts feeds each fixture to every check).
 * GNOME Authenticator's files are detected as what they are (Aegis JSON or an otpauth list).
 */

/** andOTP's encrypted header: a plausible PBKDF2 iteration count (andOTP writes 140 000–160 000). */
const ANDOTP_MIN_BYTES = 4 + 12 + 12 + 16;

/**
 * Names the format of a file: `text` is its UTF-8 decoding (null when it is not UTF-8), `bytes` the
 * raw content. Throws 'import-unknown-format' when nothing matches.
 */
export function detectFormat(text: string | null, bytes: Uint8Array): ImportFormat {
  if (AUTHPRO_ENCRYPTED_HEADER.test(String.fromCharCode(...bytes.subarray(0, 16))))
    return 'authenticator-pro';
  if (text !== null) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (looksLikeOtpauthList(body)) return 'otpauth';
    const json = tryJson(body);
    if (json !== undefined) {
      const found = jsonFormat(json);
      if (found !== null) return found;
    }
  }
  if (text === null && bytes.length >= ANDOTP_MIN_BYTES && andOtpIterations(bytes) !== null)
    return 'andotp';
  throw new FaktorError('import-unknown-format');
}

/** The format of parsed JSON, or null. */
export function jsonFormat(json: unknown): ImportFormat | null {
  if (isRecord(json) && json.format === 'faktor-backup') return 'faktor';
  if (looksLikeAegis(json)) return 'aegis';
  if (looksLikeTwoFas(json)) return '2fas';
  if (looksLikeEnteEncrypted(json)) return 'ente';
  if (looksLikeBitwarden(json)) return 'bitwarden';
  if (looksLikeAuthenticatorPro(json)) return 'authenticator-pro';
  if (looksLikeFreeOtpPlus(json)) return 'freeotp-plus';
  if (looksLikeAndOtp(json)) return 'andotp';
  return null;
}

/** andOTP's iteration count (big-endian int32 at offset 0) when it is in a plausible range, else null. */
export function andOtpIterations(bytes: Uint8Array): number | null {
  if (bytes.length < 4) return null;
  const n = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return n >= 1000 && n <= 10_000_000 ? n : null;
}

function tryJson(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}
