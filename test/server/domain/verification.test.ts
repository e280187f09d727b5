import { describe, expect, it } from 'vitest';
import {
  blockMeans,
  checkMinimumDataSet,
  completeVerification,
  confirmAttributes,
  findAttribute,
  rejectAttributes,
  replaceAuthenticationByVerification,
  sessionLevel,
  setSelfEnteredAttribute,
  startSession,
  startVerification,
  unblockMeans,
  verifyWithEid,
  type EidResult,
} from '../../../server/domain';
import {
  created,
  DAY,
  expectCode,
  HOUR,
  login,
  MIN,
  P,
  T0,
  withEidVerified,
  withToken,
} from './helpers';
import { ERIKA, ERIKA_EID } from './tr-example.fixture';

const A = ERIKA.meansA.id;
const B = ERIKA.meansB.id;

describe('§5 / §5.1 verification of attributes', () => {
  it('§5.1 a confirmation link to an e-mail address verifies at most niedrig, even in a hoch session', () => {
    const { account, session } = withEidVerified();
    const p = startVerification(
      account,
      session,
      { attribute: 'email', value: 'new@y.z', method: 'email-link' },
      T0,
      P,
    );
    expect(p.level).toBe('niedrig');
    expect(
      findAttribute(completeVerification(account, p, T0 + MIN).account, 'email'),
    ).toMatchObject({ value: 'new@y.z', level: 'niedrig', source: 'email-link' });
  });

  it('§5.1 Table 4: a De-Mail address verifies at substanziell only when the session is substanziell', () => {
    const account = withToken().account;
    const low = login(account, 'low', [A], T0);
    expect(
      startVerification(
        low.account,
        low.session,
        { attribute: 'deMail', value: 'e@x.de-mail.de', method: 'de-mail' },
        T0,
        P,
      ).level,
    ).toBe('niedrig');
    const sub = login(account, 'sub', [A, B], T0);
    expect(
      startVerification(
        sub.account,
        sub.session,
        { attribute: 'deMail', value: 'e@x.de-mail.de', method: 'de-mail' },
        T0,
        P,
      ).level,
    ).toBe('substanziell');
  });

  it('§5 no attribute is verified above the account maximum; verifying needs a logged-in session', () => {
    const { account, session } = login(withToken().account, 's', [A, B], T0);
    expect(
      startVerification(
        account,
        session,
        {
          attribute: 'familyName',
          value: 'Mustermann',
          method: 'trusted-party',
          attestedLevel: 'hoch',
        },
        T0,
        P,
      ).level,
    ).toBe('substanziell');
    expectCode(
      () =>
        startVerification(
          account,
          startSession({ id: 'anon', accountId: account.id }, T0),
          { attribute: 'email', value: 'a@b.c', method: 'email-link' },
          T0,
          P,
        ),
      'not-authenticated',
    );
    expectCode(
      () =>
        startVerification(
          account,
          session,
          { attribute: 'familyName', value: 'X', method: 'email-link' },
          T0,
          P,
        ),
      'not-applicable',
    );
  });

  it('§5 a completion is capped by the account maximum at that moment (the maximum dropped meanwhile)', () => {
    const { account, session } = login(withToken().account, 's', [A, B], T0);
    const p = startVerification(
      account,
      session,
      { attribute: 'deMail', value: 'e@x.de-mail.de', method: 'de-mail' },
      T0,
      P,
    );
    const dropped = blockMeans(account, B, { via: 'block-password' }, T0 + MIN, P).account;
    expect(
      findAttribute(completeVerification(dropped, p, T0 + 2 * MIN).account, 'deMail')?.level,
    ).toBe('niedrig');
  });

  it('§5.1 the confirmation may arrive asynchronously (after logout) but expires', () => {
    const { account, session } = created();
    const p = startVerification(
      account,
      session,
      { attribute: 'email', value: 'x@y.z', method: 'email-link' },
      T0,
      P,
    );
    expect(
      findAttribute(completeVerification(account, p, T0 + 23 * HOUR).account, 'email')?.level,
    ).toBe('niedrig');
    expectCode(() => completeVerification(account, p, T0 + DAY), 'verification-expired');
  });

  it('§5.1 re-verifying the same value at a lower level keeps the higher level; self-editing drops to Basisregistrierung', () => {
    const { session } = login(withToken().account, 's', [A, B], T0);
    let { account } = login(withToken().account, 's', [A, B], T0);
    account = completeVerification(
      account,
      startVerification(
        account,
        session,
        { attribute: 'deMail', value: 'e@x.de-mail.de', method: 'de-mail' },
        T0,
        P,
      ),
      T0,
    ).account;
    account = completeVerification(
      account,
      startVerification(
        account,
        session,
        { attribute: 'deMail', value: 'e@x.de-mail.de', method: 'email-link' },
        T0,
        P,
      ),
      T0,
    ).account;
    expect(findAttribute(account, 'deMail')?.level).toBe('substanziell');
    ({ account } = setSelfEnteredAttribute(
      account,
      session,
      'deMail',
      'other@x.de-mail.de',
      T0 + MIN,
      P,
    ));
    expect(findAttribute(account, 'deMail')).toMatchObject({
      level: 'basisregistrierung',
      source: 'self-entered',
      verifiedAt: null,
    });
  });

  it('§5.1 eID verifies the minimum data set at hoch, overwrites it with the eID values and flags every other attribute for re-confirmation', () => {
    const { account, events } = withEidVerified();
    for (const [k, v] of Object.entries(ERIKA_EID.attributes))
      expect(findAttribute(account, k)).toMatchObject({
        value: v,
        level: 'hoch',
        source: 'eid',
        needsReconfirmation: false,
      });
    expect(account.eidPseudonym).toBe(ERIKA_EID.pseudonym);
    expect(account.attributes.filter((a) => a.needsReconfirmation).map((a) => a.name)).toEqual([
      'phone',
    ]);
    expect(events.map((e) => e.type)).toContain('attributes-need-reconfirmation');
  });

  it('§5.1 eID data bound to a lower session are verified only at that session level', () => {
    const { account, session } = login(withToken().account, 's', [A, B], T0);
    const r = verifyWithEid(account, session, ERIKA_EID, T0, P);
    expect(findAttribute(r.account, 'familyName')).toMatchObject({
      value: 'MUSTERMANN',
      level: 'substanziell',
    });
  });

  it('§5.1 the user confirms flagged attributes (flag cleared) or rejects them (deleted)', () => {
    const { account, session } = withEidVerified();
    const c = confirmAttributes(account, session, ['phone'], T0 + MIN, P);
    expect(findAttribute(c.account, 'phone')).toMatchObject({
      needsReconfirmation: false,
      level: 'basisregistrierung',
    });
    const r = rejectAttributes(account, session, ['phone'], T0 + MIN, P);
    expect(findAttribute(r.account, 'phone')).toBeUndefined();
    expectCode(
      () => confirmAttributes(account, session, ['nope'], T0 + MIN, P),
      'unknown-attribute',
    );
    // Only flagged attributes: rejecting is no back door to delete verified data (found by the HTTP property test).
    expect(findAttribute(account, 'familyName')).toMatchObject({
      level: 'hoch',
      needsReconfirmation: false,
    });
    expectCode(
      () => rejectAttributes(account, session, ['familyName'], T0 + MIN, P),
      'not-applicable',
    );
    expectCode(
      () => confirmAttributes(c.account, c.session, ['phone'], T0 + MIN, P),
      'not-applicable',
    );
  });
});

describe('§4.5 verification of the minimum data set instead of an authentication', () => {
  it('§4.5 matching values (case, ß/SS, Rufname among the given names) replace an authentication at the intended level', () => {
    const { account, session } = login(withToken().account, 's', [A], T0);
    expect(checkMinimumDataSet(account, ERIKA_EID)).toEqual({ ok: true, via: 'attributes' });
    const r = replaceAuthenticationByVerification(account, session, ERIKA_EID, T0 + MIN, P);
    // capped at the highest registered means (substanziell), never above what the account has
    expect(sessionLevel(r.session, r.account, T0 + MIN, P)).toBe('substanziell');
    expect(r.session.authentications.at(-1)).toMatchObject({
      meansId: null,
      via: 'mds-verification',
      level: 'substanziell',
    });
    expect(r.account).toBe(account); // no attribute changes here
  });

  it('§4.5 Nr. 2: any differing value makes it fail (no changes possible)', () => {
    const { account, session } = login(withToken().account, 's', [A], T0);
    const moved: EidResult = {
      ...ERIKA_EID,
      attributes: { ...ERIKA_EID.attributes, address: 'ANDERE STRASSE 1, 10115 BERLIN' },
    };
    expectCode(
      () => replaceAuthenticationByVerification(account, session, moved, T0, P),
      'mds-mismatch',
    );
    const other: EidResult = {
      ...ERIKA_EID,
      attributes: { ...ERIKA_EID.attributes, givenNames: 'MARIA' },
    };
    expect(checkMinimumDataSet(account, other)).toMatchObject({
      ok: false,
      code: 'mds-mismatch',
      attribute: 'givenNames',
    });
    const noBirthName: EidResult = {
      ...ERIKA_EID,
      attributes: { ...ERIKA_EID.attributes, birthName: undefined },
    };
    expect(checkMinimumDataSet(account, noBirthName)).toMatchObject({
      ok: false,
      code: 'mds-mismatch',
      attribute: 'birthName',
    });
  });

  it('§4.5 Nr. 1: without the pseudonym, every other MDS attribute must be stored', () => {
    const { account: full, session } = login(withToken().account, 's', [A], T0);
    const account = {
      ...full,
      attributes: full.attributes.filter((a) => a.name !== 'placeOfBirth'),
    };
    expectCode(
      () => replaceAuthenticationByVerification(account, session, ERIKA_EID, T0, P),
      'mds-incomplete',
    );
  });

  it('§4.5 Nr. 1: a stored pseudonym (eindeutige Kennung) suffices on its own', () => {
    const { account } = withEidVerified();
    const s = login(account, 's', [A], T0 + MIN);
    const bare: EidResult = { pseudonym: ERIKA_EID.pseudonym, level: 'hoch', attributes: {} };
    expect(checkMinimumDataSet(s.account, bare)).toEqual({ ok: true, via: 'pseudonym' });
    expect(
      sessionLevel(
        replaceAuthenticationByVerification(s.account, s.session, bare, T0 + MIN, P).session,
        s.account,
        T0 + MIN,
        P,
      ),
    ).toBe('hoch');
  });

  it('§4.4/§4.5 re-identification lets the user unblock a lost means (plus authenticating with it)', () => {
    const blocked = blockMeans(withToken().account, B, { via: 'block-password' }, T0, P).account;
    let { account, session } = login(blocked, 's', [A], T0 + MIN);
    expectCode(() => unblockMeans(account, session, B, T0 + MIN, P), 'insufficient-level');
    ({ account, session } = replaceAuthenticationByVerification(
      account,
      session,
      ERIKA_EID,
      T0 + 2 * MIN,
      P,
    ));
    const r = unblockMeans(account, session, B, T0 + 3 * MIN, P);
    expect(r.account.means.find((m) => m.id === B)?.status).toBe('active');
  });

  it('§4.3 the replacement authentication is subject to Table 2 like any other', () => {
    const { account, session } = login(withToken().account, 's', [A], T0);
    const r = replaceAuthenticationByVerification(account, session, ERIKA_EID, T0, P);
    expect(sessionLevel(r.session, r.account, T0 + 30 * MIN, P)).toBe('niedrig');
    expect(sessionLevel(r.session, r.account, T0 + 60 * MIN, P)).toBeNull();
  });
});

describe('§4.5 counts only the owner’s values and pseudonym (issue #7 items 1, 2)', () => {
  const MAX: EidResult = {
    pseudonym: 'dkk-attacker',
    level: 'hoch',
    attributes: {
      familyName: 'MUSTERMANN',
      givenNames: 'MAX',
      birthName: 'MUSTERMANN',
      dateOfBirth: '1970-01-01',
      placeOfBirth: 'HAMBURG',
      address: 'MUSTERWEG 1',
    },
  };

  it('values stored at creation carry provenance account-creation; an edit carries the editing session’s level', () => {
    const { account, session } = login(withToken().account, 's', [A], T0);
    expect(findAttribute(account, 'familyName')?.provenance).toBe('account-creation');
    const edited = setSelfEnteredAttribute(account, session, 'familyName', 'Anders', T0, P).account;
    expect(findAttribute(edited, 'familyName')?.provenance).toBe('niedrig');
    // Re-entering the same value keeps the owner's provenance.
    expect(
      findAttribute(
        setSelfEnteredAttribute(account, session, 'familyName', 'Mustermann', T0, P).account,
        'familyName',
      )?.provenance,
    ).toBe('account-creation');
  });

  it('values planted from a niedrig session do not count for a substanziell substitute', () => {
    let { account, session } = login(withToken().account, 's', [A], T0);
    for (const [name, value] of Object.entries(MAX.attributes))
      ({ account, session } = setSelfEnteredAttribute(
        account,
        session,
        name,
        value as string,
        T0,
        P,
      ));
    expect(checkMinimumDataSet(account, MAX, 'substanziell')).toMatchObject({
      ok: false,
      code: 'mds-incomplete',
    });
    expectCode(
      () => replaceAuthenticationByVerification(account, session, MAX, T0, P),
      'mds-incomplete',
    );
    // … but for a niedrig-only account (nothing above niedrig to gain) the same values are the owner's level.
    expect(checkMinimumDataSet(account, MAX, 'niedrig')).toEqual({ ok: true, via: 'attributes' });
  });

  it('a pseudonym bound from a niedrig session does not count for a substanziell substitute', () => {
    const { account, session } = login(withToken().account, 's', [A], T0);
    const v = verifyWithEid(account, session, MAX, T0, P);
    expect(v.account.eidPseudonymProvenance).toBe('niedrig');
    const bare: EidResult = { pseudonym: MAX.pseudonym, level: 'hoch', attributes: {} };
    expectCode(
      () => replaceAuthenticationByVerification(v.account, v.session, bare, T0, P),
      'mds-incomplete',
    );
  });

  it('the card of a blocked eID is no substitute, and a substitute made with it stops counting at the block', () => {
    const { account } = withEidVerified();
    const s = login(account, 's', [A], T0 + MIN);
    const r = replaceAuthenticationByVerification(s.account, s.session, ERIKA_EID, T0 + MIN, P);
    expect(r.session.authentications.at(-1)?.pseudonym).toBe(ERIKA_EID.pseudonym);
    const blocked = blockMeans(
      r.account,
      ERIKA.meansC.id,
      { via: 'block-password' },
      T0 + MIN,
      P,
    ).account;
    expectCode(
      () => replaceAuthenticationByVerification(blocked, s.session, ERIKA_EID, T0 + MIN, P),
      'means-blocked',
    );
    expect(sessionLevel(r.session, blocked, T0 + MIN, P)).toBe('niedrig'); // only the password is left
    expectCode(
      () => unblockMeans(blocked, r.session, ERIKA.meansC.id, T0 + MIN, P),
      'insufficient-level',
    );
  });

  it('another card cannot replace the registered eID’s pseudonym', () => {
    const { account, session } = withEidVerified();
    expectCode(() => verifyWithEid(account, session, MAX, T0, P), 'not-applicable');
  });
});
