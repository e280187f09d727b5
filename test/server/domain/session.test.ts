import { describe, expect, it } from 'vitest';
import {
  blockMeans,
  logout,
  makePolicy,
  recordAuthentication,
  registerMeans,
  sessionLevel,
  sessionStatus,
  touchSession,
  type Account,
  type Session,
} from '../../../server/domain';
import { expectCode, HOUR, login, MIN, P, T0, withToken } from './helpers';
import { ERIKA } from './tr-example.fixture';

/** Erika with A (niedrig), B (substanziell) and eID C (hoch), all active. */
function withEid(): Account {
  let { account, session } = withToken();
  ({ account, session } = registerMeans(
    account,
    session,
    { meansId: ERIKA.meansC.id, kind: 'eid' },
    T0,
    P,
  ));
  ({ account } = recordAuthentication(account, session, ERIKA.meansC.id, T0, P));
  return account;
}

/** Touches the session every `step` ms from `from` to `to` (a user clicking around) and returns the session. */
function activeUntil(
  account: Account,
  session: Session,
  from: number,
  to: number,
  step: number,
): Session {
  let s = session;
  for (let t = from + step; t <= to; t += step) s = touchSession(s, account, t, P).session;
  return s;
}

describe('§4.3 session level and Table 2', () => {
  it('§4.3 the session level is the highest means used in the session', () => {
    const { account } = withToken();
    const a = login(account, 's1', [ERIKA.meansA.id], T0);
    expect(sessionLevel(a.session, a.account, T0, P)).toBe('niedrig');
    const ab = login(account, 's2', [ERIKA.meansA.id, ERIKA.meansB.id], T0);
    expect(sessionLevel(ab.session, ab.account, T0, P)).toBe('substanziell');
    expect(sessionLevel(login(account, 's3', [], T0).session, account, T0, P)).toBeNull();
  });

  it('§4.3 Table 2 niedrig: ends after 12 h session duration even with activity, and after 60 min inactivity', () => {
    const { account, session } = login(withToken().account, 's', [ERIKA.meansA.id], T0);
    const busy = activeUntil(account, session, T0, T0 + 12 * HOUR - MIN, 30 * MIN);
    expect(sessionLevel(busy, account, T0 + 12 * HOUR - 1, P)).toBe('niedrig');
    expect(sessionLevel(busy, account, T0 + 12 * HOUR, P)).toBeNull();
    expect(sessionLevel(session, account, T0 + 60 * MIN - 1, P)).toBe('niedrig');
    expect(sessionLevel(session, account, T0 + 60 * MIN, P)).toBeNull();
  });

  it('§4.3 Table 2 substanziell: after 2 h session duration the level is downgraded to niedrig, not ended', () => {
    const { account, session } = login(withToken().account, 's', [ERIKA.meansB.id], T0);
    const busy = activeUntil(account, session, T0, T0 + 2 * HOUR - MIN, 20 * MIN);
    expect(sessionLevel(busy, account, T0 + 2 * HOUR - 1, P)).toBe('substanziell');
    expect(sessionLevel(busy, account, T0 + 2 * HOUR, P)).toBe('niedrig');
    const later = activeUntil(account, busy, T0 + 2 * HOUR, T0 + 12 * HOUR - MIN, 30 * MIN);
    expect(sessionLevel(later, account, T0 + 12 * HOUR - 1, P)).toBe('niedrig');
    expect(sessionLevel(later, account, T0 + 12 * HOUR, P)).toBeNull(); // "unter Anrechnung der Sitzungsdauer": 12 h from the authentication
  });

  it('§4.3 Table 2 substanziell: 30 min inactivity downgrades to niedrig, 60 min ends', () => {
    const { account, session } = login(withToken().account, 's', [ERIKA.meansB.id], T0);
    expect(sessionLevel(session, account, T0 + 30 * MIN - 1, P)).toBe('substanziell');
    expect(sessionLevel(session, account, T0 + 30 * MIN, P)).toBe('niedrig');
    expect(sessionLevel(session, account, T0 + 60 * MIN, P)).toBeNull();
  });

  it('§4.3 Table 2 hoch: 5 min idle → substanziell, 30 min duration → substanziell, 2 h → niedrig, 12 h → ended', () => {
    const { account, session } = login(withEid(), 's', [ERIKA.meansC.id], T0 + MIN);
    const t = T0 + MIN;
    expect(sessionLevel(session, account, t + 5 * MIN - 1, P)).toBe('hoch');
    expect(sessionLevel(session, account, t + 5 * MIN, P)).toBe('substanziell');
    const busy = activeUntil(account, session, t, t + 11 * HOUR + 50 * MIN, 4 * MIN);
    const s30 = activeUntil(account, session, t, t + 28 * MIN, 4 * MIN);
    expect(sessionLevel(s30, account, t + 30 * MIN - 1, P)).toBe('hoch');
    expect(sessionLevel(s30, account, t + 30 * MIN, P)).toBe('substanziell');
    expect(sessionLevel(busy, account, t + 11 * HOUR + 50 * MIN, P)).toBe('niedrig');
    expect(sessionLevel(busy, account, t + 12 * HOUR, P)).toBeNull();
  });

  it('§4.3 a level lost to inactivity never comes back with the next input (downgrade is persisted)', () => {
    const { account, session } = login(withEid(), 's', [ERIKA.meansC.id], T0 + MIN);
    const t = T0 + MIN;
    const after = touchSession(session, account, t + 6 * MIN, P);
    expect(after.level).toBe('substanziell');
    expect(after.events).toEqual([
      expect.objectContaining({
        type: 'authentication-downgraded',
        from: 'hoch',
        level: 'substanziell',
      }),
    ]);
    expect(sessionLevel(after.session, account, t + 7 * MIN, P)).toBe('substanziell');
    expect(touchSession(after.session, account, t + 8 * MIN, P).level).toBe('substanziell');
  });

  it('§4.3 authenticating again with the means renews the authentication (restarts its session duration)', () => {
    let { account, session } = login(withToken().account, 's', [ERIKA.meansB.id], T0);
    session = touchSession(session, account, T0 + 31 * MIN, P).session;
    expect(sessionLevel(session, account, T0 + 31 * MIN, P)).toBe('niedrig');
    ({ account, session } = recordAuthentication(
      account,
      session,
      ERIKA.meansB.id,
      T0 + 32 * MIN,
      P,
    ));
    expect(sessionLevel(session, account, T0 + 32 * MIN, P)).toBe('substanziell');
    expect(session.authentications).toHaveLength(1);
  });

  it('§4.3 with timeoutMode "end" an authentication ends at its own limit instead of downgrading', () => {
    const policy = makePolicy({ timeoutMode: 'end' });
    const { account, session } = login(withToken().account, 's', [ERIKA.meansB.id], T0, policy);
    expect(sessionLevel(session, account, T0 + 30 * MIN - 1, policy)).toBe('substanziell');
    expect(sessionLevel(session, account, T0 + 30 * MIN, policy)).toBeNull();
  });

  it('§4.3 several means in one session: the password keeps niedrig after the token authentication lapses', () => {
    const { account, session } = login(
      withToken().account,
      's',
      [ERIKA.meansA.id, ERIKA.meansB.id],
      T0,
    );
    const busy = activeUntil(account, session, T0, T0 + 3 * HOUR, 20 * MIN);
    expect(sessionLevel(busy, account, T0 + 3 * HOUR, P)).toBe('niedrig');
  });

  it('§4.3 status shows the current level, when it drops and when the session ends if idle', () => {
    const { account, session } = login(withToken().account, 's', [ERIKA.meansB.id], T0);
    expect(sessionStatus(session, account, T0 + MIN, P)).toEqual({
      level: 'substanziell',
      levelUntil: T0 + 30 * MIN,
      endsAt: T0 + 60 * MIN,
      downgradedFrom: null,
      idleUntil: T0 + 30 * MIN,
      absoluteUntil: T0 + 2 * HOUR,
    });
    expect(sessionStatus(session, account, T0 + 61 * MIN, P)).toEqual({
      level: null,
      levelUntil: null,
      endsAt: null,
      downgradedFrom: null,
      idleUntil: null,
      absoluteUntil: null,
    });
  });

  it("§4.3 status keeps Table 2's idle and absolute limits of the current level apart (the app shows both)", () => {
    const { account, session } = login(withToken().account, 's', [ERIKA.meansB.id], T0);
    // Busy for 100 minutes: the idle limit moves with each input, the absolute one stays at 2 h after the login.
    const busy = activeUntil(account, session, T0, T0 + 100 * MIN, 20 * MIN);
    const s = sessionStatus(busy, account, T0 + 100 * MIN, P);
    expect(s).toMatchObject({
      level: 'substanziell',
      idleUntil: busy.lastActivityAt + 30 * MIN,
      absoluteUntil: T0 + 2 * HOUR,
    });
    expect(s.levelUntil).toBe(Math.min(s.idleUntil!, s.absoluteUntil!));
    // Past 2 h the level is niedrig, whose limits count from the same login: 12 h absolute, 60 min idle.
    const later = activeUntil(account, busy, T0 + 100 * MIN, T0 + 2 * HOUR + 10 * MIN, 20 * MIN);
    expect(sessionStatus(later, account, T0 + 2 * HOUR + 10 * MIN, P)).toMatchObject({
      level: 'niedrig',
      idleUntil: later.lastActivityAt + 60 * MIN,
      absoluteUntil: T0 + 12 * HOUR,
    });
  });

  it('§4.3 logout ends every authentication at once and discards means pending from that session', () => {
    let { account, session } = login(
      withToken().account,
      's',
      [ERIKA.meansA.id, ERIKA.meansB.id],
      T0,
    );
    ({ account, session } = registerMeans(
      account,
      session,
      { meansId: 'totp', kind: 'password+totp' },
      T0 + MIN,
      P,
    ));
    const out = logout(account, session, T0 + 2 * MIN);
    expect(sessionLevel(out.session, out.account, T0 + 2 * MIN, P)).toBeNull();
    expect(out.session.authentications).toEqual([]);
    expect(out.account.means.find((m) => m.id === 'totp')).toBeUndefined();
    expectCode(
      () => recordAuthentication(out.account, out.session, ERIKA.meansA.id, T0 + 3 * MIN, P),
      'not-authenticated',
    );
  });

  it('§4.4 blocking a means drops every authentication made with it at once', () => {
    const { account, session } = login(
      withToken().account,
      's',
      [ERIKA.meansA.id, ERIKA.meansB.id],
      T0,
    );
    const blocked = blockMeans(account, ERIKA.meansB.id, { via: 'session', session }, T0 + MIN, P);
    expect(sessionLevel(session, blocked.account, T0 + MIN, P)).toBe('niedrig');
    // Blocking is not a Table 2 downgrade: the status does not claim one.
    expect(sessionStatus(session, blocked.account, T0 + MIN, P).downgradedFrom).toBeNull();
  });

  it('§4.3 status names the level a Table 2 limit took away (downgradedFrom), before and after touchSession persists it', () => {
    const { account, session } = login(
      withToken().account,
      's',
      [ERIKA.meansA.id, ERIKA.meansB.id],
      T0,
    );
    const at = T0 + 31 * MIN; // past substanziell's idle limit, within niedrig's
    expect(sessionStatus(session, account, at, P)).toMatchObject({
      level: 'niedrig',
      downgradedFrom: 'substanziell',
    });
    const touched = touchSession(session, account, at, P).session;
    expect(sessionStatus(touched, account, at, P)).toMatchObject({
      level: 'niedrig',
      downgradedFrom: 'substanziell',
    });
    // A fresh authentication with the token restores substanziell and clears the notice.
    const again = recordAuthentication(account, touched, ERIKA.meansB.id, at, P);
    expect(sessionStatus(again.session, again.account, at, P)).toMatchObject({
      level: 'substanziell',
      downgradedFrom: null,
    });
  });
});
