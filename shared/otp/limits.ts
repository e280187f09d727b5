import { FaktorError } from '../errors';
import type { OtpAlgorithm, OtpParams } from './types';

/** Longest otpauth:// URI we parse; a real one is < 300 characters, so more is garbage or an attack. */
export const MAX_OTPAUTH_URI_LENGTH = 4096;
/** Longest otpauth-migration:// URI; one QR code holds < 3 KB, so a batch URI stays well below. */
export const MAX_MIGRATION_URI_LENGTH = 8192;
/** Shortest secret in bytes: any non-empty key, since we must compute whatever the server computes. */
export const MIN_SECRET_BYTES = 1;
/** Longest secret in bytes; real ones are 10–64, HMAC takes any length, this only bounds garbage. */
export const MAX_SECRET_BYTES = 1024;
/** Fewest digits; 6 is the common default. */
export const MIN_DIGITS = 6;
/** Most digits: 7 and 10 exist in the wild and must not be clamped; the 31-bit truncation ends at 10. */
export const MAX_DIGITS = 10;
/** Shortest TOTP period in seconds. */
export const MIN_PERIOD = 1;
/**
 * Longest TOTP period in seconds: one day. 30 and 60 are common; the vault has always stored at most
 * this, so the scanner refuses more instead of offering a code the vault would then refuse (issue #8).
 */
export const MAX_PERIOD = 86_400;
/** Longest issuer or account name in characters; a name is shown in one row, real ones are < 100. */
export const MAX_NAME_CHARS = 200;
/** The hash algorithms we compute, in the spelling of OtpParams. */
export const OTP_ALGORITHMS = [
  'SHA1',
  'SHA256',
  'SHA512',
] as const satisfies readonly OtpAlgorithm[];

/** Checks an OtpParams object against the limits above, so generation never runs on nonsense. */
export function checkOtpParams(p: OtpParams): void {
  if (p.type !== 'totp' && p.type !== 'hotp')
    throw new FaktorError('invalid-parameter', 'type', { name: 'type' });
  if (!OTP_ALGORITHMS.includes(p.algorithm))
    throw new FaktorError('invalid-parameter', 'algorithm', { name: 'algorithm' });
  if (!isIntIn(p.digits, MIN_DIGITS, MAX_DIGITS))
    throw new FaktorError('invalid-parameter', 'digits', { name: 'digits' });
  if (!isIntIn(p.period, MIN_PERIOD, MAX_PERIOD))
    throw new FaktorError('invalid-parameter', 'period', { name: 'period' });
  if (!isIntIn(p.counter, 0, Number.MAX_SAFE_INTEGER))
    throw new FaktorError('invalid-parameter', 'counter', { name: 'counter' });
  if (typeof p.issuer !== 'string' || typeof p.label !== 'string')
    throw new FaktorError('invalid-parameter', 'names', { name: 'label' });
  if (p.issuer.length > MAX_NAME_CHARS)
    throw new FaktorError('invalid-parameter', 'issuer', { name: 'issuer' });
  if (p.label.length > MAX_NAME_CHARS)
    throw new FaktorError('invalid-parameter', 'label', { name: 'label' });
  // Last, as in the URI parser: the scanner and the vault report the same first problem (issue #8).
  if (
    !(p.secret instanceof Uint8Array) ||
    p.secret.length < MIN_SECRET_BYTES ||
    p.secret.length > MAX_SECRET_BYTES
  ) {
    throw new FaktorError('invalid-secret', 'secret length');
  }
}

/** True when `n` is an integer in [min, max]. */
export function isIntIn(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}
