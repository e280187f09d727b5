/**
 * Blocking and unblocking of authentication means (§4.4) and the failure counter that blocks a means
 * after 3 consecutive wrong second-factor or PIN responses. Registration and de-registration are in
 * means.ts.
 */
import { findMeans, maxLevelEvent, withMeans } from './account';
import { DomainError } from './errors';
import type {
  Account,
  AccountOutcome,
  BlockReason,
  DomainEvent,
  Session,
  SessionAuthentication,
  SessionOutcome,
} from './model';
import { countsFailedAttempts, type MeansKind, type Policy } from './policy';
import { isLocked, requireSessionLevel, sessionLevel, touchSession } from './session';

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
