/** Shared fixtures for the domain tests: a clock origin, durations and a freshly created account. */
import { expect } from 'vitest';
import {
  createAccount,
  DEFAULT_POLICY,
  isDomainError,
  recordAuthentication,
  registerMeans,
  startSession,
  verifyWithEid,
  type Account,
  type DomainErrorCode,
  type Policy,
  type Session,
  type SessionOutcome,
} from '../../../server/domain';
import { ERIKA, ERIKA_EID, ERIKA_SELF_ENTERED } from './tr-example.fixture';

/** Fixed origin of the test clock (ms). */
export const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);
/** One minute in ms. */
export const MIN = 60_000;
/** One hour in ms. */
export const HOUR = 60 * MIN;
/** One day in ms. */
export const DAY = 24 * HOUR;
/** The default policy. */
export const P: Policy = DEFAULT_POLICY;

/** Erika's account right after creation, with its creation session (authenticated with password A). */
export function created(now = T0, policy: Policy = P): { account: Account; session: Session } {
  const r = createAccount(
    {
      accountId: ERIKA.accountId,
      username: ERIKA.username,
      passwordMeansId: ERIKA.meansA.id,
      sessionId: 's-create',
      attributes: ERIKA_SELF_ENTERED,
      blockPasswordSet: true,
    },
    now,
    policy,
  );
  return { account: r.account, session: r.session };
}

/** Asserts that `fn` throws a DomainError with exactly `code`. */
export function expectCode(fn: () => unknown, code: DomainErrorCode): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isDomainError(caught) ? caught.code : caught).toBe(code);
}

/** Erika after step 2 of the TR example: password A and confirmed FIDO token B, plus a fresh session at `now` logged in with A. */
export function withToken(now = T0): { account: Account; session: Session } {
  let { account, session } = created(now);
  ({ account, session } = registerMeans(
    account,
    session,
    { meansId: ERIKA.meansB.id, kind: ERIKA.meansB.kind },
    now,
    P,
  ));
  ({ account, session } = recordAuthentication(account, session, ERIKA.meansB.id, now, P));
  return { account, session };
}

/** A new session logged in with the given means, one after the other, at `now`. */
export function login(
  account: Account,
  id: string,
  meansIds: readonly string[],
  now: number,
  policy: Policy = P,
): { account: Account; session: Session } {
  let session = startSession({ id, accountId: account.id }, now);
  for (const m of meansIds)
    ({ account, session } = recordAuthentication(account, session, m, now, policy));
  return { account, session };
}

/** Erika with A, B and eID C active and the minimum data set verified by eID at hoch (like Table 5), plus that hoch session. */
export function withEidVerified(now = T0): SessionOutcome {
  let { account, session } = withToken(now);
  ({ account, session } = registerMeans(
    account,
    session,
    { meansId: ERIKA.meansC.id, kind: ERIKA.meansC.kind },
    now,
    P,
  ));
  ({ account, session } = recordAuthentication(account, session, ERIKA.meansC.id, now, P));
  return verifyWithEid(account, session, ERIKA_EID, now, P);
}
