import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isExpired,
  secondsLeft,
  startCountdown,
} from '../../../../renderer/src/features/servicekonto/session-countdown';

describe('secondsLeft', () => {
  it('counts whole seconds down from the fetch and stops at 0', () => {
    expect(secondsLeft(90, 0)).toBe(90);
    expect(secondsLeft(90, 999)).toBe(90);
    expect(secondsLeft(90, 1000)).toBe(89);
    expect(secondsLeft(90, 89_999)).toBe(1);
    expect(secondsLeft(90, 90_000)).toBe(0);
    expect(secondsLeft(90, 5 * 3_600_000)).toBe(0);
  });

  it('treats a clock reading before the fetch as no time elapsed', () => {
    expect(secondsLeft(90, -5000)).toBe(90);
  });

  it('calls a session expired when either timer is at 0', () => {
    expect(isExpired({ idleRemainingSeconds: 3, absoluteRemainingSeconds: 100 }, 2000)).toBe(false);
    expect(isExpired({ idleRemainingSeconds: 3, absoluteRemainingSeconds: 100 }, 3000)).toBe(true);
    expect(isExpired({ idleRemainingSeconds: 300, absoluteRemainingSeconds: 2 }, 2000)).toBe(true);
  });
});

describe('startCountdown (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A monotonic clock the fake timers advance. */
  const clock = () => {
    const t0 = Date.now();
    return () => Date.now() - t0 + 10_000;
  };

  it('ticks once a second with the time since the fetch, and calls onExpired exactly once when a session runs out', () => {
    const now = clock();
    const ticks: number[] = [];
    const onExpired = vi.fn();
    const stop = startCountdown({
      sessions: [
        { idleRemainingSeconds: 3, absoluteRemainingSeconds: 7200 },
        { idleRemainingSeconds: 5, absoluteRemainingSeconds: 7200 },
      ],
      fetchedAt: now(),
      now,
      onTick: (ms) => ticks.push(ms),
      onExpired,
    });
    vi.advanceTimersByTime(2000);
    expect(ticks).toEqual([1000, 2000]);
    expect(onExpired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onExpired).toHaveBeenCalledTimes(1);
    // The second session running out later does not refetch again from the same list.
    vi.advanceTimersByTime(5000);
    expect(onExpired).toHaveBeenCalledTimes(1);
    expect(ticks).toHaveLength(8);
    stop();
  });

  it('measures from the fetch, not from the start of the interval (a late mount catches up)', () => {
    const now = clock();
    const fetchedAt = now();
    vi.advanceTimersByTime(1500);
    const ticks: number[] = [];
    const onExpired = vi.fn();
    const stop = startCountdown({
      sessions: [{ idleRemainingSeconds: 2, absoluteRemainingSeconds: 60 }],
      fetchedAt,
      now,
      onTick: (ms) => ticks.push(ms),
      onExpired,
    });
    vi.advanceTimersByTime(1000);
    expect(ticks).toEqual([2500]);
    expect(onExpired).toHaveBeenCalledTimes(1);
    stop();
  });

  it('does not call onExpired for a session that was already at 0 when fetched (no refetch loop)', () => {
    const now = clock();
    const onExpired = vi.fn();
    const stop = startCountdown({
      sessions: [{ idleRemainingSeconds: 0, absoluteRemainingSeconds: 60 }],
      fetchedAt: now(),
      now,
      onTick: () => undefined,
      onExpired,
    });
    vi.advanceTimersByTime(30_000);
    expect(onExpired).not.toHaveBeenCalled();
    stop();
  });

  it('stops ticking once stopped (unmount), leaving no timer behind', () => {
    const now = clock();
    const onTick = vi.fn();
    const stop = startCountdown({
      sessions: [{ idleRemainingSeconds: 10, absoluteRemainingSeconds: 60 }],
      fetchedAt: now(),
      now,
      onTick,
      onExpired: () => undefined,
    });
    vi.advanceTimersByTime(1000);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(20_000);
    expect(onTick).toHaveBeenCalledTimes(1);
  });
});
