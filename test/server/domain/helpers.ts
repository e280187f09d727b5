/** Shared fixtures for the domain tests: a clock origin, durations and a freshly created account. */
import { createAccount, DEFAULT_POLICY, type Account, type Policy, type Session } from '../../../server/domain';
import { ERIKA, ERIKA_SELF_ENTERED } from './tr-example.fixture';

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
    { accountId: ERIKA.accountId, username: ERIKA.username, passwordMeansId: ERIKA.meansA.id, sessionId: 's-create', attributes: ERIKA_SELF_ENTERED, blockPasswordSet: true },
    now,
    policy,
  );
  return { account: r.account, session: r.session };
}
