/**
 * TR-03160-1 §5.1 example (Tables 3, 4, 5: Erika Mustermann, password → FIDO token → De-Mail → eID)
 * as data, so the domain test and the HTTP acceptance test replay the same steps and assert the same rows.
 *
 * The TR's tables are abridged ("nur beispielhaft", §2.3) — the text of step 4 mentions an address that
 * the tables omit, and §4.5 needs the whole minimum data set stored. The extra rows (date and place of
 * birth, address) are ours; they are listed separately in EXTRA_ROWS_* so the TR rows stay verbatim.
 */
import type { DataLevel, EidResult, MeansKind, MeansLevel } from '../../../server/domain';

/** One row of a TR table: the German label, our attribute key, the value and the level shown. */
export interface TableRow {
  readonly label: string;
  readonly attribute: string;
  readonly value: string;
  readonly level: DataLevel;
}

/** One table: "Max. Vertrauensniveau" plus the attribute rows. */
export interface ExampleTable {
  readonly name: string;
  readonly maxLevel: MeansLevel;
  readonly rows: readonly TableRow[];
}

/** Account and means ids/usernames used by the replay. */
export const ERIKA = {
  accountId: 'acc-erika',
  username: 'erika.mustermann',
  /** Means A: username + password (niedrig). */
  meansA: { id: 'means-a', kind: 'password' as MeansKind, level: 'niedrig' as MeansLevel },
  /** Means B: FIDO token after the password (footnote 5) = password+security-key (substanziell). */
  meansB: {
    id: 'means-b',
    kind: 'password+security-key' as MeansKind,
    level: 'substanziell' as MeansLevel,
  },
  /** Means C: Online-Ausweisfunktion (hoch). */
  meansC: { id: 'means-c', kind: 'eid' as MeansKind, level: 'hoch' as MeansLevel },
} as const;

/** Step 1: self-entered data (Selbsteingabe). The first four keys are Table 3's; the rest complete the MDS. */
export const ERIKA_SELF_ENTERED: Readonly<Record<string, string>> = {
  familyName: 'Mustermann',
  birthName: 'Gabler',
  givenNames: 'Erika',
  phone: '+999 1234 567890',
  dateOfBirth: '1964-08-12',
  placeOfBirth: 'Berlin',
  address: 'Heidestraße 17, 51147 Köln',
};

/** Step 1: e-mail address verified by an activation link (niedrig). */
export const ERIKA_EMAIL = 'x@y.z';
/** Step 3: De-Mail address verified by a code sent via absenderbestätigte De-Mail (substanziell). */
export const ERIKA_DE_MAIL = 'erika.mustermann@anbieter.de-mail.de';

/** Step 4: what the (test) eID delivers for Erika: the German minimum data set at hoch, plus a pseudonym. */
export const ERIKA_EID: EidResult = {
  pseudonym: 'test-dkk-erika-mustermann-0001',
  level: 'hoch',
  attributes: {
    familyName: 'MUSTERMANN',
    birthName: 'GABLER',
    givenNames: 'ERIKA MARIA',
    dateOfBirth: '1964-08-12',
    placeOfBirth: 'BERLIN',
    address: 'HEIDESTRASSE 17, 51147 KÖLN',
  },
};

const row = (label: string, attribute: string, value: string, level: DataLevel): TableRow => ({
  label,
  attribute,
  value,
  level,
});

/** Tabelle 3 (after step 1), verbatim. */
export const TABLE_3: ExampleTable = {
  name: 'Tabelle 3',
  maxLevel: 'niedrig',
  rows: [
    row('Name', 'familyName', 'Mustermann', 'basisregistrierung'),
    row('Geburtsname', 'birthName', 'Gabler', 'basisregistrierung'),
    row('Vornamen', 'givenNames', 'Erika', 'basisregistrierung'),
    row('Telefonnummer', 'phone', '+999 1234 567890', 'basisregistrierung'),
    row('E-Mail-Adresse', 'email', 'x@y.z', 'niedrig'),
  ],
};

/** After step 2 (FIDO token registered): the maximum rises, attribute levels do not change (§4.2). */
export const AFTER_STEP_2: ExampleTable = {
  name: 'nach Schritt 2',
  maxLevel: 'substanziell',
  rows: TABLE_3.rows,
};

/** Tabelle 4 (after step 3), verbatim. */
export const TABLE_4: ExampleTable = {
  name: 'Tabelle 4',
  maxLevel: 'substanziell',
  rows: [
    ...TABLE_3.rows,
    row('De-Mail-Adresse', 'deMail', 'erika.mustermann@anbieter.de-mail.de', 'substanziell'),
  ],
};

/** Tabelle 5 (after step 4), verbatim. */
export const TABLE_5: ExampleTable = {
  name: 'Tabelle 5',
  maxLevel: 'hoch',
  rows: [
    row('Name', 'familyName', 'MUSTERMANN', 'hoch'),
    row('Geburtsname', 'birthName', 'GABLER', 'hoch'),
    row('Vornamen', 'givenNames', 'ERIKA MARIA', 'hoch'),
    row('Telefonnummer', 'phone', '+999 1234 567890', 'basisregistrierung'),
    row('E-Mail-Adresse', 'email', 'x@y.z', 'niedrig'),
    row('De-Mail-Adresse', 'deMail', 'erika.mustermann@anbieter.de-mail.de', 'substanziell'),
  ],
};

/** Our extra MDS rows before the eID (Tables 3 and 4). */
export const EXTRA_ROWS_BEFORE_EID: readonly TableRow[] = [
  row('Geburtsdatum', 'dateOfBirth', '1964-08-12', 'basisregistrierung'),
  row('Geburtsort', 'placeOfBirth', 'Berlin', 'basisregistrierung'),
  row('Anschrift', 'address', 'Heidestraße 17, 51147 Köln', 'basisregistrierung'),
];

/** Our extra MDS rows after the eID (Table 5): overwritten with the eID's values at hoch. */
export const EXTRA_ROWS_AFTER_EID: readonly TableRow[] = [
  row('Geburtsdatum', 'dateOfBirth', '1964-08-12', 'hoch'),
  row('Geburtsort', 'placeOfBirth', 'BERLIN', 'hoch'),
  row('Anschrift', 'address', 'HEIDESTRASSE 17, 51147 KÖLN', 'hoch'),
];

/** Attributes the user must re-confirm after the eID takeover (§5.1): every non-MDS attribute. */
export const REQUIRES_RECONFIRMATION_AFTER_EID: readonly string[] = ['phone', 'email', 'deMail'];

/** The four sessions of the example ("jeweils abgeschlossene Sitzungen"), as the replay performs them. */
export const STEPS = [
  {
    step: 1,
    does: 'create account (self entry, password A niedrig, block password); verify e-mail by link',
    expect: TABLE_3,
  },
  {
    step: 2,
    does: 'log in with A; register FIDO token B (needs niedrig = account max, upgrade); confirm B in the same session',
    expect: AFTER_STEP_2,
  },
  { step: 3, does: 'log in with A then B (substanziell); verify De-Mail by code', expect: TABLE_4 },
  {
    step: 4,
    does: 'log in with A (niedrig); registering eID C needs substanziell → §4.5 eID verification of the MDS replaces it; register C; confirm C (hoch); eID verifies the MDS at hoch',
    expect: TABLE_5,
  },
] as const;
