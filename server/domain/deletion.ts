/**
 * Account deletion (§7): after authentication at the announced level; optionally after a lock period
 * during which no login is possible; afterwards nothing of the account remains.
 */
import { deletionRequiredLevel } from './account';
import { DomainError } from './errors';
import type { Account, DomainEvent, Session } from './model';
import type { Policy } from './policy';
import { isLocked, requireSessionLevel, touchSession } from './session';

/** Everything the store must erase for one account (§7: identity data, password hashes, pseudonyms, means). */
export interface ErasurePlan {
  readonly accountId: string;
  readonly username: string;
  /** Every means (credentials, TOTP seeds, WebAuthn keys, desktop-app keys, pending enrolments). */
  readonly meansIds: readonly string[];
  readonly attributeNames: readonly string[];
  readonly eidPseudonym: string | null;
  /** Always true: the block-password hash goes too. */
  readonly blockPassword: true;
  /** Always true: every session, pending verification, outbox message and challenge of the account goes too. */
  readonly allSessionsAndPendingItems: true;
}

/** Result of requestDeletion. */
export interface DeletionOutcome {
  /** The locked account to persist, or null when it is erased at once. */
  readonly account: Account | null;
  readonly session: Session;
  /** Erase now (delay 0); null while the lock period runs. */
  readonly erase: ErasurePlan | null;
  readonly events: readonly DomainEvent[];
}

/** The list of what to erase; internal to requestDeletion/eraseAccount. */
function plan(account: Account): ErasurePlan {
  return {
    accountId: account.id,
    username: account.username,
    meansIds: account.means.map((m) => m.id),
    attributeNames: account.attributes.map((a) => a.name),
    eidPseudonym: account.eidPseudonym,
    blockPassword: true,
    allSessionsAndPendingItems: true,
  };
}

/**
 * §7: the user deletes the account, authenticated at the level announced at creation
 * (deletionRequiredLevel). With policy.deletionDelayMs = 0 it returns the erasure plan at once;
 * otherwise the account is locked until eraseAt (no login, every session ends). This session ends too.
 */
export function requestDeletion(
  account: Account,
  session: Session,
  now: number,
  policy: Policy,
): DeletionOutcome {
  if (isLocked(account)) throw new DomainError('account-locked');
  const touched = touchSession(session, account, now, policy);
  requireSessionLevel(
    touched.session,
    account,
    deletionRequiredLevel(account, policy),
    now,
    policy,
  );
  const ended: Session = { ...touched.session, authentications: [], endedAt: now };
  const eraseAt = now + policy.deletionDelayMs;
  const events: DomainEvent[] = [
    ...touched.events,
    {
      type: 'deletion-requested',
      at: now,
      accountId: account.id,
      sessionId: session.id,
      reason: String(eraseAt),
    },
  ];
  if (policy.deletionDelayMs === 0) {
    return {
      account: null,
      session: ended,
      erase: plan(account),
      events: [...events, { type: 'account-erased', at: now, accountId: account.id }],
    };
  }
  return {
    account: { ...account, deletion: { requestedAt: now, eraseAt } },
    session: ended,
    erase: null,
    events,
  };
}

/** True when a locked account's period is over and eraseAccount should run (for the store's sweeper). */
export function dueForErasure(account: Account, now: number): boolean {
  return account.deletion !== null && now >= account.deletion.eraseAt;
}

/** §7: the erasure plan of an account whose lock period is over ('deletion-not-due' before). */
export function eraseAccount(
  account: Account,
  now: number,
): { readonly erase: ErasurePlan; readonly events: readonly DomainEvent[] } {
  if (!dueForErasure(account, now)) throw new DomainError('deletion-not-due');
  return {
    erase: plan(account),
    events: [{ type: 'account-erased', at: now, accountId: account.id }],
  };
}
