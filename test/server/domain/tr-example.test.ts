import { describe, expect, it } from 'vitest';
import {
  accountView,
  completeVerification,
  identify,
  isDomainError,
  logout,
  recordAuthentication,
  registerMeans,
  replaceAuthenticationByVerification,
  sessionLevel,
  startSession,
  startVerification,
  verifyWithEid,
  type Account,
  type Session,
} from '../../../server/domain';
import { DAY, MIN, P, T0, created } from './helpers';
import {
  AFTER_STEP_2,
  ERIKA,
  ERIKA_DE_MAIL,
  ERIKA_EID,
  ERIKA_EMAIL,
  EXTRA_ROWS_AFTER_EID,
  EXTRA_ROWS_BEFORE_EID,
  REQUIRES_RECONFIRMATION_AFTER_EID,
  TABLE_3,
  TABLE_4,
  TABLE_5,
  type ExampleTable,
  type TableRow,
} from './tr-example.fixture';

function expectTable(account: Account, table: ExampleTable, extra: readonly TableRow[]): void {
  const view = accountView(account, P);
  expect(view.maxLevel, `${table.name}: Max. Vertrauensniveau`).toBe(table.maxLevel);
  for (const r of [...table.rows, ...extra]) {
    const a = view.attributes.find((x) => x.name === r.attribute);
    expect(a, `${table.name}: ${r.label}`).toBeDefined();
    expect({ label: r.label, value: a?.value, level: a?.level }).toEqual({
      label: r.label,
      value: r.value,
      level: r.level,
    });
  }
}

describe('§5.1 TR example, Tables 3–5 (Erika Mustermann), replayed through the domain', () => {
  it('§5.1 Table 3 → step 2 → Table 4 → Table 5, asserting every level the tables show', () => {
    // Step 1: create the account (self entry at Basisregistrierung, password A at niedrig), verify the e-mail by link.
    const creation = created(T0);
    const session = creation.session;
    let account = creation.account;
    expect(sessionLevel(session, account, T0, P)).toBe('niedrig');
    const pendingMail = startVerification(
      account,
      session,
      { attribute: 'email', value: ERIKA_EMAIL, method: 'email-link' },
      T0 + MIN,
      P,
    );
    expect(pendingMail.level).toBe('niedrig');
    account = completeVerification(account, pendingMail, T0 + 3 * MIN).account;
    expectTable(account, TABLE_3, EXTRA_ROWS_BEFORE_EID);
    ({ account } = logout(account, session, T0 + 4 * MIN));

    // Step 2: log in with A, register FIDO token B (substanziell); the account max is niedrig, so niedrig suffices (upgrade).
    let t = T0 + DAY;
    let s2: Session = startSession({ id: 's2', accountId: account.id }, t);
    ({ account, session: s2 } = recordAuthentication(account, s2, ERIKA.meansA.id, t, P));
    ({ account, session: s2 } = registerMeans(
      account,
      s2,
      { meansId: ERIKA.meansB.id, kind: ERIKA.meansB.kind },
      t + MIN,
      P,
    ));
    expect(accountView(account, P).maxLevel).toBe('niedrig'); // pending does not count yet
    ({ account, session: s2 } = recordAuthentication(account, s2, ERIKA.meansB.id, t + 2 * MIN, P)); // confirmed in the same session
    expectTable(account, AFTER_STEP_2, EXTRA_ROWS_BEFORE_EID);
    ({ account } = logout(account, s2, t + 3 * MIN));

    // Step 3: authenticate with B (after the password, footnote 5) and verify the De-Mail address at substanziell.
    t = T0 + 2 * DAY;
    let s3: Session = startSession({ id: 's3', accountId: account.id }, t);
    ({ account, session: s3 } = recordAuthentication(account, s3, ERIKA.meansA.id, t, P));
    ({ account, session: s3 } = recordAuthentication(account, s3, ERIKA.meansB.id, t + MIN, P));
    expect(sessionLevel(s3, account, t + MIN, P)).toBe('substanziell');
    const pendingDeMail = startVerification(
      account,
      s3,
      { attribute: 'deMail', value: ERIKA_DE_MAIL, method: 'de-mail' },
      t + 2 * MIN,
      P,
    );
    expect(pendingDeMail.level).toBe('substanziell');
    account = completeVerification(account, pendingDeMail, t + 5 * MIN).account;
    expectTable(account, TABLE_4, EXTRA_ROWS_BEFORE_EID);
    ({ account } = logout(account, s3, t + 6 * MIN));

    // Step 4: log in with A only; registering eID C needs substanziell (account max) …
    t = T0 + 3 * DAY;
    let s4: Session = startSession({ id: 's4', accountId: account.id }, t);
    ({ account, session: s4 } = recordAuthentication(account, s4, ERIKA.meansA.id, t, P));
    let refused: unknown;
    try {
      registerMeans(account, s4, { meansId: ERIKA.meansC.id, kind: ERIKA.meansC.kind }, t + MIN, P);
    } catch (e) {
      refused = e;
    }
    expect(isDomainError(refused, 'insufficient-level')).toBe(true);
    // … which §4.5 lets a matching eID verification of the minimum data set replace.
    ({ account, session: s4 } = replaceAuthenticationByVerification(
      account,
      s4,
      ERIKA_EID,
      t + 2 * MIN,
      P,
    ));
    expect(sessionLevel(s4, account, t + 2 * MIN, P)).toBe('substanziell');
    ({ account, session: s4 } = registerMeans(
      account,
      s4,
      { meansId: ERIKA.meansC.id, kind: ERIKA.meansC.kind },
      t + 2 * MIN,
      P,
    ));
    ({ account, session: s4 } = recordAuthentication(account, s4, ERIKA.meansC.id, t + 3 * MIN, P));
    expect(sessionLevel(s4, account, t + 3 * MIN, P)).toBe('hoch');
    // "Die vom Ausweis übermittelten Identitätsdaten verifiziert das Nutzerkonto automatisch."
    ({ account, session: s4 } = verifyWithEid(account, s4, ERIKA_EID, t + 3 * MIN, P));
    expectTable(account, TABLE_5, EXTRA_ROWS_AFTER_EID);
    const flagged = accountView(account, P)
      .attributes.filter((a) => a.needsReconfirmation)
      .map((a) => a.name)
      .sort();
    expect(flagged).toEqual([...REQUIRES_RECONFIRMATION_AFTER_EID].sort());

    // Identification at hoch in this session releases the eID data at hoch.
    const atHoch = identify(
      account,
      s4,
      { targetLevel: 'hoch', attributes: ['familyName', 'givenNames', 'phone'] },
      t + 4 * MIN,
      P,
    );
    expect(atHoch.attributes.map((a) => [a.name, a.level])).toEqual([
      ['familyName', 'hoch'],
      ['givenNames', 'hoch'],
    ]);
    ({ account } = logout(account, s4, t + 5 * MIN));

    // "… nach einer späteren Authentisierung z. B. mit Benutzername und Passwort … auf Vertrauensniveau niedrig verwendet werden."
    t = T0 + 4 * DAY;
    let s5: Session = startSession({ id: 's5', accountId: account.id }, t);
    ({ account, session: s5 } = recordAuthentication(account, s5, ERIKA.meansA.id, t, P));
    const atNiedrig = identify(
      account,
      s5,
      { targetLevel: 'niedrig', attributes: ['familyName', 'givenNames', 'address'] },
      t + MIN,
      P,
    );
    expect(atNiedrig.attributes).toEqual([
      { name: 'familyName', value: 'MUSTERMANN', level: 'niedrig', basisregistrierung: false },
      { name: 'givenNames', value: 'ERIKA MARIA', level: 'niedrig', basisregistrierung: false },
      {
        name: 'address',
        value: 'HEIDESTRASSE 17, 51147 KÖLN',
        level: 'niedrig',
        basisregistrierung: false,
      },
    ]);
  });
});
