import { NobleCryptoPlugin, createGuardrails, generateSync } from 'otplib';
import { FaktorError } from '../errors';
import {
  MAX_PERIOD,
  MAX_SECRET_BYTES,
  MIN_PERIOD,
  MIN_SECRET_BYTES,
  checkOtpParams,
} from './limits';
import type { OtpParams } from './types';

/*
 * Codes come from otplib v13's synchronous path (`generateSync`) with its pure-JS noble HMAC
 * plugin: no node:crypto, no WebCrypto promise, so the vault can render a thousand codes per
 * period in one tick and this file stays valid in shared/.
 *
 * otplib's default guardrails follow RFC 4226 R6 (secret ≥ 16 bytes) and cap the period at an
 * hour. Real accounts use 10-byte secrets (e.g. JBSWY3DPEHPK3PXP) and other periods, and an
 * authenticator must reproduce whatever the server computes, so the limits are widened to ours
 * (limits.ts); parsing already enforces them.
 */

const crypto = new NobleCryptoPlugin();
const guardrails = createGuardrails({ MIN_SECRET_BYTES, MAX_SECRET_BYTES, MIN_PERIOD, MAX_PERIOD });
const ALGORITHM = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;

/** The current TOTP code and the window [validFrom, validUntil) in ms in which it is shown. Synchronous. */
export function totpCode(
  params: OtpParams,
  nowMs: number,
): { code: string; validFrom: number; validUntil: number } {
  checkOtpParams(params);
  if (!Number.isFinite(nowMs) || nowMs < 0)
    throw new FaktorError('invalid-parameter', 'time', { name: 'nowMs' });
  const epoch = Math.floor(nowMs / 1000);
  const step = Math.floor(epoch / params.period);
  const code = run(() =>
    generateSync({
      strategy: 'totp',
      secret: params.secret,
      algorithm: ALGORITHM[params.algorithm],
      digits: params.digits,
      period: params.period,
      epoch,
      t0: 0,
      crypto,
      guardrails,
    }),
  );
  return {
    code,
    validFrom: step * params.period * 1000,
    validUntil: (step + 1) * params.period * 1000,
  };
}

/** The HOTP code for `counter` (RFC 4226); the caller decides when the counter moves. Synchronous. */
export function hotpCode(params: OtpParams, counter: number): string {
  checkOtpParams(params);
  if (!Number.isSafeInteger(counter) || counter < 0)
    throw new FaktorError('invalid-parameter', 'counter', { name: 'counter' });
  return run(() =>
    generateSync({
      strategy: 'hotp',
      secret: params.secret,
      algorithm: ALGORITHM[params.algorithm],
      digits: params.digits,
      counter,
      crypto,
      guardrails,
    }),
  );
}

/** otplib throws its own error classes; callers of shared/ only ever see FaktorError. */
function run(fn: () => string): string {
  try {
    return fn();
  } catch (e) {
    throw new FaktorError('invalid-parameter', e instanceof Error ? e.name : 'otplib');
  }
}
