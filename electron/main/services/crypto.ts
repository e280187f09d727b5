import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { hashRaw, type Algorithm } from '@node-rs/argon2';
import { FaktorError } from '../../../shared/errors';

/**
 * The few crypto primitives the vault and the backup use: AES-256-GCM (Node's OpenSSL binding) and a
 * password KDF (Argon2id via @node-rs/argon2; scrypt via Node for reading backups made with it).
 * Nothing here is hand-rolled; this file only fixes parameters and byte layouts in one place.
 */

/** 32 bytes: AES-256. */
export const KEY_BYTES = 32;
/** 96-bit GCM nonce, random per encryption (NIST SP 800-38D §8.2.2). */
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Fresh random bytes from the OS CSPRNG. */
export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** AES-256-GCM encryption with a fresh random nonce; ciphertext is `ct || tag`. */
export function seal(
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): { nonce: Buffer; ciphertext: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, ciphertext };
}

/** AES-256-GCM decryption; null when the tag does not verify (wrong key or modified bytes). */
export function unseal(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Buffer | null {
  if (key.length !== KEY_BYTES || nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES)
    return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}

/** Password KDF parameters as stored next to the data they protect (salt Base64). */
export type KdfParams =
  | { name: 'argon2id'; memoryKiB: number; iterations: number; parallelism: number; salt: string }
  | { name: 'scrypt'; N: number; r: number; p: number; salt: string };

/** KDF cost without the salt: what a caller chooses. */
export type KdfCost =
  | Omit<Extract<KdfParams, { name: 'argon2id' }>, 'salt'>
  | Omit<Extract<KdfParams, { name: 'scrypt' }>, 'salt'>;

/**
 * Production cost: Argon2id, 64 MiB, 3 passes, 1 lane (RFC 9106 §4 second recommendation, with one
 * lane because Electron's main process should not hog every core). About 0.1–0.3 s on a laptop.
 * Tests pass a cheaper cost explicitly (never by changing this).
 */
export const DEFAULT_KDF: KdfCost = {
  name: 'argon2id',
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
};

/**
 * Upper bounds accepted when READING params from a file (backup, keychain item), so a crafted file
 * cannot exhaust the memory or CPU of the Electron main process, where derivation runs. Checked before
 * anything is derived; docs/backup-format.md states them.
 * - Argon2id: memory ≤ 256 MiB, memory × passes ≤ 4 × DEFAULT_KDF's (4 × 64 MiB × 3), ≤ 64 passes,
 *   ≤ 4 lanes (more lanes only add threads, not safety, for a file the user picked).
 * - scrypt: 128·N·r·p ≤ 256 MiB (memory is 128·N·r, the work N·r·p), N a power of two ≤ 2²⁰, r ≤ 32,
 *   p ≤ 16; and Node's own guard `maxmem` is the FIXED SCRYPT_MAXMEM_BYTES, never computed from the
 *   params (a computed maxmem never fires).
 */
export const KDF_LIMITS = {
  argon2MemoryKiB: 256 * 1024,
  argon2MemoryPasses: 4 * 64 * 1024 * 3,
  argon2Iterations: 64,
  argon2Parallelism: 4,
  scryptBytes: 256 * 1024 * 1024,
  scryptN: 2 ** 20,
  scryptR: 32,
  scryptP: 16,
} as const;

/**
 * scrypt's `maxmem` for Node/OpenSSL: the 256 MiB bound plus 1 MiB for OpenSSL's extra 128·r·(p+2)
 * bytes (≤ 74 KiB within the limits), so every accepted parameter set derives and nothing bigger can.
 */
export const SCRYPT_MAXMEM_BYTES = KDF_LIMITS.scryptBytes + 1024 * 1024;

/** True when the params are well-formed and within KDF_LIMITS (min values per the algorithms). */
export function kdfParamsAcceptable(p: KdfParams): boolean {
  const salt = Buffer.from(p.salt, 'base64');
  if (salt.length < 16 || salt.length > 64) return false;
  const int = (n: number, min: number, max: number): boolean =>
    Number.isSafeInteger(n) && n >= min && n <= max;
  if (p.name === 'argon2id') {
    return (
      int(p.parallelism, 1, KDF_LIMITS.argon2Parallelism) &&
      int(p.memoryKiB, 8 * p.parallelism, KDF_LIMITS.argon2MemoryKiB) &&
      int(p.iterations, 1, KDF_LIMITS.argon2Iterations) &&
      p.memoryKiB * p.iterations <= KDF_LIMITS.argon2MemoryPasses
    );
  }
  const pow2 = (n: number): boolean => (n & (n - 1)) === 0;
  return (
    int(p.N, 2, KDF_LIMITS.scryptN) &&
    pow2(p.N) &&
    int(p.r, 1, KDF_LIMITS.scryptR) &&
    int(p.p, 1, KDF_LIMITS.scryptP) &&
    128 * p.N * p.r * p.p <= KDF_LIMITS.scryptBytes
  );
}

/** New params with a fresh 16-byte salt for the given cost. */
export function newKdfParams(cost: KdfCost): KdfParams {
  return { ...cost, salt: randomBytes(16).toString('base64') } as KdfParams;
}

const ARGON2ID = 2 as Algorithm;

/** The raw KDF primitives deriveKey calls; injectable so tests can prove a refusal never reaches them. */
export interface KdfPrimitives {
  argon2id(pw: Buffer, salt: Buffer, p: Extract<KdfParams, { name: 'argon2id' }>): Promise<Buffer>;
  scrypt(
    pw: Buffer,
    salt: Buffer,
    p: Extract<KdfParams, { name: 'scrypt' }>,
    maxmem: number,
  ): Promise<Buffer>;
}

/** Production primitives: @node-rs/argon2 and Node's scrypt. */
export const NODE_KDF: KdfPrimitives = {
  argon2id: (pw, salt, p) =>
    hashRaw(pw, {
      algorithm: ARGON2ID,
      memoryCost: p.memoryKiB,
      timeCost: p.iterations,
      parallelism: p.parallelism,
      outputLen: KEY_BYTES,
      salt,
    }),
  scrypt: (pw, salt, p, maxmem) =>
    new Promise<Buffer>((resolve, reject) =>
      scryptCb(pw, salt, KEY_BYTES, { N: p.N, r: p.r, p: p.p, maxmem }, (err, key) =>
        err ? reject(err) : resolve(key),
      ),
    ),
};

/**
 * Derives a 32-byte key from a password. Params outside KDF_LIMITS throw 'invalid-parameter' before
 * any memory is allocated (callers reading files check kdfParamsAcceptable first for their own code).
 */
export async function deriveKey(
  password: string,
  params: KdfParams,
  kdf: KdfPrimitives = NODE_KDF,
): Promise<Buffer> {
  if (!kdfParamsAcceptable(params))
    throw new FaktorError('invalid-parameter', 'kdf parameters out of range');
  const salt = Buffer.from(params.salt, 'base64');
  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  try {
    if (params.name === 'argon2id') return await kdf.argon2id(pw, salt, params);
    return await kdf.scrypt(pw, salt, params, SCRYPT_MAXMEM_BYTES);
  } finally {
    pw.fill(0);
  }
}
