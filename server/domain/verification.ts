/**
 * Verification of attributes (§5, §5.1), the eID takeover of the minimum data set (Table 5), and the
 * §4.5 verification of the minimum data set in place of an authentication.
 */
import { accountMaxLevel, assertAttributeName, findAttribute } from './account';
import { DomainError } from './errors';
import {
  atLeast,
  highestLevel,
  levelRank,
  minLevel,
  type DataLevel,
  type MeansLevel,
} from '../../shared/levels';
import type {
  Account,
  AccountOutcome,
  Attribute,
  AttributeSource,
  DomainEvent,
  Provenance,
  Session,
  SessionAuthentication,
  SessionOutcome,
} from './model';
import type { Policy, VerificationMethod } from './policy';
import { blockedEidPseudonym, isLocked, requireSessionLevel, touchSession } from './session';

/** Keys of the German minimum data set (§2.2) as stored attribute names. */
export const MDS_ATTRIBUTES = [
  'givenNames',
  'familyName',
  'birthName',
  'dateOfBirth',
  'placeOfBirth',
  'address',
] as const;
/** One minimum-data-set attribute key. */
export type MdsAttribute = (typeof MDS_ATTRIBUTES)[number];
/** MDS attributes that must exist for the §4.5 attribute path (birthName may legitimately be absent). */
const MDS_REQUIRED: readonly MdsAttribute[] = [
  'givenNames',
  'familyName',
  'dateOfBirth',
  'placeOfBirth',
  'address',
];

/** True for a minimum-data-set key. */
export function isMdsAttribute(name: string): name is MdsAttribute {
  return (MDS_ATTRIBUTES as readonly string[]).includes(name);
}

/** What an eID identification delivered (from the test provider or a real eID server). */
export interface EidResult {
  /** Service- and card-specific identifier (DKK), the "eindeutige Kennung" of §4.5 Nr. 1. */
  readonly pseudonym: string;
  /** Level of the identification (hoch for the German eID). */
  readonly level: MeansLevel;
  readonly attributes: Readonly<Partial<Record<MdsAttribute, string>>>;
}

/**
 * §4.5 reading (issue #7): a value or pseudonym counts for a substitute at `level` only when it is the
 * owner's — stored at account creation, or entered/changed/bound in a session at ≥ `level`.
 */
export function provenanceCounts(provenance: Provenance | null, level: MeansLevel): boolean {
  return provenance === 'account-creation' || (provenance !== null && atLeast(provenance, level));
}

/** The stronger of two provenances (re-confirming the SAME value never weakens it). */
function strongerProvenance(a: Provenance | null, b: Provenance): Provenance {
  if (a === 'account-creation' || b === 'account-creation') return 'account-creation';
  return a === null ? b : (highestLevel([a, b]) ?? b);
}

/** Writes one attribute; a re-verification of the SAME value never lowers its level or its provenance. */
function putAttribute(
  account: Account,
  name: string,
  value: string,
  level: DataLevel,
  source: AttributeSource,
  now: number,
  provenance: Provenance,
): { account: Account; changed: boolean; raised: boolean } {
  const old = findAttribute(account, name);
  let next: Attribute = {
    name,
    value,
    level,
    source,
    verifiedAt: level === 'basisregistrierung' ? null : now,
    needsReconfirmation: false,
    provenance,
  };
  if (old && old.value === value)
    next = { ...next, provenance: strongerProvenance(old.provenance, provenance) };
  if (old && old.value === value && levelRank(old.level) > levelRank(level))
    next = { ...old, needsReconfirmation: false, provenance: next.provenance };
  const raised = !old || levelRank(next.level) > levelRank(old.level);
  const changed =
    !old ||
    old.value !== next.value ||
    old.level !== next.level ||
    old.needsReconfirmation !== next.needsReconfirmation ||
    old.source !== next.source;
  const attributes = old
    ? account.attributes.map((a) => (a.name === name ? next : a))
    : [...account.attributes, next];
  return { account: { ...account, attributes }, changed, raised };
}

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

/**
 * §5.1 first case + Table 5: an eID identification bound to this session verifies the minimum data
 * set at min(eID level, session level, account max), overwriting those attributes with the eID's
 * values and storing the pseudonym. When an MDS attribute was raised or changed, every other attribute
 * is flagged for re-confirmation (§5.1 "zur Bestätigung vorgelegt").
 */
export function verifyWithEid(
  account: Account,
  session: Session,
  eid: EidResult,
  now: number,
  policy: Policy,
): SessionOutcome {
  if (!eid.pseudonym) throw new DomainError('invalid-input', 'pseudonym');
  if (isLocked(account)) throw new DomainError('account-locked');
  const touched = touchSession(session, account, now, policy);
  const sLevel = requireSessionLevel(touched.session, account, 'niedrig', now, policy);
  const level = minLevel(minLevel(eid.level, sLevel), accountMaxLevel(account) ?? 'niedrig');
  // The registered eID means is the stored card (bindEidCard); another card must not replace it.
  const hasEidMeans = account.means.some((m) => m.kind === 'eid' && m.status !== 'removed');
  if (hasEidMeans && account.eidPseudonym !== null && account.eidPseudonym !== eid.pseudonym)
    throw new DomainError('not-applicable', 'another card than the registered eID');
  let acc: Account = bindEidCard(account, eid.pseudonym, sLevel);
  const events: DomainEvent[] = [...touched.events];
  let raised = false;
  for (const name of MDS_ATTRIBUTES) {
    const value = eid.attributes[name];
    if (value === undefined) continue;
    const put = putAttribute(acc, name, value, level, 'eid', now, sLevel);
    acc = put.account;
    raised ||= put.raised || put.changed;
    events.push({
      type: 'attribute-verified',
      at: now,
      accountId: account.id,
      sessionId: session.id,
      attribute: name,
      level: findAttribute(acc, name)?.level ?? level,
      reason: 'eid',
    });
  }
  if (raised) {
    const flagged: string[] = [];
    acc = {
      ...acc,
      attributes: acc.attributes.map((a) => {
        if (isMdsAttribute(a.name) && eid.attributes[a.name] !== undefined) return a;
        flagged.push(a.name);
        return { ...a, needsReconfirmation: true };
      }),
    };
    if (flagged.length)
      events.push({
        type: 'attributes-need-reconfirmation',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        reason: flagged.join(','),
      });
  }
  return { account: acc, session: touched.session, events };
}

/**
 * Binds an eID card (pseudonym) to the account, from a session at `sessionLevel` (its provenance). Called
 * by verifyWithEid and when the eID is registered as a means with that card (the means and the stored
 * pseudonym are then the same card, which §4.4 blocking relies on).
 */
export function bindEidCard(
  account: Account,
  pseudonym: string,
  sessionLevel: MeansLevel,
): Account {
  const provenance =
    account.eidPseudonym === pseudonym
      ? strongerProvenance(account.eidPseudonymProvenance, sessionLevel)
      : sessionLevel;
  return { ...account, eidPseudonym: pseudonym, eidPseudonymProvenance: provenance };
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

/** Canonical form for comparing MDS values: NFKC, upper case (ß→SS), single spaces. */
export function normalizeMdsValue(v: string): string {
  return v.normalize('NFKC').toUpperCase().replace(/\s+/g, ' ').trim();
}

/** Given names match when the stored names appear, in order, among the eID's (users often enter only the Rufname). */
function givenNamesMatch(stored: string, fromEid: string): boolean {
  const want = normalizeMdsValue(stored).split(' ').filter(Boolean);
  const have = normalizeMdsValue(fromEid).split(' ').filter(Boolean);
  if (want.length === 0) return false;
  let i = 0;
  for (const h of have) if (h === want[i]) i++;
  return i === want.length;
}

/** Outcome of the §4.5 check. */
export type MdsCheck =
  | { readonly ok: true; readonly via: 'pseudonym' | 'attributes' }
  | {
      readonly ok: false;
      readonly code: 'mds-incomplete' | 'mds-mismatch';
      readonly attribute?: string;
    };

/**
 * §4.5 Nr. 1 and 2 for a substitute at `grant`: matches when the stored pseudonym equals the eID's, or
 * when ALL minimum-data-set attributes are stored (any level) and equal the eID's values after
 * normalisation; no value may change. Only the owner's values and pseudonym count (provenanceCounts):
 * what a session below `grant` entered, changed or bound is treated as not stored.
 */
export function checkMinimumDataSet(
  account: Account,
  eid: EidResult,
  grant: MeansLevel = 'hoch',
): MdsCheck {
  if (
    account.eidPseudonym !== null &&
    account.eidPseudonym === eid.pseudonym &&
    provenanceCounts(account.eidPseudonymProvenance, grant)
  )
    return { ok: true, via: 'pseudonym' };
  const owners = (name: string): Attribute | undefined => {
    const a = findAttribute(account, name);
    return a && provenanceCounts(a.provenance, grant) ? a : undefined;
  };
  for (const name of MDS_REQUIRED) {
    if (!owners(name) || eid.attributes[name] === undefined)
      return { ok: false, code: 'mds-incomplete', attribute: name };
  }
  for (const name of MDS_ATTRIBUTES) {
    if (findAttribute(account, name) && !owners(name))
      return { ok: false, code: 'mds-incomplete', attribute: name };
    const stored = owners(name)?.value;
    const got = eid.attributes[name];
    if (stored === undefined && got === undefined) continue;
    if (stored === undefined || got === undefined)
      return {
        ok: false,
        code: name === 'birthName' && stored === undefined ? 'mds-incomplete' : 'mds-mismatch',
        attribute: name,
      };
    const same =
      name === 'givenNames'
        ? givenNamesMatch(stored, got)
        : normalizeMdsValue(stored) === normalizeMdsValue(got);
    if (!same) return { ok: false, code: 'mds-mismatch', attribute: name };
  }
  return { ok: true, via: 'attributes' };
}

/**
 * §4.5: a matching verification of the minimum data set stands in for an authentication. It counts at
 * min(verification level, the highest level of any registered — active or blocked — means): enough to
 * register a means at the account's maximum (Table 5 step 4) or to unblock a lost means' level, never
 * more than the account ever had. Table 2 applies to it like to any authentication. Attributes are not
 * changed here (verifyWithEid does that once the session is high enough).
 */
export function replaceAuthenticationByVerification(
  account: Account,
  session: Session,
  eid: EidResult,
  now: number,
  policy: Policy,
): SessionOutcome {
  if (session.accountId !== account.id)
    throw new DomainError('invalid-input', 'session belongs to another account');
  if (isLocked(account)) throw new DomainError('account-locked');
  if (session.endedAt !== null) throw new DomainError('not-authenticated', 'session ended');
  if (!atLeast(eid.level, 'niedrig')) throw new DomainError('insufficient-level');
  // §4.4: a means blocked "zur Verwendung am Nutzerkonto" is not a substitute for itself either.
  if (blockedEidPseudonym(account) === eid.pseudonym) throw new DomainError('means-blocked');
  const registered =
    highestLevel(
      account.means
        .filter((m) => m.status === 'active' || m.status === 'blocked')
        .map((m) => m.level),
    ) ?? 'niedrig';
  const level = minLevel(eid.level, registered);
  const check = checkMinimumDataSet(account, eid, level);
  if (!check.ok) throw new DomainError(check.code, check.attribute);
  const touched = touchSession(session, account, now, policy);
  const auth: SessionAuthentication = {
    meansId: null,
    via: 'mds-verification',
    grantedLevel: level,
    level,
    at: now,
    pseudonym: eid.pseudonym,
  };
  return {
    account,
    session: {
      ...touched.session,
      authentications: [
        ...touched.session.authentications.filter((a) => a.via !== 'mds-verification'),
        auth,
      ],
    },
    events: [
      ...touched.events,
      {
        type: 'authentication-replaced',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        level,
        reason: check.via,
      },
    ],
  };
}
