import { account, collect, damaged, int, looseList, organised, text, unsupported } from './entry';
import type { ParsedImport } from './types';

/*
 * andOTP backup (andOTP/andOTP, archived): a JSON array of entries `{secret, issuer, label, digits,
 * type, algorithm, period, counter, thumbnail, last_used, used_frequency, tags}`. Encrypted
 * backups (.json.aes) are binary: iterations (4 bytes BE) ‖ salt (12) ‖ nonce (12) ‖ ciphertext ‖
 * tag (16), AES-256-GCM under PBKDF2-HMAC-SHA1; decrypted in the main process.
 */

/** True when the JSON looks like an andOTP array (used by format detection). */
export function looksLikeAndOtp(json: unknown): boolean {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.every((e) => typeof e === 'object' && e !== null && 'secret' in e && 'type' in e)
  );
}

const TYPES = new Set(['TOTP', 'HOTP']);

/** Parses the (decrypted or plain) entry array; an entry's `tags` become its Faktor groups (andOTP has no favourites). */
export function parseAndOtp(json: unknown): ParsedImport {
  if (!Array.isArray(json)) throw damaged('not an andOTP entry list');
  return collect(json, (e) => {
    const type = text(e, 'type').toUpperCase();
    let issuer = text(e, 'issuer');
    let label = text(e, 'label');
    // Backups older than andOTP 0.6.3 had no issuer field and wrote "Issuer - account" as label.
    if (!('issuer' in e)) {
      const at = label.indexOf(' - ');
      if (at > 0) [issuer, label] = [label.slice(0, at), label.slice(at + 3)];
    }
    if (!TYPES.has(type)) return unsupported(type.toLowerCase(), issuer, label);
    return {
      account: organised(
        account({
          type: type === 'HOTP' ? 'hotp' : 'totp',
          secret: text(e, 'secret'),
          algorithm: text(e, 'algorithm', 'SHA1'),
          digits: int(e, 'digits', 6),
          period: int(e, 'period', 30),
          counter: type === 'HOTP' ? int(e, 'counter') : 0,
          issuer,
          label,
        }),
        false,
        looseList(e.tags),
      ),
    };
  });
}
