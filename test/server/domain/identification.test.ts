import { describe, expect, it } from 'vitest';
import { confirmAttributes, identify, startSession } from '../../../server/domain';
import { created, expectCode, login, MIN, P, T0, withEidVerified } from './helpers';
import { ERIKA } from './tr-example.fixture';

describe('§6 / §2.7 identification', () => {
  it('§6 refuses a target level above the session level', () => {
    const { account, session } = created();
    expectCode(
      () =>
        identify(
          account,
          session,
          { targetLevel: 'substanziell', attributes: ['familyName'] },
          T0,
          P,
        ),
      'insufficient-level',
    );
    expectCode(
      () =>
        identify(
          account,
          startSession({ id: 'anon', accountId: account.id }, T0),
          { targetLevel: 'basisregistrierung', attributes: [] },
          T0,
          P,
        ),
      'not-authenticated',
    );
  });

  it('§6 releases an attribute only if it reaches the target; each with its own level, capped by the session (§2.3)', () => {
    let { account, session } = withEidVerified();
    ({ account, session } = confirmAttributes(account, session, ['phone'], T0, P));
    const s = login(account, 'low', [ERIKA.meansA.id], T0 + MIN);
    const r = identify(
      s.account,
      s.session,
      { targetLevel: 'niedrig', attributes: ['familyName', 'phone', 'missing'] },
      T0 + MIN,
      P,
    );
    expect(r.sessionLevel).toBe('niedrig');
    expect(r.attributes).toEqual([
      { name: 'familyName', value: 'MUSTERMANN', level: 'niedrig', basisregistrierung: false },
    ]);
    expect(r.withheld).toEqual([
      { name: 'phone', reason: 'below-target', level: 'basisregistrierung' },
      { name: 'missing', reason: 'missing', level: null },
    ]);
    const high = identify(
      account,
      session,
      { targetLevel: 'substanziell', attributes: ['familyName'] },
      T0,
      P,
    );
    expect(high.attributes[0]?.level).toBe('hoch');
  });

  it('§6 at target Basisregistrierung unverified attributes are released and marked as such', () => {
    const { account, session } = created();
    const r = identify(
      account,
      session,
      { targetLevel: 'basisregistrierung', attributes: ['familyName', 'givenNames'] },
      T0,
      P,
    );
    expect(r.attributes).toEqual([
      {
        name: 'familyName',
        value: 'Mustermann',
        level: 'basisregistrierung',
        basisregistrierung: true,
      },
      { name: 'givenNames', value: 'Erika', level: 'basisregistrierung', basisregistrierung: true },
    ]);
  });

  it('§5.1/§6 attributes waiting for re-confirmation after an eID takeover are withheld', () => {
    const { account, session } = withEidVerified();
    const r = identify(
      account,
      session,
      { targetLevel: 'basisregistrierung', attributes: ['phone'] },
      T0,
      P,
    );
    expect(r.withheld).toEqual([
      { name: 'phone', reason: 'needs-reconfirmation', level: 'basisregistrierung' },
    ]);
  });
});
