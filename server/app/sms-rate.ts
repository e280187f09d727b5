/**
 * Rate limit for SMS the server sends (step-up / confirmation / unblock challenges and SMS-code
 * verifications). An SMS costs money and is an annoyance channel toward the phone's owner (ASVS 5.0
 * 2.4.1 anti-automation, 6.6.3 rate limiting of out-of-band codes). Counted from the outbox rows
 * themselves, so the limit needs no extra table and survives a restart.
 */
import type { OutboxRepo } from '../store/outbox-repo';
import { ThrottledError } from './throttle';

/** Tunables; the defaults are documented in docs/servicekonto.md. */
export interface SmsLimits {
  /** Minimum gap between two SMS of one session. */
  sessionIntervalMs: number;
  /** At most this many SMS per session within `windowMs`. */
  perSession: number;
  /** At most this many SMS per account within `windowMs` (all sessions together). */
  perAccount: number;
  windowMs: number;
}

/** 1 per 30 s and 5 per hour per session; 10 per hour per account. */
export const DEFAULT_SMS_LIMITS: SmsLimits = {
  sessionIntervalMs: 30_000,
  perSession: 5,
  perAccount: 10,
  windowMs: 3_600_000,
};

/** Throws ThrottledError (→ 429 + Retry-After) when sending one more SMS now would break a limit. */
export function checkSmsRate(
  outbox: OutboxRepo,
  owner: { accountId: string; sessionId: string },
  now: number,
  limits: SmsLimits = DEFAULT_SMS_LIMITS,
): void {
  const since = now - limits.windowMs;
  const bySession = outbox.sentAfter('sms', { sessionId: owner.sessionId }, since);
  const byAccount = outbox.sentAfter('sms', { accountId: owner.accountId }, since);
  let waitMs = 0;
  const last = bySession[bySession.length - 1];
  if (last !== undefined) waitMs = Math.max(waitMs, last + limits.sessionIntervalMs - now);
  if (bySession.length >= limits.perSession)
    waitMs = Math.max(
      waitMs,
      (bySession[bySession.length - limits.perSession] as number) + limits.windowMs - now,
    );
  if (byAccount.length >= limits.perAccount)
    waitMs = Math.max(
      waitMs,
      (byAccount[byAccount.length - limits.perAccount] as number) + limits.windowMs - now,
    );
  if (waitMs > 0) throw new ThrottledError(Math.ceil(waitMs / 1000));
}
