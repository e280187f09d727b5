/**
 * Verification of attributes (§5, §5.1): the user's own entries, the routes that confirm a value by
 * link or code (e-mail, SMS, De-Mail, trusted party), and settling the attributes the eID takeover
 * flagged for re-confirmation. The eID takeover itself is in eid-verification.ts, the minimum data
 * set in minimum-data-set.ts.
 */
import { accountMaxLevel, assertAttributeName, findAttribute } from './account';
import { putAttribute } from './attribute-write';
import { DomainError } from './errors';
import { minLevel, type MeansLevel } from '../../shared/levels';
import type { Account, AccountOutcome, DomainEvent, Session, SessionOutcome } from './model';
import { isMdsAttribute } from './minimum-data-set';
import type { Policy, VerificationMethod } from './policy';
import { isLocked, requireSessionLevel, touchSession } from './session';

/**
 * §3/§5: the user enters or edits an attribute himself (logged in at any level); it is stored at
 * Basisregistrierung. Re-entering an identical value keeps its level.
 */
export function setSelfEnteredAttribute(
  account: Account,
  session: Session,
  name: string,
  value: string,
  now: number,
  policy: Policy,
): SessionOutcome {
  assertAttributeName(name);
  const touched = touchSession(session, account, now, policy);
  const sLevel = requireSessionLevel(touched.session, account, 'niedrig', now, policy);
  const old = findAttribute(account, name);
  if (old && old.value === value)
    return { account, session: touched.session, events: touched.events };
  const put = putAttribute(account, name, value, 'basisregistrierung', 'self-entered', now, sLevel);
  return {
    account: put.account,
    session: touched.session,
    events: [
      ...touched.events,
      {
        type: 'attribute-set',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        attribute: name,
        level: 'basisregistrierung',
      },
    ],
  };
}

/** A sent link or code waiting for confirmation (the store keeps it next to the code's hash; single use). */
export interface PendingVerification {
  readonly accountId: string;
  readonly sessionId: string;
  readonly attribute: string;
  readonly value: string;
  readonly method: VerificationMethod;
  /** Level fixed when the user entered the value: min(route cap, session level, account max) (§5.1). */
  readonly level: MeansLevel;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** Input of startVerification. */
export interface StartVerificationInput {
  readonly attribute: string;
  readonly value: string;
  readonly method: VerificationMethod;
  /** For 'trusted-party' only: the level the party's evidence reaches. */
  readonly attestedLevel?: MeansLevel;
}

/**
 * §5.1 second case, step 1: the logged-in user enters a value to verify. The level it can reach is
 * fixed now as min(route cap — e-mail/SMS niedrig, De-Mail substanziell —, session level, account max);
 * the confirmation may then arrive asynchronously (completeVerification).
 */
export function startVerification(
  account: Account,
  session: Session,
  input: StartVerificationInput,
  now: number,
  policy: Policy,
): PendingVerification {
  assertAttributeName(input.attribute);
  if (isMdsAttribute(input.attribute) && input.method !== 'trusted-party')
    throw new DomainError(
      'not-applicable',
      'the minimum data set is verified by eID or a trusted party',
    );
  if (isLocked(account)) throw new DomainError('account-locked');
  const touched = touchSession(session, account, now, policy);
  const sLevel = requireSessionLevel(touched.session, account, 'niedrig', now, policy);
  let cap: MeansLevel = policy.verificationCaps[input.method];
  if (input.method === 'trusted-party') {
    if (!input.attestedLevel) throw new DomainError('invalid-input', 'attestedLevel');
    cap = minLevel(cap, input.attestedLevel);
  }
  const level = minLevel(minLevel(cap, sLevel), accountMaxLevel(account) ?? 'niedrig');
  return {
    accountId: account.id,
    sessionId: session.id,
    attribute: input.attribute,
    value: input.value,
    method: input.method,
    level,
    createdAt: now,
    expiresAt: now + policy.verificationTtlMs,
  };
}

/**
 * §5.1 second case, step 2: the link was followed / the code entered. Stores the attribute at the
 * pending level, capped by the account maximum at this moment (§5). The store must delete the pending
 * verification afterwards (single use).
 */
export function completeVerification(
  account: Account,
  pending: PendingVerification,
  now: number,
): AccountOutcome {
  if (pending.accountId !== account.id)
    throw new DomainError('invalid-input', 'verification of another account');
  if (isLocked(account)) throw new DomainError('account-locked');
  if (now >= pending.expiresAt) throw new DomainError('verification-expired');
  const level = minLevel(pending.level, accountMaxLevel(account) ?? 'basisregistrierung');
  // The pending level is ≤ the level of the session that entered the value: a safe lower bound of it.
  const put = putAttribute(
    account,
    pending.attribute,
    pending.value,
    level,
    pending.method,
    now,
    pending.level,
  );
  const stored = findAttribute(put.account, pending.attribute);
  return {
    account: put.account,
    events: [
      {
        type: 'attribute-verified',
        at: now,
        accountId: account.id,
        attribute: pending.attribute,
        level: stored?.level ?? level,
        reason: pending.method,
      },
    ],
  };
}

/** §5.1: the user confirms flagged attributes as his (clears the flag; levels stay as they are). */
export function confirmAttributes(
  account: Account,
  session: Session,
  names: readonly string[],
  now: number,
  policy: Policy,
): SessionOutcome {
  return settleFlags(account, session, names, now, policy, 'attribute-confirmed');
}

/** §5.1: the user rejects flagged attributes ("not mine"): they are deleted from the account. Unflagged names are refused ('not-applicable'). */
export function rejectAttributes(
  account: Account,
  session: Session,
  names: readonly string[],
  now: number,
  policy: Policy,
): SessionOutcome {
  return settleFlags(account, session, names, now, policy, 'attribute-rejected');
}

function settleFlags(
  account: Account,
  session: Session,
  names: readonly string[],
  now: number,
  policy: Policy,
  type: 'attribute-confirmed' | 'attribute-rejected',
): SessionOutcome {
  const touched = touchSession(session, account, now, policy);
  requireSessionLevel(touched.session, account, 'niedrig', now, policy);
  for (const n of names)
    if (!findAttribute(account, n)) throw new DomainError('unknown-attribute', n);
  // Only attributes the eID takeover flagged are settled here; anything else is not a re-confirmation.
  for (const n of names)
    if (!findAttribute(account, n)?.needsReconfirmation)
      throw new DomainError('not-applicable', `${n} is not awaiting re-confirmation`);
  const set = new Set(names);
  const attributes =
    type === 'attribute-rejected'
      ? account.attributes.filter((a) => !set.has(a.name))
      : account.attributes.map((a) => (set.has(a.name) ? { ...a, needsReconfirmation: false } : a));
  const events: DomainEvent[] = names.map((n) => ({
    type,
    at: now,
    accountId: account.id,
    sessionId: session.id,
    attribute: n,
  }));
  return {
    account: { ...account, attributes },
    session: touched.session,
    events: [...touched.events, ...events],
  };
}
