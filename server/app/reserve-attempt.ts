/**
 * Reserving a throttled password attempt (throttle.ts) for the paths that check a typed username's
 * secret — login and the public block-password form — with the audit row when the throttle refuses.
 */
import type { AppContext } from './context';
import type { AuditEvent } from '../store/audit-repo';
import { ThrottledError, type Attempt } from './throttle';

/** What reserveAttempt uses of the AppContext: the login throttle, the audit log, the username tag. */
export type ReserveAttemptDeps = Pick<AppContext, 'throttle' | 'record' | 'usernameTag'>;

/**
 * Counts the attempt as a failure now, before the caller awaits the hash (refunded only by a success);
 * a refusal (ThrottledError, 429) is audited as `throttledEvent` under the name's keyed tag and rethrown.
 */
export function reserveAttempt(
  ctx: ReserveAttemptDeps,
  username: string,
  ip: string,
  throttledEvent: Extract<AuditEvent, 'login.throttled' | 'block-password.throttled'>,
): Attempt {
  try {
    return ctx.throttle.reserve(username, ip);
  } catch (e) {
    if (e instanceof ThrottledError)
      ctx.record(throttledEvent, null, ip, { usernameTag: ctx.usernameTag(username) });
    throw e;
  }
}
