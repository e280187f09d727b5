import { describe, expect, it } from 'vitest';
import {
  accountMaxLevel,
  accountView,
  blockAllMeans,
  blockMeans,
  deregisterMeans,
  findAttribute,
  recordAuthentication,
  recordFailedAttempt,
  registerMeans,
  sessionLevel,
  startSession,
  unblockMeans,
  verifyWithEid,
  type Account,
} from '../../../server/domain';
import { created, expectCode, login, MIN, P, T0, withEidVerified, withToken } from './helpers';
import { ERIKA, ERIKA_EID } from './tr-example.fixture';

const A = ERIKA.meansA.id;
const B = ERIKA.meansB.id;
const C = ERIKA.meansC.id;

/** Erika with A, B and a second substanziell means D (desktop app). */
function withDesktopApp(): Account {
  let { account, session } = withToken();
  ({ account, session } = registerMeans(
    account,
    session,
    { meansId: 'd', kind: 'desktop-app' },
    T0,
    P,
  ));
  return recordAuthentication(account, session, 'd', T0, P).account;
}

describe('§4.2 registering a means', () => {
  it('§4.2 registers a means only when authenticated at ≥ its level', () => {
    const account = withToken().account; // max substanziell
    const low = login(account, 'low', [A], T0);
    expectCode(
      () => registerMeans(low.account, low.session, { meansId: 'd', kind: 'desktop-app' }, T0, P),
      'insufficient-level',
    );
    const high = login(account, 'high', [A, B], T0);
    const r = registerMeans(
      high.account,
      high.session,
      { meansId: 'd', kind: 'desktop-app' },
      T0,
      P,
    );
    expect(r.account.means.find((m) => m.id === 'd')).toMatchObject({
      status: 'pending',
      level: 'substanziell',
      pendingSessionId: 'high',
    });
    expect(r.events).toEqual([
      expect.objectContaining({ type: 'means-registered', meansId: 'd', level: 'substanziell' }),
    ]);
  });

  it('§4.2 upgrade path: authentication at the account maximum suffices when the means is higher, and the maximum then rises', () => {
    let { account, session } = created(); // max niedrig, session niedrig
    ({ account, session } = registerMeans(
      account,
      session,
      { meansId: 'd', kind: 'desktop-app' },
      T0,
      P,
    ));
    ({ account, session } = recordAuthentication(account, session, 'd', T0 + MIN, P));
    expect(accountMaxLevel(account)).toBe('substanziell');
    // eID (hoch) on a substanziell account needs substanziell, not hoch
    const s = login(account, 's2', [A, 'd'], T0 + 2 * MIN);
    expect(
      registerMeans(
        s.account,
        s.session,
        { meansId: 'c', kind: 'eid' },
        T0 + 2 * MIN,
        P,
      ).account.means.at(-1)?.status,
    ).toBe('pending');
    expect(session.id).toBe('s-create');
  });

  it('§4.2 needs a logged-in session', () => {
    const account = withToken().account;
    expectCode(
      () =>
        registerMeans(
          account,
          startSession({ id: 'anon', accountId: account.id }, T0),
          { meansId: 'd', kind: 'password+totp' },
          T0,
          P,
        ),
      'not-authenticated',
    );
  });

  it('§4.2 stays pending (not counting for max or session) until confirmed by authenticating with it in the SAME session', () => {
    const account = withToken().account;
    const s1 = login(account, 's1', [A, B], T0);
    const reg = registerMeans(s1.account, s1.session, { meansId: 'd', kind: 'desktop-app' }, T0, P);
    const s2 = login(reg.account, 's2', [A], T0 + MIN);
    expectCode(
      () => recordAuthentication(s2.account, s2.session, 'd', T0 + MIN, P),
      'wrong-session',
    );
    expectCode(
      () => recordAuthentication(reg.account, reg.session, 'd', T0 + 15 * MIN, P),
      'means-pending',
    );
    const ok = recordAuthentication(reg.account, reg.session, 'd', T0 + 2 * MIN, P);
    expect(ok.account.means.find((m) => m.id === 'd')).toMatchObject({
      status: 'active',
      pendingSessionId: null,
      lastUsedAt: T0 + 2 * MIN,
    });
    expect(ok.events.map((e) => e.type)).toContain('means-confirmed');
  });

  it('§4.1 a registration may ask for a lower level than the policy, never a higher one', () => {
    const s = login(withToken().account, 's', [A, B], T0);
    expect(
      registerMeans(
        s.account,
        s.session,
        { meansId: 'd', kind: 'desktop-app', level: 'niedrig' },
        T0,
        P,
      ).account.means.at(-1)?.level,
    ).toBe('niedrig');
    expectCode(
      () =>
        registerMeans(
          s.account,
          s.session,
          { meansId: 'd', kind: 'desktop-app', level: 'hoch' },
          T0,
          P,
        ),
      'invalid-input',
    );
    expectCode(
      () => registerMeans(s.account, s.session, { meansId: A, kind: 'desktop-app' }, T0, P),
      'invalid-input',
    );
  });
});

describe('§4.4 blocking, unblocking, de-registration', () => {
  it('§4.4 blocks any means without using it: with another means even at a lower level', () => {
    const { account, session } = login(withToken().account, 's', [A], T0);
    const r = blockMeans(account, B, { via: 'session', session }, T0, P);
    expect(r.account.means.find((m) => m.id === B)).toMatchObject({
      status: 'blocked',
      blockedReason: 'user',
      blockedAt: T0,
    });
    expectCode(() => recordAuthentication(r.account, session, B, T0 + MIN, P), 'means-blocked');
  });

  it('§4.4 blocks with the block password, without any session (one means or all of them)', () => {
    const account = withToken().account;
    expect(
      blockMeans(account, A, { via: 'block-password' }, T0, P).account.means.find((m) => m.id === A)
        ?.blockedReason,
    ).toBe('block-password');
    const all = blockAllMeans(account, T0);
    expect(all.account.means.every((m) => m.status === 'blocked')).toBe(true);
    expect(accountMaxLevel(all.account)).toBeNull();
  });

  it('§4.4 blocking from a session needs some valid authentication; blocking twice is a no-op', () => {
    const account = withToken().account;
    expectCode(
      () =>
        blockMeans(
          account,
          B,
          { via: 'session', session: startSession({ id: 'x', accountId: account.id }, T0) },
          T0,
          P,
        ),
      'not-authenticated',
    );
    const once = blockMeans(account, B, { via: 'block-password' }, T0, P);
    expect(blockMeans(once.account, B, { via: 'block-password' }, T0 + 1, P)).toEqual({
      account: once.account,
      events: [],
    });
  });

  it('§4.4 unblock needs authentication at ≥ its level without it, plus the blocked means itself', () => {
    const blocked = blockMeans(withDesktopApp(), B, { via: 'block-password' }, T0, P).account;
    const low = login(blocked, 'low', [A], T0 + MIN);
    expectCode(() => unblockMeans(low.account, low.session, B, T0 + MIN, P), 'insufficient-level');
    const high = login(blocked, 'high', [A, 'd'], T0 + MIN);
    const r = unblockMeans(high.account, high.session, B, T0 + 2 * MIN, P);
    expect(r.account.means.find((m) => m.id === B)).toMatchObject({
      status: 'active',
      failedAttempts: 0,
      blockedAt: null,
    });
    expect(r.session.authentications.some((a) => a.meansId === B)).toBe(true);
    expectCode(() => unblockMeans(r.account, r.session, B, T0 + 3 * MIN, P), 'not-blocked');
  });

  it('§4.4/§5 blocking lowers the maximum and the usable attribute levels until unblocked', () => {
    const { account } = withEidVerified();
    const blocked = blockMeans(account, C, { via: 'block-password' }, T0 + MIN, P).account;
    const view = accountView(blocked, P);
    expect(view.maxLevel).toBe('substanziell');
    expect(view.attributes.find((a) => a.name === 'familyName')).toMatchObject({
      level: 'substanziell',
      storedLevel: 'hoch',
    });
    const s = login(blocked, 's', [A, B], T0 + 2 * MIN);
    // unblocking C (hoch) needs hoch without C: refused; the §4.5 route is tested in verification.test.ts
    expectCode(() => unblockMeans(s.account, s.session, C, T0 + 2 * MIN, P), 'insufficient-level');
  });

  it('§4.4 de-registration needs the registration level, drops the maximum and stores attributes capped (§5 downgrade)', () => {
    const { account } = withEidVerified();
    const sub = login(account, 'sub', [A, B], T0 + MIN);
    expectCode(
      () => deregisterMeans(sub.account, sub.session, C, T0 + MIN, P),
      'insufficient-level',
    );
    const hoch = login(account, 'hoch', [C], T0 + MIN);
    const r = deregisterMeans(hoch.account, hoch.session, C, T0 + 2 * MIN, P);
    expect(r.account.means.find((m) => m.id === C)?.status).toBe('removed');
    expect(accountMaxLevel(r.account)).toBe('substanziell');
    expect(findAttribute(r.account, 'familyName')?.level).toBe('substanziell');
    expect(r.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['means-removed', 'account-max-level-changed', 'attribute-capped']),
    );
    expect(sessionLevel(r.session, r.account, T0 + 2 * MIN, P)).toBeNull(); // the only authentication was with C
    // re-registration needs re-verification: the attributes stay capped until the eID verifies again
    let { account: acc, session } = login(r.account, 'again', [A, B], T0 + 3 * MIN);
    ({ account: acc, session } = registerMeans(
      acc,
      session,
      { meansId: 'c2', kind: 'eid' },
      T0 + 3 * MIN,
      P,
    ));
    ({ account: acc, session } = recordAuthentication(acc, session, 'c2', T0 + 3 * MIN, P));
    expect(findAttribute(acc, 'familyName')?.level).toBe('substanziell');
    ({ account: acc } = verifyWithEid(acc, session, ERIKA_EID, T0 + 4 * MIN, P));
    expect(findAttribute(acc, 'familyName')?.level).toBe('hoch');
  });

  it('§4.4/§2.5 the password cannot be de-registered while a password+… means (active, blocked or pending) needs it (footnote 5)', () => {
    const { account } = withEidVerified(); // A password, B password+security-key, C eID
    const hoch = login(account, 'hoch', [C], T0 + MIN);
    let caught: unknown;
    try {
      deregisterMeans(hoch.account, hoch.session, A, T0 + MIN, P);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'means-dependent', params: { dependents: 1 } });
    // Blocking B does not make it go away: it could be unblocked and would need the password again.
    const blocked = blockMeans(
      hoch.account,
      B,
      { via: 'session', session: hoch.session },
      T0 + MIN,
      P,
    ).account;
    expectCode(() => deregisterMeans(blocked, hoch.session, A, T0 + MIN, P), 'means-dependent');
    // A pending password+… means counts too (it could only be confirmed after the password).
    const pending = registerMeans(
      hoch.account,
      hoch.session,
      { meansId: 'totp', kind: 'password+totp' },
      T0 + MIN,
      P,
    );
    const withoutB = deregisterMeans(pending.account, pending.session, B, T0 + MIN, P);
    expectCode(
      () => deregisterMeans(withoutB.account, withoutB.session, A, T0 + MIN, P),
      'means-dependent',
    );
    // Once the dependent means are gone, the password may go (the eID keeps the account usable).
    const noTotp = deregisterMeans(withoutB.account, withoutB.session, 'totp', T0 + MIN, P);
    const r = deregisterMeans(noTotp.account, noTotp.session, A, T0 + MIN, P);
    expect(r.account.means.find((m) => m.id === A)?.status).toBe('removed');
    expect(accountMaxLevel(r.account)).toBe('hoch');
    // …and no password+… means can be registered any more (found by the property test).
    expectCode(
      () =>
        registerMeans(
          r.account,
          r.session,
          { meansId: 'totp2', kind: 'password+totp' },
          T0 + MIN,
          P,
        ),
      'not-applicable',
    );
    expect(
      registerMeans(
        r.account,
        r.session,
        { meansId: 'd', kind: 'desktop-app' },
        T0 + MIN,
        P,
      ).account.means.at(-1)?.status,
    ).toBe('pending');
  });

  it('§2.5 the last usable means cannot be de-registered (every account keeps ≥ niedrig)', () => {
    const { account, session } = created();
    expectCode(() => deregisterMeans(account, session, A, T0, P), 'last-means');
  });
});

describe('Security: failed second-factor / PIN responses', () => {
  it('3 consecutive wrong second-factor or PIN responses block that means; a success resets the counter', () => {
    let account = withDesktopApp();
    account = recordFailedAttempt(account, 'd', T0, P).account;
    account = recordFailedAttempt(account, 'd', T0, P).account;
    const s = login(account, 's', [A, 'd'], T0 + MIN); // success resets
    account = s.account;
    expect(account.means.find((m) => m.id === 'd')?.failedAttempts).toBe(0);
    for (let i = 0; i < 2; i++)
      account = recordFailedAttempt(account, 'd', T0 + 2 * MIN, P).account;
    expect(account.means.find((m) => m.id === 'd')?.status).toBe('active');
    const third = recordFailedAttempt(account, 'd', T0 + 3 * MIN, P);
    expect(third.account.means.find((m) => m.id === 'd')).toMatchObject({
      status: 'blocked',
      blockedReason: 'failed-attempts',
      failedAttempts: 3,
    });
    expect(third.events.map((e) => e.type)).toEqual(['means-failed-attempt', 'means-blocked']);
  });

  it('password-only failures are throttled by the http layer, not counted toward blocking', () => {
    expectCode(() => recordFailedAttempt(withToken().account, A, T0, P), 'not-applicable');
  });
});
