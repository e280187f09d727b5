/**
 * Authentication means: registration (§4.2) and de-registration (§4.4). Blocking, unblocking and the
 * failure counter are in means-blocking.ts.
 */
import {
  accountMaxLevel,
  capAttributesToMax,
  findMeans,
  maxLevelEvent,
  newMeans,
  withMeans,
} from './account';
import { DomainError } from './errors';
import { atLeast, minLevel, type MeansLevel } from '../../shared/levels';
import type { Account, AccountOutcome, DomainEvent, Means, Session, SessionOutcome } from './model';
import { meansLevelFor, type MeansKind, type Policy } from './policy';
import { isLocked, requireSessionLevel, touchSession } from './session';

/**
 * §4.2: level the session needs to register (or de-register) a means of `level`: the means' level, or
 * the account's current maximum if that is lower (upgrade path).
 */
export function levelNeededFor(account: Account, level: MeansLevel): MeansLevel {
  const max = accountMaxLevel(account);
  return max === null ? level : minLevel(level, max);
}

/** Input of registerMeans. */
export interface RegisterMeansInput {
  /** Id the store keys the credential by. */
  readonly meansId: string;
  readonly kind: MeansKind;
  /** Optional lower level than the policy's (e.g. a desktop app without a hardware-bound key); never higher. */
  readonly level?: MeansLevel;
  readonly label?: string | null;
}

/**
 * §4.2: registers a means as PENDING, bound to this session. Allowed only when the session is at ≥ the
 * means' level, or at the account's maximum if that is lower. A password+… kind needs the password
 * means (active or blocked) to exist ('not-applicable' once it was de-registered). It becomes active (and raises the maximum)
 * only when recordAuthentication confirms it in the same session.
 */
export function registerMeans(
  account: Account,
  session: Session,
  input: RegisterMeansInput,
  now: number,
  policy: Policy,
): SessionOutcome {
  if (isLocked(account)) throw new DomainError('account-locked');
  if (!input.meansId || account.means.some((m) => m.id === input.meansId))
    throw new DomainError('invalid-input', 'means id');
  const policyLevel = meansLevelFor(policy, input.kind);
  if (policyLevel === undefined) throw new DomainError('invalid-input', 'kind');
  if (input.level !== undefined && !atLeast(policyLevel, input.level))
    throw new DomainError('invalid-input', 'level above policy');
  const level = input.level ?? policyLevel;
  // Footnote 5: a password+… means counts only after the password; without one it could never be used.
  if (
    dependsOnPassword(input.kind) &&
    !account.means.some((m) => m.kind === 'password' && m.status !== 'removed')
  ) {
    throw new DomainError('not-applicable', 'password+… needs the password means');
  }
  const touched = touchSession(session, account, now, policy);
  requireSessionLevel(touched.session, account, levelNeededFor(account, level), now, policy);
  const means = newMeans(input.meansId, input.kind, level, now, session.id, input.label ?? null);
  return {
    account: { ...account, means: [...account.means, means] },
    session: touched.session,
    events: [
      ...touched.events,
      {
        type: 'means-registered',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        meansId: means.id,
        level,
      },
    ],
  };
}

/** Kinds that are a second factor on top of the password (TR-03160-1 footnote 5): useless without it. */
export function dependsOnPassword(kind: MeansKind): boolean {
  return kind.startsWith('password+');
}

/**
 * §4.4 de-registration: permanent. Needs the same level as registering it (§4.2; a user below that can
 * block instead). The last usable means cannot go (§2.5: every account keeps ≥ niedrig). The password
 * cannot go while a password+… means (pending, active or blocked) remains, since those count only
 * after the password (footnote 5): remove them first ('means-dependent', params.dependents = count).
 * Attribute levels are stored capped at the new maximum (§5 "Downgrade"), so re-registering needs
 * re-verification.
 */
export function deregisterMeans(
  account: Account,
  session: Session,
  meansId: string,
  now: number,
  policy: Policy,
): SessionOutcome {
  if (isLocked(account)) throw new DomainError('account-locked');
  const means = findMeans(account, meansId);
  if (means.status === 'removed') throw new DomainError('means-removed');
  const touched = touchSession(session, account, now, policy);
  requireSessionLevel(touched.session, account, levelNeededFor(account, means.level), now, policy);
  requireAnotherUsableMeans(account, means);
  if (means.kind === 'password') {
    const dependents = account.means.filter(
      (m) => m.id !== meansId && m.status !== 'removed' && dependsOnPassword(m.kind),
    ).length;
    if (dependents > 0)
      throw new DomainError('means-dependent', 'remove the password+… means first', { dependents });
  }
  const out = removeMeans(account, means, now, { sessionId: session.id });
  return { ...out, session: touched.session, events: [...touched.events, ...out.events] };
}

/** §2.5: a means that counts (not a pending one) cannot go while it is the account's last usable one. */
export function requireAnotherUsableMeans(account: Account, means: Means): void {
  const others = account.means.filter(
    (m) => m.id !== means.id && (m.status === 'active' || m.status === 'blocked'),
  );
  if (means.status !== 'pending' && others.length === 0) throw new DomainError('last-means');
}

/**
 * Marks `means` removed and caps the attribute levels at the account's new maximum (§5
 * "Downgrade"), so re-registering needs re-verification; `about` says who removed it (the session,
 * or `reason: 'device'` for an app that removed itself).
 */
export function removeMeans(
  account: Account,
  means: Means,
  now: number,
  about: Pick<DomainEvent, 'sessionId' | 'reason'>,
): AccountOutcome {
  const removed = withMeans(account, {
    ...means,
    status: 'removed',
    removedAt: now,
    pendingSessionId: null,
  });
  const capped = capAttributesToMax(removed, now);
  return {
    account: capped.account,
    events: [
      {
        type: 'means-removed',
        at: now,
        accountId: account.id,
        ...about,
        meansId: means.id,
        level: means.level,
      },
      ...maxLevelEvent(account, removed, now),
      ...capped.events,
    ],
  };
}
