/**
 * Account creation (§3), the account maximum (§2.5) and attribute capping (§5). The read model the
 * pages and the API show is in account-view.ts.
 */
import { DomainError } from './errors';
import { highestLevel, minLevel, type DataLevel, type MeansLevel } from '../../shared/levels';
import type {
  Account,
  AccountOutcome,
  Attribute,
  DomainEvent,
  Means,
  Session,
  SessionOutcome,
} from './model';
import { meansLevelFor, type DeletionRequirement, type MeansKind, type Policy } from './policy';

/** Input of account creation; the password hash and block-password hash stay in the store. */
export interface CreateAccountInput {
  readonly accountId: string;
  readonly username: string;
  /** Id for the username+password means the store keys the password hash by. */
  readonly passwordMeansId: string;
  /** Id of the creation session (§3/§4.2 "im Prozess der Erstellung"). */
  readonly sessionId: string;
  /** Self-entered attributes; all land at Basisregistrierung (§3). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Whether the user set a block password (required, §4.4). */
  readonly blockPasswordSet: boolean;
}

/** What the user must be told at creation about deletion (§7 last sentence). */
export interface DeletionNotice {
  readonly requirement: DeletionRequirement;
  /** The level deletion needs right now. */
  readonly levelNow: MeansLevel;
  /** Lock period before erasure, 0 = immediate. */
  readonly delayMs: number;
}

/** Result of createAccount: the account, its creation session (authenticated with the password) and the §7 notice. */
export interface CreateAccountResult extends SessionOutcome {
  readonly deletionNotice: DeletionNotice;
}

const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

/** Validates an attribute key (letters, digits, - and _; at most 64) so names are safe in every store and page. */
export function assertAttributeName(name: string): void {
  if (!ATTRIBUTE_NAME.test(name)) throw new DomainError('invalid-input', 'attribute name');
}

function assertId(id: string, what: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw new DomainError('invalid-input', what);
}

/** A fresh means record in the given status (internal constructor shared by §3 and §4.2). */
export function newMeans(
  id: string,
  kind: MeansKind,
  level: MeansLevel,
  now: number,
  pendingSessionId: string | null,
  label: string | null = null,
): Means {
  return {
    id,
    kind,
    level,
    status: pendingSessionId === null ? 'active' : 'pending',
    failedAttempts: 0,
    lastUsedAt: null,
    createdAt: now,
    pendingSessionId,
    blockedAt: null,
    blockedReason: null,
    removedAt: null,
    label,
  };
}

/**
 * §3: creates an account with self-entered attributes at Basisregistrierung, a username+password means
 * at the policy's password level (niedrig), a required block password, and the creation session already
 * authenticated with the password. Returns the §7 deletion notice the page must show.
 */
export function createAccount(
  input: CreateAccountInput,
  now: number,
  policy: Policy,
): CreateAccountResult {
  assertId(input.accountId, 'accountId');
  assertId(input.username, 'username');
  assertId(input.passwordMeansId, 'passwordMeansId');
  assertId(input.sessionId, 'sessionId');
  if (!input.blockPasswordSet) throw new DomainError('block-password-required');
  const attributes: Attribute[] = [];
  for (const [name, value] of Object.entries(input.attributes)) {
    assertAttributeName(name);
    if (typeof value !== 'string') throw new DomainError('invalid-input', 'attribute value');
    attributes.push({
      name,
      value,
      level: 'basisregistrierung',
      source: 'self-entered',
      verifiedAt: null,
      needsReconfirmation: false,
      provenance: 'account-creation',
    });
  }
  const password = newMeans(
    input.passwordMeansId,
    'password',
    meansLevelFor(policy, 'password'),
    now,
    null,
  );
  const account: Account = {
    id: input.accountId,
    username: input.username,
    createdAt: now,
    attributes,
    means: [{ ...password, lastUsedAt: now }],
    blockPasswordSet: true,
    eidPseudonym: null,
    eidPseudonymProvenance: null,
    deletion: null,
  };
  const session: Session = {
    id: input.sessionId,
    accountId: account.id,
    createdAt: now,
    lastActivityAt: now,
    authentications: [
      {
        meansId: password.id,
        via: 'means',
        grantedLevel: password.level,
        level: password.level,
        at: now,
      },
    ],
    endedAt: null,
  };
  const events: DomainEvent[] = [
    { type: 'account-created', at: now, accountId: account.id, level: password.level },
    {
      type: 'authenticated',
      at: now,
      accountId: account.id,
      sessionId: session.id,
      meansId: password.id,
      level: password.level,
    },
  ];
  return { account, session, events, deletionNotice: deletionNotice(account, policy) };
}

/** §2.5: highest level among ACTIVE means (pending, blocked, removed do not count); null if none is usable. */
export function accountMaxLevel(account: Account): MeansLevel | null {
  return highestLevel(account.means.filter((m) => m.status === 'active').map((m) => m.level));
}

/** The means with that id, or a DomainError('unknown-means'). */
export function findMeans(account: Account, meansId: string): Means {
  const m = account.means.find((x) => x.id === meansId);
  if (!m) throw new DomainError('unknown-means');
  return m;
}

/** The attribute with that name, or undefined. */
export function findAttribute(account: Account, name: string): Attribute | undefined {
  return account.attributes.find((a) => a.name === name);
}

/**
 * §5: an attribute is verified at most at the account's maximum. Applied at read time so a blocked
 * means lowers the usable level until it is unblocked; with no usable means everything reads as
 * Basisregistrierung.
 */
export function effectiveAttributeLevel(account: Account, attribute: Attribute): DataLevel {
  const max = accountMaxLevel(account);
  return max === null ? 'basisregistrierung' : minLevel(attribute.level, max);
}

/**
 * §5 downgrade made permanent (used on de-registration, §4.4: re-registration needs re-verification):
 * stores every attribute level capped at the current maximum and reports each change.
 */
export function capAttributesToMax(account: Account, now: number): AccountOutcome {
  const max: DataLevel = accountMaxLevel(account) ?? 'basisregistrierung';
  const events: DomainEvent[] = [];
  const attributes = account.attributes.map((a) => {
    const capped = minLevel(a.level, max);
    if (capped === a.level) return a;
    events.push({
      type: 'attribute-capped',
      at: now,
      accountId: account.id,
      attribute: a.name,
      from: a.level,
      level: capped,
    });
    return { ...a, level: capped };
  });
  return { account: { ...account, attributes }, events };
}

/** Emits 'account-max-level-changed' when a rule moved the maximum (§2.5 upgrade / §4.4 downgrade). */
export function maxLevelEvent(before: Account, after: Account, now: number): DomainEvent[] {
  const a = accountMaxLevel(before);
  const b = accountMaxLevel(after);
  return a === b
    ? []
    : [{ type: 'account-max-level-changed', at: now, accountId: after.id, from: a, level: b }];
}

/** Replaces one means by id (internal helper for immutable updates). */
export function withMeans(account: Account, means: Means): Account {
  return { ...account, means: account.means.map((m) => (m.id === means.id ? means : m)) };
}

/** Level deleting the account needs now (§7). */
export function deletionRequiredLevel(account: Account, policy: Policy): MeansLevel {
  if (policy.deletionRequirement !== 'account-max') return policy.deletionRequirement;
  return accountMaxLevel(account) ?? 'niedrig';
}

/** The §7 notice: which level deleting needs (rule and current value) and the lock period. */
export function deletionNotice(account: Account, policy: Policy): DeletionNotice {
  return {
    requirement: policy.deletionRequirement,
    levelNow: deletionRequiredLevel(account, policy),
    delayMs: policy.deletionDelayMs,
  };
}

/** §4.2: drops pending means older than the policy's TTL (they can no longer be confirmed anyway). */
export function pruneAccount(account: Account, now: number, policy: Policy): AccountOutcome {
  const events: DomainEvent[] = [];
  const means = account.means.filter((m) => {
    const stale = m.status === 'pending' && now - m.createdAt >= policy.pendingMeansTtlMs;
    if (stale)
      events.push({
        type: 'means-pending-discarded',
        at: now,
        accountId: account.id,
        meansId: m.id,
        reason: 'expired',
      });
    return !stale;
  });
  return { account: { ...account, means }, events };
}
