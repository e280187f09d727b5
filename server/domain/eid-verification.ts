/**
 * The eID takeover of the minimum data set (§5.1 first case, Table 5), the binding of the eID card,
 * and the §4.5 verification of the minimum data set in place of an authentication.
 */
import { accountMaxLevel, findAttribute } from './account';
import { putAttribute, strongerProvenance } from './attribute-write';
import { DomainError } from './errors';
import { atLeast, highestLevel, minLevel, type MeansLevel } from '../../shared/levels';
import type { Account, DomainEvent, Session, SessionAuthentication, SessionOutcome } from './model';
import {
  checkMinimumDataSet,
  isMdsAttribute,
  MDS_ATTRIBUTES,
  type EidResult,
} from './minimum-data-set';
import type { Policy } from './policy';
import { blockedEidPseudonym, isLocked, requireSessionLevel, touchSession } from './session';

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
