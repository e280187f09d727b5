import { describe, expect, it } from 'vitest';
import {
  accountMaxLevel,
  accountView,
  blockMeans,
  createAccount,
  makePolicy,
  pruneAccount,
  registerMeans,
} from '../../../server/domain';
import { created, expectCode, MIN, P, T0, withToken } from './helpers';
import { ERIKA, ERIKA_SELF_ENTERED } from './tr-example.fixture';

describe('§3 account creation', () => {
  it('§3 stores self-entered attributes at Basisregistrierung and the username+password means at niedrig', () => {
    const { account, session } = created();
    expect(
      account.attributes.every(
        (a) =>
          a.level === 'basisregistrierung' && a.source === 'self-entered' && a.verifiedAt === null,
      ),
    ).toBe(true);
    expect(account.attributes.map((a) => a.name).sort()).toEqual(
      Object.keys(ERIKA_SELF_ENTERED).sort(),
    );
    expect(account.means).toHaveLength(1);
    expect(account.means[0]).toMatchObject({
      id: ERIKA.meansA.id,
      kind: 'password',
      level: 'niedrig',
      status: 'active',
    });
    expect(session.authentications).toEqual([
      { meansId: ERIKA.meansA.id, via: 'means', grantedLevel: 'niedrig', level: 'niedrig', at: T0 },
    ]);
  });

  it('§3/§4.4 requires a block password at creation', () => {
    expectCode(
      () =>
        createAccount(
          {
            accountId: 'x',
            username: 'x',
            passwordMeansId: 'p',
            sessionId: 's',
            attributes: {},
            blockPasswordSet: false,
          },
          T0,
          P,
        ),
      'block-password-required',
    );
  });

  it('§3/§7 tells the user at creation which level deleting the account needs', () => {
    const r = createAccount(
      {
        accountId: 'x',
        username: 'x',
        passwordMeansId: 'p',
        sessionId: 's',
        attributes: {},
        blockPasswordSet: true,
      },
      T0,
      P,
    );
    expect(r.deletionNotice).toEqual({
      requirement: 'account-max',
      levelNow: 'niedrig',
      delayMs: 0,
    });
    const fixed = createAccount(
      {
        accountId: 'x',
        username: 'x',
        passwordMeansId: 'p',
        sessionId: 's',
        attributes: {},
        blockPasswordSet: true,
      },
      T0,
      makePolicy({ deletionRequirement: 'substanziell', deletionDelayMs: 7 * 24 * 60 * MIN }),
    );
    expect(fixed.deletionNotice).toEqual({
      requirement: 'substanziell',
      levelNow: 'substanziell',
      delayMs: 7 * 24 * 60 * MIN,
    });
  });

  it('§3 rejects unsafe attribute names', () => {
    expectCode(
      () =>
        createAccount(
          {
            accountId: 'x',
            username: 'x',
            passwordMeansId: 'p',
            sessionId: 's',
            attributes: { '<script>': 'x' },
            blockPasswordSet: true,
          },
          T0,
          P,
        ),
      'invalid-input',
    );
  });
});

describe('§2.5 account maximum level', () => {
  it('§2.5 is the highest ACTIVE means: pending and blocked means do not count', () => {
    const { account, session } = created();
    expect(accountMaxLevel(account)).toBe('niedrig');
    expect(
      accountMaxLevel(
        registerMeans(account, session, { meansId: 'b', kind: 'password+totp' }, T0, P).account,
      ),
    ).toBe('niedrig');
    const t = withToken();
    expect(accountMaxLevel(t.account)).toBe('substanziell');
    const blocked = blockMeans(t.account, ERIKA.meansB.id, { via: 'block-password' }, T0 + MIN, P);
    expect(accountMaxLevel(blocked.account)).toBe('niedrig');
    expect(blocked.events.map((e) => e.type)).toContain('account-max-level-changed');
  });

  it('§4.2 the overview lists every means with its level and status', () => {
    let { account, session } = withToken();
    ({ account, session } = registerMeans(
      account,
      session,
      { meansId: 'c', kind: 'desktop-app', label: 'Laptop' },
      T0 + MIN,
      P,
    ));
    expect(accountView(account, P).means.map((m) => [m.id, m.kind, m.level, m.status])).toEqual([
      [ERIKA.meansA.id, 'password', 'niedrig', 'active'],
      [ERIKA.meansB.id, 'password+security-key', 'substanziell', 'active'],
      ['c', 'desktop-app', 'substanziell', 'pending'],
    ]);
    expect(session.id).toBe('s-create');
  });

  it('§4.2 pending means older than the TTL are pruned', () => {
    const c = created();
    const { account } = registerMeans(
      c.account,
      c.session,
      { meansId: 'b', kind: 'password+totp' },
      T0,
      P,
    );
    expect(pruneAccount(account, T0 + 14 * MIN, P).account.means).toHaveLength(2);
    const pruned = pruneAccount(account, T0 + 15 * MIN, P);
    expect(pruned.account.means).toHaveLength(1);
    expect(pruned.events[0]).toMatchObject({ type: 'means-pending-discarded', meansId: 'b' });
  });
});
