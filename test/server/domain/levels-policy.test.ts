import { describe, expect, it } from 'vitest';
import {
  atLeast,
  compareLevels,
  DATA_LEVELS,
  DEFAULT_POLICY,
  highestLevel,
  isDataLevel,
  isMeansKind,
  isMeansLevel,
  lowerMeansLevel,
  makePolicy,
  maxLevel,
  MEANS_LEVELS,
  minLevel,
  TABLE_2_LIMITS,
  validatePolicy,
} from '../../../server/domain';
import { expectCode, HOUR, MIN } from './helpers';

describe('§2.1 trust levels', () => {
  it('§2.1 orders data levels basisregistrierung < niedrig < substanziell < hoch with exactly these API strings', () => {
    expect(DATA_LEVELS).toEqual(['basisregistrierung', 'niedrig', 'substanziell', 'hoch']);
    expect(compareLevels('basisregistrierung', 'niedrig')).toBeLessThan(0);
    expect(compareLevels('hoch', 'substanziell')).toBeGreaterThan(0);
    expect(atLeast('substanziell', 'niedrig')).toBe(true);
    expect(atLeast('niedrig', 'substanziell')).toBe(false);
    expect(atLeast(null, 'basisregistrierung')).toBe(false);
  });

  it('§2.5 means levels never include basisregistrierung', () => {
    expect(MEANS_LEVELS).toEqual(['niedrig', 'substanziell', 'hoch']);
    expect(isMeansLevel('basisregistrierung')).toBe(false);
    expect(isDataLevel('basisregistrierung')).toBe(true);
    expect(isDataLevel('HOCH')).toBe(false);
  });

  it('§2.3 min/max/highest helpers cap and combine levels', () => {
    expect(minLevel('hoch', 'niedrig')).toBe('niedrig');
    expect(maxLevel('niedrig', null)).toBe('niedrig');
    expect(highestLevel(['niedrig', 'hoch', 'substanziell'])).toBe('hoch');
    expect(highestLevel([])).toBeNull();
    expect(lowerMeansLevel('hoch')).toBe('substanziell');
    expect(lowerMeansLevel('niedrig')).toBeNull();
  });
});

describe('§4.1 means levels policy', () => {
  it('§4.1 defaults: password niedrig; 2FA, platform authenticator, desktop app substanziell; eID hoch', () => {
    expect(DEFAULT_POLICY.meansLevels).toEqual({
      password: 'niedrig',
      'password+totp': 'substanziell',
      'password+sms': 'substanziell',
      'password+security-key': 'substanziell',
      'platform-authenticator': 'substanziell',
      'desktop-app': 'substanziell',
      eid: 'hoch',
      'email-otp': 'niedrig',
    });
    expect(isMeansKind('eid')).toBe(true);
    expect(isMeansKind('totp')).toBe(false);
  });

  it('§4.1 a policy may lower a means level but never lift a single factor (password, e-mail) to substanziell or TOTP/SMS/desktop app to hoch', () => {
    expect(
      makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, 'desktop-app': 'niedrig' } })
        .meansLevels['desktop-app'],
    ).toBe('niedrig');
    expectCode(
      () =>
        makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, password: 'substanziell' } }),
      'invalid-policy',
    );
    expectCode(
      () =>
        makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, 'email-otp': 'substanziell' } }),
      'invalid-policy',
    );
    expectCode(
      () => makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, 'password+totp': 'hoch' } }),
      'invalid-policy',
    );
    expectCode(
      () => makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, 'password+sms': 'hoch' } }),
      'invalid-policy',
    );
    expectCode(
      () => makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, 'desktop-app': 'hoch' } }),
      'invalid-policy',
    );
  });

  it('§4.3 Table 2 defaults are verbatim and a policy may only shorten them', () => {
    expect(TABLE_2_LIMITS).toEqual({
      niedrig: { absoluteMs: 12 * HOUR, idleMs: 60 * MIN },
      substanziell: { absoluteMs: 2 * HOUR, idleMs: 30 * MIN },
      hoch: { absoluteMs: 30 * MIN, idleMs: 5 * MIN },
    });
    expect(
      makePolicy({
        sessionLimits: { ...TABLE_2_LIMITS, hoch: { absoluteMs: 10 * MIN, idleMs: 2 * MIN } },
      }).sessionLimits.hoch.idleMs,
    ).toBe(2 * MIN);
    expectCode(
      () =>
        makePolicy({
          sessionLimits: { ...TABLE_2_LIMITS, hoch: { absoluteMs: 31 * MIN, idleMs: 5 * MIN } },
        }),
      'invalid-policy',
    );
  });

  it('§5.1 e-mail/SMS confirmations can never verify above niedrig; failed-attempt limit stays ≤ 3', () => {
    expectCode(
      () =>
        makePolicy({
          verificationCaps: { ...DEFAULT_POLICY.verificationCaps, 'email-link': 'substanziell' },
        }),
      'invalid-policy',
    );
    expectCode(() => makePolicy({ maxFailedAttempts: 5 }), 'invalid-policy');
    expect(validatePolicy(DEFAULT_POLICY)).toBe(DEFAULT_POLICY);
  });
});
