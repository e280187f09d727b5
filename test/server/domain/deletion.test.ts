import { describe, expect, it } from 'vitest';
import {
  dueForErasure,
  eraseAccount,
  makePolicy,
  recordAuthentication,
  requestDeletion,
  sessionLevel,
  startSession,
} from '../../../server/domain';
import { DAY, expectCode, login, P, T0, withEidVerified, withToken } from './helpers';
import { ERIKA, ERIKA_EID } from './tr-example.fixture';

describe('§7 deleting an account', () => {
  it('§7 requires authentication at the announced level (default: the account maximum)', () => {
    const account = withToken().account;
    const low = login(account, 'low', [ERIKA.meansA.id], T0);
    expectCode(() => requestDeletion(low.account, low.session, T0, P), 'insufficient-level');
    const high = login(account, 'high', [ERIKA.meansA.id, ERIKA.meansB.id], T0);
    const r = requestDeletion(high.account, high.session, T0, P);
    expect(r.account).toBeNull();
    expect(r.session.endedAt).toBe(T0);
    expect(r.erase).toEqual({
      accountId: ERIKA.accountId,
      username: ERIKA.username,
      meansIds: [ERIKA.meansA.id, ERIKA.meansB.id],
      attributeNames: [
        'familyName',
        'birthName',
        'givenNames',
        'phone',
        'dateOfBirth',
        'placeOfBirth',
        'address',
      ],
      eidPseudonym: null,
      blockPassword: true,
      allSessionsAndPendingItems: true,
    });
  });

  it('§7 after deletion nothing remains: the plan names every means, attribute and the eID pseudonym', () => {
    const { account, session } = withEidVerified();
    const r = requestDeletion(account, session, T0, P);
    expect(r.erase?.eidPseudonym).toBe(ERIKA_EID.pseudonym);
    expect(r.erase?.meansIds).toEqual([ERIKA.meansA.id, ERIKA.meansB.id, ERIKA.meansC.id]);
    expect(r.events.map((e) => e.type)).toEqual(['deletion-requested', 'account-erased']);
  });

  it('§7 delayed deletion locks the account completely: no login, every session ends, erasure only when due', () => {
    const policy = makePolicy({ deletionDelayMs: 7 * DAY });
    const account = withToken().account;
    const other = login(account, 'other', [ERIKA.meansA.id], T0);
    const high = login(account, 'high', [ERIKA.meansA.id, ERIKA.meansB.id], T0);
    const r = requestDeletion(high.account, high.session, T0, policy);
    const locked = r.account;
    if (!locked) throw new Error('expected a locked account');
    expect(locked.deletion).toEqual({ requestedAt: T0, eraseAt: T0 + 7 * DAY });
    expect(r.erase).toBeNull();
    expect(sessionLevel(other.session, locked, T0, policy)).toBeNull();
    expectCode(
      () =>
        recordAuthentication(
          locked,
          startSession({ id: 'n', accountId: locked.id }, T0 + 1),
          ERIKA.meansA.id,
          T0 + 1,
          policy,
        ),
      'account-locked',
    );
    expectCode(() => requestDeletion(locked, other.session, T0, policy), 'account-locked');
    expect(dueForErasure(locked, T0 + 7 * DAY - 1)).toBe(false);
    expectCode(() => eraseAccount(locked, T0 + 7 * DAY - 1), 'deletion-not-due');
    expect(eraseAccount(locked, T0 + 7 * DAY).erase.accountId).toBe(ERIKA.accountId);
  });

  it('§7 a fixed policy level can be announced instead of the account maximum', () => {
    const policy = makePolicy({ deletionRequirement: 'niedrig' });
    const low = login(withToken().account, 'low', [ERIKA.meansA.id], T0);
    expect(requestDeletion(low.account, low.session, T0, policy).erase).not.toBeNull();
  });
});
