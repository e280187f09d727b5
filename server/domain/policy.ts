/**
 * Operator policy: the configurable numbers and levels of the model, with the TR's caps enforced by
 * `validatePolicy` so a configuration can only be stricter than TR-03160-1, never looser.
 */
import { DomainError } from './errors';
import { atLeast, type MeansLevel } from '../../shared/levels';

/** Kinds of authentication means the server offers (ARCHITECTURE.md "reference Servicekonto server"). */
export const MEANS_KINDS = [
  'password',
  'password+totp',
  'password+sms',
  'password+security-key',
  'platform-authenticator',
  'desktop-app',
  'eid',
  'email-otp',
] as const;

/** One kind of authentication means. */
export type MeansKind = (typeof MEANS_KINDS)[number];

/** True when `s` is a known means kind (for parsing API input). */
export function isMeansKind(s: unknown): s is MeansKind {
  return typeof s === 'string' && (MEANS_KINDS as readonly string[]).includes(s);
}

/**
 * Highest level a kind may ever be configured to (TR-03107-1 criteria, anchors §1.3): a single factor
 * (password, e-mail) never reaches substanziell (G24); OTP/SMS/desktop app never hoch (OTP1, ARCHITECTURE);
 * a platform authenticator may be a synced passkey (SW1), so at most substanziell.
 */
export const MEANS_LEVEL_CAPS: Readonly<Record<MeansKind, MeansLevel>> = {
  password: 'niedrig',
  'password+totp': 'substanziell',
  'password+sms': 'substanziell',
  'password+security-key': 'hoch',
  'platform-authenticator': 'substanziell',
  'desktop-app': 'substanziell',
  eid: 'hoch',
  'email-otp': 'niedrig',
};

/** Ways an attribute can be verified outside an eID (§5.1, second case). */
export const VERIFICATION_METHODS = [
  'email-link',
  'email-code',
  'sms-code',
  'de-mail',
  'trusted-party',
] as const;

/** One asynchronous verification route (§5.1). */
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** Per-level Table 2 limits in milliseconds. */
export interface SessionLimit {
  /** "Beendigung nach Sitzungsdauer": time since the last authentication with the means. */
  readonly absoluteMs: number;
  /** "Beendigung nach Inaktivität": time since the last user input in the account. */
  readonly idleMs: number;
}

/** How level-based account deletion is announced and enforced (§7). */
export type DeletionRequirement = 'account-max' | MeansLevel;

/** Every configurable rule of the model. */
export interface Policy {
  /** Level each means kind gets when registered (§4.1). */
  readonly meansLevels: Readonly<Record<MeansKind, MeansLevel>>;
  /** Table 2 limits per means level (§4.3). */
  readonly sessionLimits: Readonly<Record<MeansLevel, SessionLimit>>;
  /** §4.3 alternative: 'downgrade' to a lower level counting elapsed time, or 'end' the authentication. */
  readonly timeoutMode: 'downgrade' | 'end';
  /** Highest level each verification route can give an attribute (§5.1, Tables 3/4). */
  readonly verificationCaps: Readonly<Record<VerificationMethod, MeansLevel>>;
  /** How long a sent link/code stays valid (§5.1 asynchronous verification). */
  readonly verificationTtlMs: number;
  /** How long an unconfirmed means may stay pending before it is pruned (§4.2). */
  readonly pendingMeansTtlMs: number;
  /** Consecutive wrong second-factor/PIN responses that block a means (issue #4 Security). */
  readonly maxFailedAttempts: number;
  /** Level deleting the account needs; 'account-max' = the account's maximum at deletion time (§7). */
  readonly deletionRequirement: DeletionRequirement;
  /** Lock period before erasure; 0 = immediate (§7 "vollständige Sperrung"). */
  readonly deletionDelayMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

/** TR-03160-1 Table 2, verbatim. */
export const TABLE_2_LIMITS: Readonly<Record<MeansLevel, SessionLimit>> = {
  niedrig: { absoluteMs: 12 * HOUR, idleMs: 60 * MIN },
  substanziell: { absoluteMs: 2 * HOUR, idleMs: 30 * MIN },
  hoch: { absoluteMs: 30 * MIN, idleMs: 5 * MIN },
};

/** Defaults per ARCHITECTURE.md and the TR. */
export const DEFAULT_POLICY: Policy = {
  meansLevels: {
    password: 'niedrig',
    'password+totp': 'substanziell',
    'password+sms': 'substanziell',
    'password+security-key': 'substanziell',
    'platform-authenticator': 'substanziell',
    'desktop-app': 'substanziell',
    eid: 'hoch',
    'email-otp': 'niedrig',
  },
  sessionLimits: TABLE_2_LIMITS,
  timeoutMode: 'downgrade',
  verificationCaps: {
    'email-link': 'niedrig',
    'email-code': 'niedrig',
    'sms-code': 'niedrig',
    'de-mail': 'substanziell',
    'trusted-party': 'hoch',
  },
  verificationTtlMs: 24 * HOUR,
  pendingMeansTtlMs: 15 * MIN,
  maxFailedAttempts: 3,
  deletionRequirement: 'account-max',
  deletionDelayMs: 0,
};

/** Caps on verification routes: e-mail and SMS confirm at most niedrig (§5.1, Table 3). */
const VERIFICATION_CAPS: Readonly<Record<VerificationMethod, MeansLevel>> = {
  'email-link': 'niedrig',
  'email-code': 'niedrig',
  'sms-code': 'niedrig',
  'de-mail': 'substanziell',
  'trusted-party': 'hoch',
};

/**
 * Checks that a policy is no looser than the TR: means levels within their caps, Table 2 limits not
 * longer than the TR's, verification caps within theirs, 1..3 failed attempts. Throws 'invalid-policy'.
 */
export function validatePolicy(p: Policy): Policy {
  for (const kind of MEANS_KINDS) {
    const l = p.meansLevels[kind];
    if (!atLeast(MEANS_LEVEL_CAPS[kind], l))
      throw new DomainError('invalid-policy', `${kind} above ${MEANS_LEVEL_CAPS[kind]}`);
  }
  for (const level of ['niedrig', 'substanziell', 'hoch'] as const) {
    const mine = p.sessionLimits[level];
    const tr = TABLE_2_LIMITS[level];
    if (!(
      mine.absoluteMs > 0 &&
      mine.idleMs > 0 &&
      mine.absoluteMs <= tr.absoluteMs &&
      mine.idleMs <= tr.idleMs
    )) {
      throw new DomainError('invalid-policy', `session limits for ${level} exceed Table 2`);
    }
  }
  for (const m of VERIFICATION_METHODS) {
    if (!atLeast(VERIFICATION_CAPS[m], p.verificationCaps[m]))
      throw new DomainError('invalid-policy', `${m} above ${VERIFICATION_CAPS[m]}`);
  }
  if (
    !Number.isInteger(p.maxFailedAttempts) ||
    p.maxFailedAttempts < 1 ||
    p.maxFailedAttempts > 3
  ) {
    throw new DomainError('invalid-policy', 'maxFailedAttempts must be 1..3');
  }
  if (!(p.verificationTtlMs > 0 && p.pendingMeansTtlMs > 0 && p.deletionDelayMs >= 0)) {
    throw new DomainError('invalid-policy', 'durations must be positive');
  }
  return p;
}

/** Builds a policy from defaults plus overrides and validates it (the server's config entry point). */
export function makePolicy(overrides: Partial<Policy> = {}): Policy {
  return validatePolicy({
    ...DEFAULT_POLICY,
    ...overrides,
    meansLevels: { ...DEFAULT_POLICY.meansLevels, ...overrides.meansLevels },
    sessionLimits: { ...DEFAULT_POLICY.sessionLimits, ...overrides.sessionLimits },
    verificationCaps: { ...DEFAULT_POLICY.verificationCaps, ...overrides.verificationCaps },
  });
}

/** Level a means of this kind gets under the policy (§4.1). */
export function meansLevelFor(policy: Policy, kind: MeansKind): MeansLevel {
  return policy.meansLevels[kind];
}

/** Kinds whose failures count toward blocking (a second factor or a PIN; the password is throttled instead). */
export function countsFailedAttempts(kind: MeansKind): boolean {
  return kind !== 'password';
}
