/** §4.3 session status for the overview ("active sessions with remaining time"): Table 2 read forward. */
import { authenticationLevelAt, countingAuthentications, sessionLevel } from './session';
import { lowerMeansLevel, maxLevel, type MeansLevel } from '../../shared/levels';
import type { Account, Session } from './model';
import type { Policy } from './policy';

/** Remaining time of a session's level, for the overview ("active sessions with remaining time"). */
export interface SessionStatus {
  readonly level: MeansLevel | null;
  /** When the current level drops (to a lower one or to none) if the user stays idle; null when no level. */
  readonly levelUntil: number | null;
  /** When the session has no valid authentication left if the user stays idle; null when no level. */
  readonly endsAt: number | null;
  /**
   * The level a Table 2 limit took away: the highest level granted to a still-counting authentication
   * that is now above the session level because of its time limits (not because its means was
   * blocked); null when nothing was downgraded or the session has no level.
   */
  readonly downgradedFrom: MeansLevel | null;
  /** Table 2 idle limit of the current level: when it lapses without further input; null when no level. */
  readonly idleUntil: number | null;
  /** Table 2 absolute limit of the current level (since its authentication), whatever the input; null when no level. */
  readonly absoluteUntil: number | null;
}

/** §4.3 status at `now`: current level, when it next drops, when everything has ended (assuming no further input). */
export function sessionStatus(
  session: Session,
  account: Account,
  now: number,
  policy: Policy,
): SessionStatus {
  const level = sessionLevel(session, account, now, policy);
  if (level === null)
    return {
      level: null,
      levelUntil: null,
      endsAt: null,
      downgradedFrom: null,
      idleUntil: null,
      absoluteUntil: null,
    };
  let levelUntil = 0;
  let endsAt = 0;
  let absoluteUntil = 0;
  let downgradedFrom: MeansLevel | null = null;
  for (const a of countingAuthentications(session, account)) {
    let l = authenticationLevelAt(a, session.lastActivityAt, now, policy);
    const first = l;
    if (first !== a.grantedLevel && maxLevel(a.grantedLevel, level) !== level)
      downgradedFrom = maxLevel(downgradedFrom, a.grantedLevel);
    while (l !== null) {
      const lim = policy.sessionLimits[l];
      const until = Math.min(a.at + lim.absoluteMs, session.lastActivityAt + lim.idleMs);
      if (l === level && l === first) {
        levelUntil = Math.max(levelUntil, until);
        absoluteUntil = Math.max(absoluteUntil, a.at + lim.absoluteMs);
      }
      endsAt = Math.max(endsAt, until);
      l = policy.timeoutMode === 'downgrade' ? lowerMeansLevel(l) : null;
    }
  }
  const idleUntil = session.lastActivityAt + policy.sessionLimits[level].idleMs;
  return { level, levelUntil, endsAt, downgradedFrom, idleUntil, absoluteUntil };
}
