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
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { nonce: Buffer; ciphertext: Buffer } {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, ciphertext };
}

/** AES-256-GCM decryption; null when the tag does not verify (wrong key or modified bytes). */
export function unseal(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, aad: Uint8Array): Buffer | null {
  if (key.length !== KEY_BYTES || nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
    return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
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
export const DEFAULT_KDF: KdfCost = { name: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };

/** Upper bounds accepted when READING params from a file, so a crafted backup cannot exhaust memory/CPU. */
const LIMITS = { memoryKiB: 1024 * 1024, iterations: 64, parallelism: 16, scryptN: 2 ** 20, scryptR: 32, scryptP: 16 };

/** True when the params are well-formed and within the limits above (min values per the algorithms). */
export function kdfParamsAcceptable(p: KdfParams): boolean {
  const salt = Buffer.from(p.salt, 'base64');
  if (salt.length < 16 || salt.length > 64) return false;
  const int = (n: number, min: number, max: number): boolean => Number.isSafeInteger(n) && n >= min && n <= max;
  if (p.name === 'argon2id') {
    return int(p.parallelism, 1, LIMITS.parallelism) && int(p.memoryKiB, 8 * p.parallelism, LIMITS.memoryKiB) && int(p.iterations, 1, LIMITS.iterations);
  }
  const pow2 = (n: number): boolean => (n & (n - 1)) === 0;
  return int(p.N, 2, LIMITS.scryptN) && pow2(p.N) && int(p.r, 1, LIMITS.scryptR) && int(p.p, 1, LIMITS.scryptP);
}

/** New params with a fresh 16-byte salt for the given cost. */
export function newKdfParams(cost: KdfCost): KdfParams {
  return { ...cost, salt: randomBytes(16).toString('base64') } as KdfParams;
}

const ARGON2ID = 2 as Algorithm;

/** Derives a 32-byte key from a password. Throws 'invalid-parameter' for params outside the limits. */
export async function deriveKey(password: string, params: KdfParams): Promise<Buffer> {
  if (!kdfParamsAcceptable(params)) throw new FaktorError('invalid-parameter', 'kdf parameters out of range');
  const salt = Buffer.from(params.salt, 'base64');
  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  try {
    if (params.name === 'argon2id') {
      return await hashRaw(pw, {
        algorithm: ARGON2ID,
        memoryCost: params.memoryKiB,
        timeCost: params.iterations,
        parallelism: params.parallelism,
        outputLen: KEY_BYTES,
        salt,
      });
    }
    const maxmem = 128 * params.N * params.r * params.p + 256 * params.r + 1024 * 1024;
    return await new Promise<Buffer>((resolve, reject) =>
      scryptCb(pw, salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    pw.fill(0);
  }
}
