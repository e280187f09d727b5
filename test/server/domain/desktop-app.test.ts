/** Rules of the desktop-app means (server/domain/desktop-app.ts): §4.2 level, token usability, who may answer. */
import { describe, expect, it } from 'vitest';
import {
  blockMeans,
  enrollmentUsable,
  removeOwnDesktopApp,
  makePolicy,
  mayPairDesktopApp,
  recordAuthentication,
  registerMeans,
  usableDesktopApps,
  validatePolicy,
  DEFAULT_POLICY,
} from '../../../server/domain';
import { ERIKA } from './tr-example.fixture';
import { MIN, P, T0, created, expectCode, login, withToken } from './helpers';

describe('desktop-app means rules', () => {
  it('can never be configured above substanziell (possession + PIN is not hoch)', () => {
    expect(() =>
      validatePolicy({
        ...DEFAULT_POLICY,
        meansLevels: { ...DEFAULT_POLICY.meansLevels, 'desktop-app': 'hoch' },
      }),
    ).toThrow();
    expect(
      makePolicy({ meansLevels: { ...DEFAULT_POLICY.meansLevels, 'desktop-app': 'niedrig' } })
        .meansLevels['desktop-app'],
    ).toBe('niedrig');
  });

  it('pairing needs substanziell, or the account maximum when lower (§4.2 upgrade path)', () => {
    const fresh = created();
    expect(mayPairDesktopApp(fresh.account, fresh.session, T0, P)).toBe('substanziell'); // max niedrig, session niedrig
    const { account } = withToken(); // max substanziell (FIDO token B)
    const low = login(account, 's-low', [ERIKA.meansA.id], T0, P);
    expectCode(() => mayPairDesktopApp(low.account, low.session, T0, P), 'insufficient-level');
    const high = login(account, 's-high', [ERIKA.meansA.id, ERIKA.meansB.id], T0, P);
    expect(mayPairDesktopApp(high.account, high.session, T0, P)).toBe('substanziell');
  });

  it('an enrollment token is usable once, before expiry, only while its own session lives', () => {
    const { session } = created();
    const token = { expiresAt: T0 + 5 * MIN, usedAt: null, sessionId: session.id };
    expect(enrollmentUsable(token, session, T0)).toBe(true);
    expect(enrollmentUsable(token, session, T0 + 5 * MIN)).toBe(false);
    expect(enrollmentUsable({ ...token, usedAt: T0 }, session, T0)).toBe(false);
    expect(enrollmentUsable(token, { ...session, endedAt: T0 }, T0)).toBe(false);
    expect(enrollmentUsable(token, { ...session, id: 'other' }, T0)).toBe(false);
    expect(enrollmentUsable(token, undefined, T0)).toBe(false);
  });

  it('only active desktop apps answer logins: not pending, not blocked', () => {
    let { account, session } = created();
    ({ account, session } = registerMeans(
      account,
      session,
      { meansId: 'd1', kind: 'desktop-app' },
      T0,
      P,
    ));
    expect(usableDesktopApps(account)).toEqual([]);
    ({ account, session } = recordAuthentication(account, session, 'd1', T0, P));
    expect(usableDesktopApps(account).map((m) => m.id)).toEqual(['d1']);
    ({ account } = blockMeans(account, 'd1', { via: 'session', session }, T0, P));
    expect(usableDesktopApps(account)).toEqual([]);
  });

  it('a confirmed desktop app may block any means; a pending one may not', () => {
    let { account, session } = created();
    ({ account, session } = registerMeans(
      account,
      session,
      { meansId: 'd1', kind: 'desktop-app' },
      T0,
      P,
    ));
    expectCode(
      () => blockMeans(account, ERIKA.meansA.id, { via: 'device', meansId: 'd1' }, T0, P),
      'not-authenticated',
    );
    ({ account } = recordAuthentication(account, session, 'd1', T0, P));
    const out = blockMeans(account, ERIKA.meansA.id, { via: 'device', meansId: 'd1' }, T0, P);
    expect(out.account.means.find((m) => m.id === ERIKA.meansA.id)?.blockedReason).toBe('user');
  });

  it('removes itself, except as the last usable means; never another kind', () => {
    let { account, session } = created();
    ({ account, session } = registerMeans(
      account,
      session,
      { meansId: 'd1', kind: 'desktop-app' },
      T0,
      P,
    ));
    ({ account } = recordAuthentication(account, session, 'd1', T0, P));
    expectCode(() => removeOwnDesktopApp(account, ERIKA.meansA.id, T0), 'not-applicable');
    const out = removeOwnDesktopApp(account, 'd1', T0);
    expect(out.account.means.find((m) => m.id === 'd1')?.status).toBe('removed');
    const alone = { ...account, means: account.means.filter((m) => m.id === 'd1') };
    expectCode(() => removeOwnDesktopApp(alone, 'd1', T0), 'last-means');
  });
});
