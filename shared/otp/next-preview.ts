import { FaktorError } from '../errors';
import { totpCode } from './generate';
import type { OtpParams } from './types';

/**
 * The next-code preview (issue #12): near the end of a TOTP period the list may show the code of the
 * next window, so a user typing slowly does not race the countdown. Main hands it out only inside the
 * preview window — the last third of the period (10 s of 30, 20 s of 60), at least 1 s — never earlier,
 * and never for HOTP (a counter code is not "next" in time; showing it would spend it). Pure, so main's
 * rule and the renderer's timing are one function, unit-tested with a fake clock.
 */

/** How long before a period's end the next code may be shown, in ms. */
export function previewLeadMs(periodSeconds: number): number {
  return Math.max(1, Math.floor(periodSeconds / 3)) * 1000;
}

/** The instant (ms) from which the next code of the period containing `nowMs` may be shown. */
export function previewOpensAt(periodSeconds: number, nowMs: number): number {
  const end = (Math.floor(Math.floor(nowMs / 1000) / periodSeconds) + 1) * periodSeconds * 1000;
  return end - previewLeadMs(periodSeconds);
}

/**
 * The next window's code at `nowMs`, or a typed refusal: `invalid-request` for HOTP, `code-not-due`
 * while more than the lead time of the current period is left.
 */
export function nextTotpCode(
  params: OtpParams,
  nowMs: number,
): { code: string; validFrom: number; validUntil: number } {
  if (params.type !== 'totp')
    throw new FaktorError('invalid-request', 'HOTP codes have no next window');
  if (nowMs < previewOpensAt(params.period, nowMs))
    throw new FaktorError('code-not-due', 'the next code shows only near the period end');
  return totpCode(params, totpCode(params, nowMs).validUntil);
}
