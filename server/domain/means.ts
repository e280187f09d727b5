/**
 * Authentication means (§4.2 registration, §4.4 blocking / unblocking / de-registration) and the
 * failure counter that blocks a means after 3 consecutive wrong second-factor or PIN responses.
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
import type {
  Account,
  AccountOutcome,
  BlockReason,
  DomainEvent,
  Session,
  SessionAuthentication,
  SessionOutcome,
} from './model';
import { countsFailedAttempts, meansLevelFor, type MeansKind, type Policy } from './policy';
import { isLocked, requireSessionLevel, sessionLevel, touchSession } from './session';

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

/**
 * Who blocks a means (§4.4): a logged-in session at ANY level, the block password (verified by the
 * caller), or a paired desktop app (its device signature verified by the caller; `meansId` = that app).
 */
export type BlockActor =
  | { readonly via: 'session'; readonly session: Session }
  | { readonly via: 'block-password' }
  | { readonly via: 'device'; readonly meansId: string };

/**
 * §4.4: blocks a means without using it — from any authenticated session (even below the means'
 * level, even with another means) or with the block password on the public form. Pending or active
 * means can be blocked; blocking twice is a no-op. The maximum drops at once (§2.5), and attribute
 * levels read capped (§5) until unblocking.
 */
export function blockMeans(
  account: Account,
  meansId: string,
  actor: BlockActor,
  now: number,
  policy: Policy,
): AccountOutcome {
  if (actor.via === 'session' && sessionLevel(actor.session, account, now, policy) === null) {
    throw new DomainError(isLocked(account) ? 'account-locked' : 'not-authenticated');
  }
  if (actor.via === 'device') {
    const device = findMeans(account, actor.meansId);
    if (device.kind !== 'desktop-app' || device.status === 'removed' || device.status === 'pending')
      throw new DomainError('not-authenticated');
  }
  const means = findMeans(account, meansId);
  if (means.status === 'removed') throw new DomainError('means-removed');
  if (means.status === 'blocked') return { account, events: [] };
  return block(account, meansId, actor.via === 'block-password' ? 'block-password' : 'user', now);
}

/** §4.4 with the block password: blocks every usable means at once (the form need not know which is lost). */
export function blockAllMeans(account: Account, now: number): AccountOutcome {
  let acc = account;
  const events: DomainEvent[] = [];
  for (const m of account.means) {
    if (m.status !== 'active' && m.status !== 'pending') continue;
    const r = block(acc, m.id, 'block-password', now);
    acc = r.account;
    events.push(...r.events);
  }
  return { account: acc, events };
}

/** What the public block form names: one means by id, every means of a kind, or everything. */
export type BlockTarget = { readonly meansId: string } | { readonly kind: MeansKind | 'all' };

/**
 * §4.4 with the block password (verified by the caller): blocks every usable (active or pending)
 * means the target names. `blocked` is empty when the target names none — unknown id, a kind the
 * account does not have, or only blocked/removed ones — and the caller answers that like a wrong
 * block password, so the form reveals nothing about the account's means.
 */
export function blockWithBlockPassword(
  account: Account,
  target: BlockTarget,
  now: number,
): AccountOutcome & { readonly blocked: readonly string[] } {
  const hits = account.means.filter(
    (m) =>
      (m.status === 'active' || m.status === 'pending') &&
      ('meansId' in target
        ? m.id === target.meansId
        : target.kind === 'all' || m.kind === target.kind),
  );
  let acc = account;
  const events: DomainEvent[] = [];
  for (const m of hits) {
    const r = block(acc, m.id, 'block-password', now);
    acc = r.account;
    events.push(...r.events);
  }
  return { account: acc, events, blocked: hits.map((m) => m.id) };
}

function block(
  account: Account,
  meansId: string,
  reason: BlockReason,
  now: number,
): AccountOutcome {
  const means = findMeans(account, meansId);
  const after = withMeans(account, {
    ...means,
    status: 'blocked',
    blockedAt: now,
    blockedReason: reason,
    pendingSessionId: null,
  });
  return {
    account: after,
    events: [
      {
        type: 'means-blocked',
        at: now,
        accountId: account.id,
        meansId,
        reason,
        level: means.level,
      },
      ...maxLevelEvent(account, after, now),
    ],
  };
}

/**
 * §4.4 unblock: the session must be at ≥ the means' level WITHOUT it, and the caller must have just
 * verified the blocked means itself in this request. The means becomes active, its counter resets and
 * the authentication with it is added to the session.
 */
export function unblockMeans(
  account: Account,
  session: Session,
  meansId: string,
  now: number,
  policy: Policy,
): SessionOutcome {
  if (isLocked(account)) throw new DomainError('account-locked');
  const means = findMeans(account, meansId);
  if (means.status !== 'blocked') throw new DomainError('not-blocked');
  const touched = touchSession(session, account, now, policy);
  requireSessionLevel(touched.session, account, means.level, now, policy);
  const after = withMeans(account, {
    ...means,
    status: 'active',
    blockedAt: null,
    blockedReason: null,
    failedAttempts: 0,
    lastUsedAt: now,
  });
  const auth: SessionAuthentication = {
    meansId,
    via: 'means',
    grantedLevel: means.level,
    level: means.level,
    at: now,
  };
  return {
    account: after,
    session: {
      ...touched.session,
      authentications: [
        ...touched.session.authentications.filter((a) => a.meansId !== meansId),
        auth,
      ],
    },
    events: [
      ...touched.events,
      {
        type: 'means-unblocked',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        meansId,
        level: means.level,
      },
      ...maxLevelEvent(account, after, now),
      {
        type: 'authenticated',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        meansId,
        level: means.level,
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
  const others = account.means.filter(
    (m) => m.id !== meansId && (m.status === 'active' || m.status === 'blocked'),
  );
  if (means.status !== 'pending' && others.length === 0) throw new DomainError('last-means');
  if (means.kind === 'password') {
    const dependents = account.means.filter(
      (m) => m.id !== meansId && m.status !== 'removed' && dependsOnPassword(m.kind),
    ).length;
    if (dependents > 0)
      throw new DomainError('means-dependent', 'remove the password+… means first', { dependents });
  }
  const removed = withMeans(account, {
    ...means,
    status: 'removed',
    removedAt: now,
    pendingSessionId: null,
  });
  const capped = capAttributesToMax(removed, now);
  return {
    account: capped.account,
    session: touched.session,
    events: [
      ...touched.events,
      {
        type: 'means-removed',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        meansId,
        level: means.level,
      },
      ...maxLevelEvent(account, removed, now),
      ...capped.events,
    ],
  };
}

/**
 * A wrong second-factor or PIN response for this means (the caller answers with ONE generic error).
 * After policy.maxFailedAttempts (3) consecutive failures the means is blocked. Password-only failures
 * are throttled by the http layer instead ('not-applicable' here), so nobody can lock out a user by
 * guessing a username.
 */
export function recordFailedAttempt(
  account: Account,
  meansId: string,
  now: number,
  policy: Policy,
): AccountOutcome {
  const means = findMeans(account, meansId);
  if (!countsFailedAttempts(means.kind)) throw new DomainError('not-applicable');
  if (means.status === 'removed') throw new DomainError('means-removed');
  const failedAttempts = means.failedAttempts + 1;
  const events: DomainEvent[] = [
    {
      type: 'means-failed-attempt',
      at: now,
      accountId: account.id,
      meansId,
      reason: String(failedAttempts),
    },
  ];
  const counted = withMeans(account, { ...means, failedAttempts });
  if (means.status === 'blocked' || failedAttempts < policy.maxFailedAttempts)
    return { account: counted, events };
  const b = block(counted, meansId, 'failed-attempts', now);
  return { account: b.account, events: [...events, ...b.events] };
}
