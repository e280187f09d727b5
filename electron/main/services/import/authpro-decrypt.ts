import { createDecipheriv } from 'node:crypto';
import { FaktorError } from '../../../../shared/errors';
import { damaged } from '../../../../shared/import/entry';
import { deriveKey, NODE_KDF, unseal, type KdfPrimitives } from '../crypto';
import { pbkdf2 } from './pbkdf2';
import { takeJson } from './plain-json';

/*
 * Authenticator Pro (now "Stratum") encrypted backups, per its doc/BACKUP_FORMAT.md: both variants
 * have FIXED parameters, so nothing in the file can raise the cost.
 * - current: "AUTHENTICATORPRO" ‖ salt (16) ‖ IV (12) ‖ AES-256-GCM(ciphertext ‖ tag), key =
 *   Argon2id(password, salt, t = 3, m = 64 MiB, p = 4, 32 bytes).
 * - legacy: "AuthenticatorPro" ‖ salt (20) ‖ IV (16) ‖ AES-256-CBC/PKCS7, key =
 *   PBKDF2-HMAC-SHA1(password, salt, 64 000, 32 bytes). CBC has no tag: a wrong password shows as
 *   bad padding or non-JSON and is reported as a wrong password.
 */

const STRONG = 'AUTHENTICATORPRO';
const LEGACY = 'AuthenticatorPro';

/** Decrypts either variant to the backup's JSON. */
export async function decryptAuthenticatorPro(
  bytes: Uint8Array,
  password: string,
  kdf: KdfPrimitives = NODE_KDF,
): Promise<unknown> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, 16).toString('latin1');
  if (head === STRONG) {
    if (buf.length < 16 + 16 + 12 + 16) throw damaged('too short');
    const salt = buf.subarray(16, 32).toString('base64');
    const key = await deriveKey(
      password,
      { name: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4, salt },
      kdf,
    );
    let plain: Buffer | null;
    try {
      plain = unseal(key, buf.subarray(32, 44), buf.subarray(44), Buffer.alloc(0));
    } finally {
      key.fill(0);
    }
    if (!plain) throw new FaktorError('backup-wrong-password');
    return takeJson(plain);
  }
  if (head !== LEGACY) throw damaged('not an Authenticator Pro backup');
  const body = buf.subarray(16 + 20 + 16);
  if (body.length === 0 || body.length % 16 !== 0) throw damaged('ciphertext length');
  const key = await pbkdf2(password, buf.subarray(16, 36), 64_000, 'sha1');
  let plain: Buffer;
  try {
    const d = createDecipheriv('aes-256-cbc', key, buf.subarray(36, 52));
    plain = Buffer.concat([d.update(body), d.final()]);
  } catch {
    throw new FaktorError('backup-wrong-password');
  } finally {
    key.fill(0);
  }
  try {
    return takeJson(plain);
  } catch {
    throw new FaktorError('backup-wrong-password');
  }
}
