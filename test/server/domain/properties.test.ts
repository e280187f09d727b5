/**
 * Property tests of the domain (fast-check): random sequences of registrations, confirmations,
 * logins, blocks (session, block password, failed attempts), unblocks, de-registrations, eID
 * verifications, logouts and clock jumps, applied to Erika's account. After every step:
 * - §2.5 the account maximum equals the highest level among ACTIVE means;
 * - §4.3 no session is above the highest means it used that still counts (nor above the maximum,
 *   except for a §4.5 replacement, which is capped by the registered means);
 * - §4.4 blocking never raises a level (maximum, any session, any attribute's usable level);
 * - §4.4 the password is never removed while a password+… means remains (footnote 5);
 * - an active means never carries 3 failed attempts.
 * Refused operations (DomainError) must leave the state as it was, which the fold does by construction.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountMaxLevel,
  accountView,
  atLeast,
  blockMeans,
  blockWithBlockPassword,
  deregisterMeans,
  highestLevel,
  isDomainError,
  logout,
  maxLevel,
  MEANS_KINDS,
  recordAuthentication,
  recordFailedAttempt,
  registerMeans,
  sessionLevel,
  startSession,
  touchSession,
  unblockMeans,
  verifyWithEid,
  type Account,
  type DataLevel,
  type MeansKind,
  type MeansLevel,
  type Session,
} from '../../../server/domain';
import { created, MIN, P, T0 } from './helpers';
import { ERIKA_EID } from './tr-example.fixture';

const KINDS = MEANS_KINDS.filter((k) => k !== 'password' && k !== 'email-otp') as MeansKind[];
const SESSIONS = 3;

type Op =
  | { op: 'advance'; ms: number }
  | { op: 'login'; s: number; means: number[] }
  | { op: 'register'; s: number; kind: MeansKind; confirm: boolean }
  | { op: 'authenticate'; s: number; m: number }
  | { op: 'block'; s: number; m: number }
  | { op: 'blockPassword'; kind: MeansKind | 'all' }
  | { op: 'fail'; m: number }
  | { op: 'unblock'; s: number; m: number }
  | { op: 'deregister'; s: number; m: number }
  | { op: 'eid'; s: number }
  | { op: 'touch'; s: number }
  | { op: 'logout'; s: number };

// Small indices and a bias toward the creation session make interesting states (a confirmed second
// means, then acting on it) likely within a short sequence.
const idx = fc.oneof(fc.nat({ max: 2 }), fc.nat({ max: 7 }));
const sess = fc.oneof(fc.constant(0), fc.nat({ max: SESSIONS - 1 }));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('advance' as const),
    ms: fc.oneof(
      fc.integer({ min: 0, max: 10 * MIN }),
      fc.integer({ min: 0, max: 40 * MIN }),
      fc.integer({ min: 0, max: 13 * 60 * MIN }),
    ),
  }),
  fc.record({ op: fc.constant('login' as const), s: sess, means: fc.array(idx, { maxLength: 3 }) }),
  {
    arbitrary: fc.record({
      op: fc.constant('register' as const),
      s: sess,
      kind: fc.constantFrom(...KINDS),
      confirm: fc.boolean(),
    }),
    weight: 4,
  },
  fc.record({ op: fc.constant('authenticate' as const), s: sess, m: idx }),
  fc.record({ op: fc.constant('block' as const), s: sess, m: idx }),
  fc.record({
    op: fc.constant('blockPassword' as const),
    kind: fc.constantFrom<MeansKind | 'all'>(...MEANS_KINDS, 'all'),
  }),
  fc.record({ op: fc.constant('fail' as const), m: idx }),
  fc.record({ op: fc.constant('unblock' as const), s: sess, m: idx }),
  { arbitrary: fc.record({ op: fc.constant('deregister' as const), s: sess, m: idx }), weight: 2 },
  fc.record({ op: fc.constant('eid' as const), s: sess }),
  fc.record({ op: fc.constant('touch' as const), s: sess }),
  fc.record({ op: fc.constant('logout' as const), s: sess }),
);

interface World {
  account: Account;
  sessions: Session[];
  now: number;
  nextId: number;
}

/** Every level a block could lower: maximum, each session, each attribute's usable level. */
function levels(w: World): {
  max: MeansLevel | null;
  sessions: (MeansLevel | null)[];
  attributes: Record<string, DataLevel>;
} {
  return {
    max: accountMaxLevel(w.account),
    sessions: w.sessions.map((s) => sessionLevel(s, w.account, w.now, P)),
    attributes: Object.fromEntries(
      accountView(w.account, P).attributes.map((a) => [a.name, a.level]),
    ),
  };
}

function notAbove(after: DataLevel | null, before: DataLevel | null): boolean {
  return after === null || atLeast(before, after);
}

/** Applies one op; a DomainError leaves the world unchanged (anything else fails the property). */
function step(w: World, o: Op): World {
  const means = (m: number): string => w.account.means[m % w.account.means.length]?.id ?? 'none';
  const s = 's' in o ? (w.sessions[o.s] as Session) : undefined;
  const withSession = (r: { account: Account; session: Session }): World => ({
    ...w,
    account: r.account,
    sessions: w.sessions.map((x) => (x.id === r.session.id ? r.session : x)),
  });
  try {
    switch (o.op) {
      case 'advance':
        return { ...w, now: w.now + o.ms };
      case 'login': {
        let session = startSession({ id: (s as Session).id, accountId: w.account.id }, w.now);
        let account = w.account;
        for (const m of o.means)
          ({ account, session } = recordAuthentication(account, session, means(m), w.now, P));
        return withSession({ account, session });
      }
      case 'register': {
        const id = `m${w.nextId}`;
        let r = registerMeans(w.account, s as Session, { meansId: id, kind: o.kind }, w.now, P);
        // Confirming right away (§4.2, same session) is the common path; sometimes it stays pending.
        if (o.confirm) r = recordAuthentication(r.account, r.session, id, w.now, P);
        return { ...withSession(r), nextId: w.nextId + 1 };
      }
      case 'authenticate':
        return withSession(recordAuthentication(w.account, s as Session, means(o.m), w.now, P));
      case 'block':
        return {
          ...w,
          account: blockMeans(
            w.account,
            means(o.m),
            { via: 'session', session: s as Session },
            w.now,
            P,
          ).account,
        };
      case 'blockPassword':
        return {
          ...w,
          account: blockWithBlockPassword(w.account, { kind: o.kind }, w.now).account,
        };
      case 'fail':
        return { ...w, account: recordFailedAttempt(w.account, means(o.m), w.now, P).account };
      case 'unblock':
        return withSession(unblockMeans(w.account, s as Session, means(o.m), w.now, P));
      case 'deregister':
        return withSession(deregisterMeans(w.account, s as Session, means(o.m), w.now, P));
      case 'eid':
        return withSession(verifyWithEid(w.account, s as Session, ERIKA_EID, w.now, P));
      case 'touch':
        return {
          ...w,
          sessions: w.sessions.map((x) =>
            x.id === (s as Session).id ? touchSession(x, w.account, w.now, P).session : x,
          ),
        };
      case 'logout':
        return withSession(logout(w.account, s as Session, w.now));
    }
  } catch (e) {
    if (isDomainError(e)) return w;
    throw e;
  }
}

function checkInvariants(w: World): void {
  const active = w.account.means.filter((m) => m.status === 'active');
  // §2.5
  expect(accountMaxLevel(w.account)).toBe(highestLevel(active.map((m) => m.level)));
  expect(accountView(w.account, P).maxLevel).toBe(highestLevel(active.map((m) => m.level)));
  // §4.3: a session never exceeds the best means it used that still counts.
  for (const s of w.sessions) {
    const level = sessionLevel(s, w.account, w.now, P);
    let used: MeansLevel | null = null;
    let replaced = false;
    for (const a of s.authentications) {
      if (a.via === 'mds-verification') replaced = true;
      const m = w.account.means.find((x) => x.id === a.meansId);
      if (m?.status === 'active') used = maxLevel(used, a.grantedLevel);
    }
    if (!replaced) expect(notAbove(level, used), `session ${s.id}: ${level} > ${used}`).toBe(true);
    if (!replaced) expect(notAbove(level, accountMaxLevel(w.account))).toBe(true);
  }
  // §4.4 + footnote 5
  const password = w.account.means.find((m) => m.kind === 'password');
  if (password?.status === 'removed')
    expect(
      w.account.means.filter((m) => m.kind.startsWith('password+') && m.status !== 'removed'),
    ).toEqual([]);
  // failed attempts
  for (const m of active) expect(m.failedAttempts).toBeLessThan(P.maxFailedAttempts);
}

function initial(): World {
  const { account, session } = created(T0);
  const sessions = [
    session,
    ...Array.from({ length: SESSIONS - 1 }, (_, i) => ({
      ...startSession({ id: `s${i + 1}`, accountId: account.id }, T0),
    })),
  ];
  return { account, sessions, now: T0, nextId: 0 };
}

describe('domain properties over random operation sequences', () => {
  it('§2.5 max = highest active means; §4.3 session ≤ means used; footnote 5; failed-attempt counter', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => {
        let w = initial();
        checkInvariants(w);
        for (const o of ops) {
          w = step(w, o);
          checkInvariants(w);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('§4.4 blocking (session, block password, 3 failures) never raises any level', () => {
    const blockOp = fc.oneof(
      fc.record({ op: fc.constant('block' as const), s: sess, m: idx }),
      fc.record({
        op: fc.constant('blockPassword' as const),
        kind: fc.constantFrom<MeansKind | 'all'>(...MEANS_KINDS, 'all'),
      }),
      fc.record({ op: fc.constant('fail' as const), m: idx }),
    );
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(blockOp, { minLength: 1, maxLength: 6 }),
        (setup, blocks) => {
          let w = initial();
          for (const o of setup) w = step(w, o);
          for (const b of blocks) {
            const before = levels(w);
            w = step(w, b);
            const after = levels(w);
            expect(notAbove(after.max, before.max)).toBe(true);
            after.sessions.forEach((l, i) =>
              expect(notAbove(l, before.sessions[i] ?? null), `session ${i}`).toBe(true),
            );
            for (const [name, l] of Object.entries(after.attributes))
              expect(notAbove(l, before.attributes[name] ?? null), name).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
