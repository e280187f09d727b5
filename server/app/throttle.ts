/**
 * Password-attempt throttling per username and per client IP (ASVS 5.0 6.3.1, 6.1.1).
 *
 * Per username: the first 5 failures are free, then each further failure locks the name for an
 * exponentially growing time (2 s, 4 s, … capped at 15 min). The lock is temporary on purpose, so an
 * attacker who knows a username cannot lock its owner out for good (malicious-lockout defence); a
 * successful login resets the counter. Keyed by the *typed* username whether or not the account
 * exists, so the 429 never reveals which names are registered.
 * Per IP: 50 failures within 15 minutes lock that address for the rest of the window.
 * Callers that await the password hash use `reserve()`: the attempt counts as a failure before the
 * await and is refunded on success, so concurrent guesses cannot all slip past the check.
 */
import type { Clock } from './clock';
import type { ThrottleRepo, ThrottleState } from '../store/throttle-repo';

/** Tunables; the defaults are documented in docs/servicekonto.md. */
export interface ThrottlePolicy {
  freeAccountFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  ipWindowMs: number;
  ipMaxFailures: number;
}

/** The defaults. */
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeAccountFailures: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  ipWindowMs: 15 * 60_000,
  ipMaxFailures: 50,
};

/** Raised (and mapped to 429 + Retry-After) while a key is locked. */
export class ThrottledError extends Error {
  override readonly name = 'ThrottledError';
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-attempts');
  }
}

/**
 * One password attempt that passed the throttle and is already counted as a failure. The caller
 * awaits the (slow) Argon2id check and then settles it: `succeed()` refunds it, anything else leaves
 * it counted. Counting before the await is what makes concurrent guesses see each other.
 */
export interface Attempt {
  /** The password was right: clear the username's counter and refund the IP's failure. */
  succeed(): void;
  /** The attempt failed (already counted; explicit for readability, does nothing more). */
  fail(): void;
}

/** Checks and records password failures. */
export class LoginThrottle {
  constructor(
    private readonly repo: ThrottleRepo,
    private readonly clock: Clock,
    /** Username → stored key part: the keyed tag (username-tag.ts), so no name is stored (§7). */
    private readonly tag: (username: string) => string,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** Throws ThrottledError if either the username or the IP is currently locked. */
  check(username: string, ip: string): void {
    const now = this.clock.now();
    const wait = Math.max(
      this.lockedFor(this.accountKey(username), now),
      this.lockedFor(ipKey(ip), now),
    );
    if (wait > 0) throw new ThrottledError(Math.ceil(wait / 1000));
  }

  /**
   * Check and count in one synchronous step, BEFORE the caller awaits the password hash: the attempt
   * is recorded as a failure up front, so N concurrent guesses are N failures the moment they start
   * and the (allowance + 1)-th one in flight already finds the name locked. (Checking first and
   * counting after the await let 40 simultaneous guesses all pass the check.) A success refunds it.
   */
  reserve(username: string, ip: string): Attempt {
    const ipWindow = this.repo.atomically(() => {
      this.check(username, ip);
      this.fail(username, ip);
      return this.repo.get(ipKey(ip))?.windowStart;
    });
    let settled = false;
    return {
      succeed: () => {
        if (settled) return;
        settled = true;
        this.repo.atomically(() => {
          this.succeed(username);
          this.refundIp(ip, ipWindow);
        });
      },
      fail: () => {
        settled = true;
      },
    };
  }

  /** Counts one failed password attempt against both keys. */
  fail(username: string, ip: string): void {
    const now = this.clock.now();
    const a = this.repo.get(this.accountKey(username)) ?? {
      failures: 0,
      windowStart: now,
      lockedUntil: 0,
    };
    a.failures += 1;
    const over = a.failures - this.policy.freeAccountFailures;
    if (over > 0)
      a.lockedUntil =
        now +
        Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** Math.min(over - 1, 30));
    this.repo.put(this.accountKey(username), a);

    let i: ThrottleState = this.repo.get(ipKey(ip)) ?? {
      failures: 0,
      windowStart: now,
      lockedUntil: 0,
    };
    if (now - i.windowStart >= this.policy.ipWindowMs)
      i = { failures: 0, windowStart: now, lockedUntil: 0 };
    i.failures += 1;
    if (i.failures >= this.policy.ipMaxFailures)
      i.lockedUntil = i.windowStart + this.policy.ipWindowMs;
    this.repo.put(ipKey(ip), i);
  }

  /** Resets the username's counter after a successful password check (the IP window stays). */
  succeed(username: string): void {
    if (this.repo.get(this.accountKey(username))) this.repo.clear(this.accountKey(username));
  }

  /** Drops the username's counter (§7: the name of an erased account must not remain in the store). */
  forget(username: string): void {
    this.repo.clear(this.accountKey(username));
  }

  /** Takes back the failure a successful attempt reserved against its IP (successes never count there). */
  private refundIp(ip: string, windowStart: number | undefined): void {
    const i = this.repo.get(ipKey(ip));
    if (!i || i.failures === 0 || i.windowStart !== windowStart) return; // that window is over anyway
    i.failures -= 1;
    if (i.failures < this.policy.ipMaxFailures) i.lockedUntil = 0;
    this.repo.put(ipKey(ip), i);
  }

  private lockedFor(key: string, now: number): number {
    const s = this.repo.get(key);
    return s ? Math.max(0, s.lockedUntil - now) : 0;
  }

  private accountKey(username: string): string {
    return `acct:${this.tag(username)}`;
  }
}

function ipKey(ip: string): string {
  return `ip:${ip}`;
}
