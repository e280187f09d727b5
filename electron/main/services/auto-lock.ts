import type { Clock } from '../ports';

/**
 * Locks the vault after a stretch without user activity. A timer does it proactively (so the key
 * leaves memory even if nobody calls anything), and `check()` runs before every API call so a late
 * or suspended timer can never let a stale session through.
 */
export interface AutoLock {
  /** Records user activity now and restarts the countdown. */
  touch(): void;
  /** Locks if the idle time has passed; resolves after locking. */
  check(): Promise<void>;
  /** Re-reads the setting (call after it changed) and restarts the countdown. */
  reschedule(): void;
}

/** Wires the countdown to a clock, a minutes setting and the vault's lock. */
export function createAutoLock(o: {
  clock: Clock;
  /** Current idle limit in minutes; 0 = never. */
  minutes: () => number;
  /** True when there is something to lock (unlocked, with an app password). */
  canLock: () => boolean;
  lock: () => Promise<unknown>;
}): AutoLock {
  let last = o.clock.now();
  let cancel: (() => void) | null = null;
  const limitMs = (): number => o.minutes() * 60_000;
  const expired = (): boolean => limitMs() > 0 && o.clock.now() - last >= limitMs();

  const check = async (): Promise<void> => {
    if (expired() && o.canLock()) await o.lock();
  };
  const reschedule = (): void => {
    cancel?.();
    cancel = null;
    if (limitMs() <= 0) return;
    const remaining = Math.max(0, last + limitMs() - o.clock.now());
    cancel = o.clock.setTimer(remaining, () => {
      cancel = null;
      // Locking is best effort here; a failure (e.g. mid-write) is retried by the next check().
      void check().catch(() => undefined);
    });
  };
  return {
    touch() {
      last = o.clock.now();
      reschedule();
    },
    check,
    reschedule,
  };
}
