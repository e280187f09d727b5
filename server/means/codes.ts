/**
 * One-time codes sent out of band (SMS step-up, e-mail/De-Mail verification). 8 digits ≈ 26.6 bits
 * (ASVS 5.0 6.5.4: ≥ 20 bits), CSPRNG, valid 10 minutes (6.5.5), single use, stored only as a
 * SHA-256 hash bound to its purpose, and compared in constant time.
 */
import { randomInt, createHash, timingSafeEqual, randomBytes } from 'node:crypto';

/** Lifetime of an out-of-band code. */
export const OOB_CODE_TTL_MS = 10 * 60_000;

/** A fresh 8-digit code. */
export function newOobCode(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}

/** The stored form: SHA-256 over purpose and code, so a code for one purpose never fits another. */
export function hashCode(purpose: string, code: string): string {
  return createHash('sha256').update(`${purpose}\0${code}`).digest('base64url');
}

/** Constant-time comparison of a typed code against its stored hash. */
export function codeMatches(purpose: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(purpose, code));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A random URL-safe token of `bytes` bytes (session ids: 32 bytes = 256 bits ≥ ASVS 7.2.3's 128). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of a token, base64url; how session ids are stored. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
