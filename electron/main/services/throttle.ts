import { z } from 'zod';
import { FaktorError } from '../../../shared/errors';
import type { Clock } from '../ports';
import { readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * Brute-force brake for the app password: after FREE_FAILURES wrong guesses every further attempt
 * must wait a doubling delay (1 s, 2 s, 4 s … capped at 5 min). The count is persisted so quitting
 * and restarting the app does not reset it. (It slows guessing through the UI; someone who can read
 * the keychain item must still pay Argon2id per guess.)
 */
export interface UnlockThrottle {
  /** Throws 'too-many-attempts' (params.retryAfterSeconds) when the next attempt is not allowed yet. */
  check(): Promise<void>;
  recordFailure(): Promise<void>;
  recordSuccess(): Promise<void>;
}

const FREE_FAILURES = 3;
const MAX_DELAY_MS = 5 * 60_000;
const State = z.object({ failures: z.number().int().min(0), notBefore: z.number() });
type State = z.infer<typeof State>;

/** Delay imposed after the given number of consecutive failures. */
export function unlockDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES));
}

/** A throttle whose state lives in `path` (plain JSON: a count and a time, nothing secret). */
export function createUnlockThrottle(path: string, clock: Clock): UnlockThrottle {
  let state: State | null = null;
  const load = async (): Promise<State> => {
    if (state) return state;
    const raw = await readFileIfExists(path);
    let parsed: State = { failures: 0, notBefore: 0 };
    if (raw) {
      try {
        parsed = State.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        // A damaged file must not lift the brake: treat it as the maximum delay from now.
        parsed = { failures: 20, notBefore: clock.now() + MAX_DELAY_MS };
      }
    }
    state = parsed;
    return parsed;
  };
  const save = async (next: State): Promise<void> => {
    await writeFileAtomic(path, JSON.stringify(next));
    state = next;
  };
  return {
    async check() {
      const s = await load();
      const wait = s.notBefore - clock.now();
      if (wait > 0)
        throw new FaktorError('too-many-attempts', undefined, {
          retryAfterSeconds: Math.ceil(wait / 1000),
        });
    },
    async recordFailure() {
      const s = await load();
      const failures = s.failures + 1;
      await save({ failures, notBefore: clock.now() + unlockDelayMs(failures) });
    },
    async recordSuccess() {
      const s = await load();
      if (s.failures !== 0 || s.notBefore !== 0) await save({ failures: 0, notBefore: 0 });
    },
  };
}
