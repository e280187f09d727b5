/**
 * Sessions (§4.3): level = highest valid authentication; Table 2 limits per level with downgrade to the
 * next level that is still within its limits (counting the time since that authentication); logout
 * ends every authentication. What the overview shows about the remaining time is in session-status.ts.
 */
import { findMeans, maxLevelEvent, withMeans } from './account';
import { DomainError } from './errors';
import { lowerMeansLevel, maxLevel, type MeansLevel } from '../../shared/levels';
import type { Account, DomainEvent, Session, SessionAuthentication, SessionOutcome } from './model';
import type { Policy } from './policy';

/** Input of startSession. */
export interface StartSessionInput {
  /** ≥ 128-bit random id chosen by the http layer (ASVS 7.2.3). */
  readonly id: string;
  readonly accountId: string;
}

/** A new, not yet authenticated session for an account (the login flow records authentications into it). */
export function startSession(input: StartSessionInput, now: number): Session {
  if (!input.id || !input.accountId) throw new DomainError('invalid-input', 'session id');
  return {
    id: input.id,
    accountId: input.accountId,
    createdAt: now,
    lastActivityAt: now,
    authentications: [],
    endedAt: null,
  };
}

/** True while the account is in delayed deletion (§7: no login during the lock). */
export function isLocked(account: Account): boolean {
  return account.deletion !== null;
}

/**
 * Table 2 with downgrade: the highest level ≤ the authentication's current level whose absolute limit
 * (since `at`) and idle limit (since the last input) both still hold at `now`; null when none does.
 * Limits are exclusive: at exactly 12 h a niedrig authentication has ended.
 */
export function authenticationLevelAt(
  auth: SessionAuthentication,
  lastActivityAt: number,
  now: number,
  policy: Policy,
): MeansLevel | null {
  let level: MeansLevel | null = auth.level;
  while (level !== null) {
    const limit = policy.sessionLimits[level];
    if (now - auth.at < limit.absoluteMs && now - lastActivityAt < limit.idleMs) return level;
    level = policy.timeoutMode === 'downgrade' ? lowerMeansLevel(level) : null;
  }
  return null;
}

function assertSameAccount(session: Session, account: Account): void {
  if (session.accountId !== account.id)
    throw new DomainError('invalid-input', 'session belongs to another account');
}

/**
 * The card of a blocked eID means (§4.4 "zur Verwendung am Nutzerkonto"), or null. The eID means and
 * the stored pseudonym are bound by the same read-out and verifyWithEid refuses another card while an
 * eID means exists, so the stored pseudonym is that means' card.
 */
export function blockedEidPseudonym(account: Account): string | null {
  return account.means.some((m) => m.kind === 'eid' && m.status === 'blocked')
    ? account.eidPseudonym
    : null;
}

/**
 * Authentications that still count: made with a means that is still active (a blocked/removed means
 * stops counting at once, §4.4) — and a §4.5 verification made with the card of a blocked eID stops too.
 * Exported for sessionStatus (session-status.ts).
 */
export function countingAuthentications(
  session: Session,
  account: Account,
): SessionAuthentication[] {
  const blockedCard = blockedEidPseudonym(account);
  return session.authentications.filter((a) => {
    if (a.via === 'mds-verification') return blockedCard === null || a.pseudonym !== blockedCard;
    const m = account.means.find((x) => x.id === a.meansId);
    return m !== undefined && m.status === 'active';
  });
}

/**
 * §4.3 session level at `now`: the highest level any counting authentication still has under Table 2;
 * null when the session is ended, the account is locked (§7) or nothing counts any more.
 */
export function sessionLevel(
  session: Session,
  account: Account,
  now: number,
  policy: Policy,
): MeansLevel | null {
  assertSameAccount(session, account);
  if (session.endedAt !== null || isLocked(account)) return null;
  let best: MeansLevel | null = null;
  for (const a of countingAuthentications(session, account))
    best = maxLevel(best, authenticationLevelAt(a, session.lastActivityAt, now, policy));
  return best;
}

/** Throws 'not-authenticated' / 'insufficient-level' unless the session reaches `needed` at `now`; returns the level. */
export function requireSessionLevel(
  session: Session,
  account: Account,
  needed: MeansLevel,
  now: number,
  policy: Policy,
): MeansLevel {
  const level = sessionLevel(session, account, now, policy);
  if (level === null)
    throw new DomainError(isLocked(account) ? 'account-locked' : 'not-authenticated');
  if (lowerThan(level, needed))
    throw new DomainError('insufficient-level', undefined, { needed, have: level });
  return level;
}

function lowerThan(a: MeansLevel, b: MeansLevel): boolean {
  return maxLevel(a, b) !== a;
}

/** Result of touchSession. */
export interface TouchResult {
  readonly session: Session;
  readonly level: MeansLevel | null;
  readonly events: readonly DomainEvent[];
}

/**
 * Records a user input at `now` (call it on EVERY authenticated request, before acting): first applies
 * Table 2 to the time since the previous input — persisting downgrades and dropping expired
 * authentications, so a lapsed level never comes back — then resets the idle clock.
 */
export function touchSession(
  session: Session,
  account: Account,
  now: number,
  policy: Policy,
): TouchResult {
  assertSameAccount(session, account);
  if (session.endedAt !== null) return { session, level: null, events: [] };
  const events: DomainEvent[] = [];
  const authentications: SessionAuthentication[] = [];
  for (const a of session.authentications) {
    const level = authenticationLevelAt(a, session.lastActivityAt, now, policy);
    const base = {
      at: now,
      accountId: account.id,
      sessionId: session.id,
      ...(a.meansId ? { meansId: a.meansId } : {}),
    };
    if (level === null) {
      events.push({ ...base, type: 'authentication-expired', from: a.level, level: null });
      continue;
    }
    if (level !== a.level)
      events.push({ ...base, type: 'authentication-downgraded', from: a.level, level });
    authentications.push(level === a.level ? a : { ...a, level });
  }
  const touched: Session = { ...session, authentications, lastActivityAt: now };
  return { session: touched, level: sessionLevel(touched, account, now, policy), events };
}

/**
 * A successful authentication with a means (the http layer has verified the credential). Confirms a
 * pending means registered in this same session (§4.2), resets its failure counter, sets last use and
 * adds (or refreshes) the authentication in the session (§4.3).
 */
export function recordAuthentication(
  account: Account,
  session: Session,
  meansId: string,
  now: number,
  policy: Policy,
): SessionOutcome {
  assertSameAccount(session, account);
  if (isLocked(account)) throw new DomainError('account-locked');
  if (session.endedAt !== null) throw new DomainError('not-authenticated', 'session ended');
  const means = findMeans(account, meansId);
  if (means.status === 'blocked') throw new DomainError('means-blocked');
  if (means.status === 'removed') throw new DomainError('means-removed');
  const events: DomainEvent[] = [];
  if (means.status === 'pending') {
    if (means.pendingSessionId !== session.id) throw new DomainError('wrong-session');
    if (now - means.createdAt >= policy.pendingMeansTtlMs)
      throw new DomainError('means-pending', 'confirmation expired');
  }
  // Apply Table 2 to the time before this input first, so an authentication never revives a lapsed one.
  const touched = touchSession(session, account, now, policy);
  events.push(...touched.events);
  const updated = {
    ...means,
    status: 'active' as const,
    pendingSessionId: null,
    failedAttempts: 0,
    lastUsedAt: now,
  };
  const after = withMeans(account, updated);
  if (means.status === 'pending') {
    events.push({
      type: 'means-confirmed',
      at: now,
      accountId: account.id,
      sessionId: session.id,
      meansId,
      level: means.level,
    });
    events.push(...maxLevelEvent(account, after, now));
  }
  const auth: SessionAuthentication = {
    meansId,
    via: 'means',
    grantedLevel: means.level,
    level: means.level,
    at: now,
  };
  const authentications = [
    ...touched.session.authentications.filter((a) => a.meansId !== meansId),
    auth,
  ];
  events.push({
    type: 'authenticated',
    at: now,
    accountId: account.id,
    sessionId: session.id,
    meansId,
    level: means.level,
  });
  return { account: after, session: { ...touched.session, authentications }, events };
}

/**
 * §4.3 logout: ends every authentication of the session at once and discards means still pending from
 * it (they can only be confirmed in this session, §4.2). The http layer must also end anything that
 * arose from the session (e.g. identification hand-offs).
 */
export function logout(account: Account, session: Session, now: number): SessionOutcome {
  assertSameAccount(session, account);
  const events: DomainEvent[] = [
    { type: 'logged-out', at: now, accountId: account.id, sessionId: session.id },
  ];
  const means = account.means.filter((m) => {
    const drop = m.status === 'pending' && m.pendingSessionId === session.id;
    if (drop)
      events.push({
        type: 'means-pending-discarded',
        at: now,
        accountId: account.id,
        sessionId: session.id,
        meansId: m.id,
        reason: 'logout',
      });
    return !drop;
  });
  return {
    account: { ...account, means },
    session: { ...session, authentications: [], endedAt: now },
    events,
  };
}
