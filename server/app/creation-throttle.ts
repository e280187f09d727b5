/**
 * Rate limit for account creation per client address (issue #7 item 6): every attempt that passes the
 * input rules costs two Argon2id runs on the pool logins use, and each answer says whether a name is
 * free, so both CPU and username enumeration are bounded here. Counted before the slow work, in one
 * transaction with the check, like the login throttle's reserve().
 */
import type { Clock } from './clock';
import type { ThrottleRepo } from '../store/throttle-repo';
import { ThrottledError } from './throttle';

/** At most `max` creation attempts per client address within `windowMs`. */
export interface CreationLimit {
  readonly max: number;
  readonly windowMs: number;
}

/** 10 attempts per 15 minutes per address (documented in docs/servicekonto.md). */
export const DEFAULT_CREATION_LIMIT: CreationLimit = { max: 10, windowMs: 15 * 60_000 };

/** Counts account-creation attempts per client address. */
export class CreationThrottle {
  constructor(
    private readonly repo: ThrottleRepo,
    private readonly clock: Clock,
    private readonly limit: CreationLimit = DEFAULT_CREATION_LIMIT,
  ) {}

  /** Counts one attempt from `ip`, or throws ThrottledError (429 + Retry-After) once the window is full. */
  take(ip: string): void {
    const key = `create:${ip}`;
    this.repo.atomically(() => {
      const now = this.clock.now();
      let s = this.repo.get(key) ?? { failures: 0, windowStart: now, lockedUntil: 0 };
      if (now - s.windowStart >= this.limit.windowMs)
        s = { failures: 0, windowStart: now, lockedUntil: 0 };
      if (s.failures >= this.limit.max)
        throw new ThrottledError(
          Math.max(1, Math.ceil((s.windowStart + this.limit.windowMs - now) / 1000)),
        );
      this.repo.put(key, { ...s, failures: s.failures + 1 });
    });
  }
}
