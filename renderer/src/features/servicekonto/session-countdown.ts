/**
 * The live countdown of the browser-session list: the server says how many seconds each session had
 * left *as of the fetch*; the table counts them down once a second from there. Time is measured with a
 * monotonic clock (`performance.now()` in the app), so a wall-clock jump (NTP, the user changing the
 * time, a DST change) neither freezes nor skips the countdown. Plain TypeScript (no React) so the timing
 * is tested with fake timers.
 */

/** The two Table 2 timers of one session, in seconds left as of the fetch. */
export interface SessionTimers {
  idleRemainingSeconds: number;
  absoluteRemainingSeconds: number;
}

/** Seconds left now, `elapsedMs` after the fetch that reported `secondsAtFetch`; never below 0. */
export function secondsLeft(secondsAtFetch: number, elapsedMs: number): number {
  const elapsed = Math.max(0, Math.floor(elapsedMs / 1000));
  return Math.max(0, secondsAtFetch - elapsed);
}

/** True once either timer of a session has reached 0 (the session, at its level, is over). */
export function isExpired(timers: SessionTimers, elapsedMs: number): boolean {
  return (
    secondsLeft(timers.idleRemainingSeconds, elapsedMs) === 0 ||
    secondsLeft(timers.absoluteRemainingSeconds, elapsedMs) === 0
  );
}

/** What `startCountdown` needs: the fetched list, when it was fetched (monotonic ms), and what to call. */
export interface CountdownOptions {
  sessions: readonly SessionTimers[];
  /** The monotonic clock reading taken when the list arrived. */
  fetchedAt: number;
  /** The monotonic clock (`performance.now` in the app). */
  now: () => number;
  /** Called every second with the ms elapsed since the fetch. */
  onTick: (elapsedMs: number) => void;
  /**
   * Called once, the first time a session that still had time at the fetch runs out: the caller then
   * fetches the list again (and announces it). A session already at 0 in the fetched list does not
   * call it, so a server that keeps listing it cannot cause a refetch loop.
   */
  onExpired: () => void;
}

/** Starts the one interval for the whole table; returns the function that stops it (on unmount / new list). */
export function startCountdown({
  sessions,
  fetchedAt,
  now,
  onTick,
  onExpired,
}: CountdownOptions): () => void {
  const running = sessions.filter((s) => !isExpired(s, 0));
  let expiredCalled = false;
  const id = setInterval(() => {
    const elapsed = now() - fetchedAt;
    onTick(elapsed);
    if (!expiredCalled && running.some((s) => isExpired(s, elapsed))) {
      expiredCalled = true;
      onExpired();
    }
  }, 1000);
  return () => clearInterval(id);
}
