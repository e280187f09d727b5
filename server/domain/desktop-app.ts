/**
 * Rules of the desktop-app means (Faktor paired with this Servicekonto, docs/protocol.md): possession
 * of the device keys + knowledge of the PIN → at most substanziell, never hoch (policy cap). Pairing
 * needs the session level §4.2 demands for a means of that level; the enrollment token is single use
 * and short-lived; offline login codes expire quickly and count failures per means (3 → blocked).
 */
import { findMeans } from './account';
import { DomainError } from './errors';
import type { Account, AccountOutcome, Means, Session } from './model';
import { levelNeededFor, removeMeans, requireAnotherUsableMeans } from './means';
import { meansLevelFor, type Policy } from './policy';
import { isLocked, requireSessionLevel, touchSession } from './session';
import type { MeansLevel } from '../../shared/levels';

/** Lifetime of an enrollment token shown in the pairing QR (issue #9: ≤ 5 minutes). */
export const DESKTOP_ENROLLMENT_TTL_MS = 5 * 60_000;
/** Lifetime of an offline login QR / online approval request (issue #9: ≤ 2 minutes). */
export const DESKTOP_LOGIN_TTL_MS = 2 * 60_000;

/**
 * §4.2 check before showing a pairing QR: the session (touched at `now`) must reach the desktop-app
 * level, or the account maximum when that is lower. Returns the level the new means will get.
 */
export function mayPairDesktopApp(
  account: Account,
  session: Session,
  now: number,
  policy: Policy,
): MeansLevel {
  if (isLocked(account)) throw new DomainError('account-locked');
  const level = meansLevelFor(policy, 'desktop-app');
  if (level === 'hoch') throw new DomainError('invalid-policy', 'desktop app above substanziell');
  const touched = touchSession(session, account, now, policy);
  requireSessionLevel(touched.session, account, levelNeededFor(account, level), now, policy);
  return level;
}

/** True when an enrollment token may still enrol at `now`: unused, unexpired, its web session alive (§4.2 binding). */
export function enrollmentUsable(
  token: { readonly expiresAt: number; readonly usedAt: number | null; readonly sessionId: string },
  session: Session | undefined,
  now: number,
): boolean {
  return (
    token.usedAt === null &&
    now < token.expiresAt &&
    session !== undefined &&
    session.endedAt === null &&
    session.id === token.sessionId
  );
}

/** Desktop-app means that may answer an offline login or an approval for this account (active only). */
export function usableDesktopApps(account: Account): readonly Means[] {
  if (isLocked(account)) return [];
  return account.means.filter((m) => m.kind === 'desktop-app' && m.status === 'active');
}

/**
 * A paired desktop app removes itself (the user uninstalls or re-pairs it): proven by its device key,
 * so no session level is needed — it only gives up its own means. §2.5 still holds: the last usable
 * means of an account cannot go. Attribute levels are capped at the new maximum (§5), as in
 * deregisterMeans.
 */
export function removeOwnDesktopApp(
  account: Account,
  meansId: string,
  now: number,
): AccountOutcome {
  if (isLocked(account)) throw new DomainError('account-locked');
  const means = findMeans(account, meansId);
  if (means.kind !== 'desktop-app') throw new DomainError('not-applicable');
  if (means.status === 'removed') throw new DomainError('means-removed');
  requireAnotherUsableMeans(account, means);
  return removeMeans(account, means, now, { reason: 'device' });
}
