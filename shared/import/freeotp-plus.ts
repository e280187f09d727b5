import { account, collect, damaged, int, isRecord, list, text, unsupported } from './entry';
import type { ParsedImport } from './types';

/*
 * FreeOTP+ (helloworld1/FreeOTPPlus) JSON export: `{tokens: [{algo, counter, digits, issuerExt,
 * issuerInt, label, period, secret, type, imageAlt?}], tokenOrder}`. `secret` is the raw key as an
 * array of signed Java bytes (-128…127). FreeOTP has no Steam type; a TOTP token whose issuer is
 * "Steam" holds Steam's 5-character codes (as Aegis's importer treats it) and is dropped.
 */

/** True when the JSON looks like a FreeOTP+ export (used by format detection). */
export function looksLikeFreeOtpPlus(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.tokens);
}

/** Signed or unsigned byte array → bytes; anything else is damage. */
function bytesOf(v: unknown): Uint8Array {
  if (
    !Array.isArray(v) ||
    !v.every((b) => Number.isInteger(b) && (b as number) >= -128 && (b as number) <= 255)
  )
    throw damaged('secret is not a byte array');
  return Uint8Array.from(v as number[], (b) => b & 0xff);
}

/** Parses a FreeOTP+ JSON export. */
export function parseFreeOtpPlus(json: unknown): ParsedImport {
  if (!isRecord(json)) throw damaged('not a FreeOTP+ export');
  return collect(list(json, 'tokens'), (t) => {
    const type = text(t, 'type', 'TOTP').toUpperCase();
    const issuer = text(t, 'issuerExt') || text(t, 'issuerInt');
    const label = text(t, 'label');
    if (type !== 'TOTP' && type !== 'HOTP') return unsupported(type.toLowerCase(), issuer, label);
    if (type === 'TOTP' && issuer === 'Steam') return unsupported('steam', issuer, label);
    return {
      account: account({
        type: type === 'HOTP' ? 'hotp' : 'totp',
        secret: bytesOf(t.secret),
        algorithm: text(t, 'algo', 'SHA1'),
        digits: int(t, 'digits', 6),
        period: int(t, 'period', 30),
        counter: int(t, 'counter', 0),
        issuer,
        label,
      }),
    };
  });
}
