import { FaktorError } from '../../../../shared/errors';
import { andOtpIterations } from '../../../../shared/import/detect';
import { damaged } from '../../../../shared/import/entry';
import { takeJson } from './plain-json';
import { unseal } from '../crypto';
import { pbkdf2 } from './pbkdf2';

/**
 * Highest PBKDF2 iteration count read from an andOTP file. andOTP writes 140 000–160 000; the cap
 * keeps a crafted header from pinning a libuv thread for minutes (1 M SHA-1 rounds ≈ 0.5 s here).
 */
export const ANDOTP_MAX_ITERATIONS = 1_000_000;
const SALT = 12;
const NONCE = 12;
const TAG = 16;

/**
 * Opens an andOTP encrypted backup (.json.aes, "new format" since andOTP 0.6.3):
 * iterations (int32 BE) ‖ salt (12) ‖ nonce (12) ‖ ciphertext ‖ tag (16), AES-256-GCM under
 * PBKDF2-HMAC-SHA1(password, salt, iterations, 32 bytes). The pre-0.6.3 format (key = SHA-256 of
 * the password, no header) is not read: it cannot be told apart from random bytes.
 */
export async function decryptAndOtp(bytes: Uint8Array, password: string): Promise<unknown> {
  const iterations = andOtpIterations(bytes);
  if (bytes.length < 4 + SALT + NONCE + TAG || iterations === null)
    throw damaged('not an andOTP encrypted backup');
  if (iterations > ANDOTP_MAX_ITERATIONS) throw damaged('kdf parameters out of range');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const key = await pbkdf2(password, buf.subarray(4, 4 + SALT), iterations, 'sha1');
  let plain: Buffer | null;
  try {
    plain = unseal(
      key,
      buf.subarray(4 + SALT, 4 + SALT + NONCE),
      buf.subarray(4 + SALT + NONCE),
      Buffer.alloc(0),
    );
  } finally {
    key.fill(0);
  }
  if (!plain) throw new FaktorError('backup-wrong-password');
  return takeJson(plain);
}
