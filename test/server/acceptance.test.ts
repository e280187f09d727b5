/**
 * Acceptance: the TR-03160-1 §5.1 example (Tables 3, 4, 5 — Erika Mustermann: password → FIDO token →
 * De-Mail → eID) replayed through the HTTP API of a real server, asserting every table's levels.
 * The rows come from the domain's fixture, so the domain test and this replay check the same thing.
 *
 * The FIDO token here is an in-test software token (test/server/means/soft-webauthn.ts) verified by
 * @simplewebauthn/server; the browser test drives Chromium's DevTools virtual authenticator instead.
 */
import { describe, expect, it } from 'vitest';
import { Client, PASSWORD, lastMessage, parseCode } from './http/client';
import { useTestServer } from './http/use-test-server';
import { SoftAuthenticator } from './means/soft-webauthn';
import {
  AFTER_STEP_2,
  ERIKA,
  ERIKA_DE_MAIL,
  ERIKA_EMAIL,
  ERIKA_SELF_ENTERED,
  EXTRA_ROWS_AFTER_EID,
  EXTRA_ROWS_BEFORE_EID,
  REQUIRES_RECONFIRMATION_AFTER_EID,
  TABLE_3,
  TABLE_4,
  TABLE_5,
  type ExampleTable,
  type TableRow,
} from './domain/tr-example.fixture';

interface Overview {
  maxLevel: string;
  attributes: { name: string; value: string; level: string; needsReconfirmation: boolean }[];
  means: { id: string; kind: string; level: string; status: string }[];
  session: { level: string };
}

const t = useTestServer();

async function expectTable(
  c: Client,
  table: ExampleTable,
  extra: readonly TableRow[],
): Promise<Overview> {
  const r = await c.get<Overview>('/api/account');
  expect(r.status).toBe(200);
  expect(r.body.maxLevel, `${table.name}: Max. Vertrauensniveau`).toBe(table.maxLevel);
  for (const row of [...table.rows, ...extra]) {
    const a = r.body.attributes.find((x) => x.name === row.attribute);
    expect(a, `${table.name}: ${row.label}`).toBeDefined();
    expect({ label: row.label, value: a?.value, level: a?.level }).toEqual({
      label: row.label,
      value: row.value,
      level: row.level,
    });
  }
  return r.body;
}

async function login(): Promise<Client> {
  const c = new Client(t.url);
  const r = await c.post('/api/login', { username: ERIKA.username, password: PASSWORD });
  expect(r.status).toBe(200);
  expect((r.body.session as { level: string }).level).toBe('niedrig');
  return c;
}

async function verifyAddress(
  c: Client,
  attribute: string,
  value: string,
  method: string,
  expected: string,
): Promise<void> {
  const start = await c.post<{ verificationId: string; level: string }>('/api/verifications', {
    attribute,
    value,
    method,
  });
  expect(start.status).toBe(201);
  expect(start.body.level).toBe(expected);
  const mail = await lastMessage(t.url, 'email', value);
  expect(mail.body).toContain(ERIKA.username); // §5.1: the message names the username
  const { code, id } = parseCode(mail.body);
  expect(id).toBe(start.body.verificationId);
  const done = await c.post(`/api/verifications/${start.body.verificationId}/confirm`, { code });
  expect(done.status).toBe(200);
  expect(done.body).toEqual({ attribute, level: expected });
}

describe('TR-03160-1 §5.1 example through the HTTP API', () => {
  const token = () => new SoftAuthenticator(new URL(t.server.origin).origin);
  let fido: SoftAuthenticator;
  let fidoMeansId: string;

  it('step 1 → Tabelle 3: self entry at Basisregistrierung, password niedrig, e-mail verified by link at niedrig', async () => {
    const c = new Client(t.url);
    const created = await c.post<{
      deletionNotice: { levelNow: string };
      session: { level: string };
    }>('/api/accounts', {
      username: ERIKA.username,
      password: PASSWORD,
      blockPassword: 'sperr-passwort-2024',
      attributes: ERIKA_SELF_ENTERED,
    });
    expect(created.status).toBe(201);
    expect(created.body.session.level).toBe('niedrig');
    expect(created.body.deletionNotice.levelNow).toBe('niedrig'); // §7: told at creation
    await verifyAddress(c, 'email', ERIKA_EMAIL, 'email-link', 'niedrig');
    const o = await expectTable(c, TABLE_3, EXTRA_ROWS_BEFORE_EID);
    expect(o.means.map((m) => [m.kind, m.level, m.status])).toEqual([
      ['password', 'niedrig', 'active'],
    ]);
    expect((await c.post('/api/logout')).status).toBe(204);
  });

  it('step 2: log in with A, register FIDO token B (substanziell), confirm it in the same session; attribute levels unchanged', async () => {
    const c = await login();
    fido = token();
    const reg = await c.post<{
      meansId: string;
      level: string;
      creationOptions: { challenge: string; rp: { id: string } };
    }>('/api/means', { kind: 'password+security-key', label: 'FIDO token' });
    expect(reg.status).toBe(201);
    expect(reg.body.level).toBe('substanziell');
    fidoMeansId = reg.body.meansId;
    const att = await c.post<{ kind: string; options: { challenge: string; rpId: string } }>(
      `/api/means/${fidoMeansId}/webauthn-registration`,
      { response: fido.create(reg.body.creationOptions) },
    );
    expect(att.status).toBe(200);
    expect(att.body.kind).toBe('webauthn');
    // Still pending (§4.2) until the confirming authentication:
    expect((await c.get<Overview>('/api/account')).body.maxLevel).toBe('niedrig');
    const conf = await c.post<{ session: { level: string } }>(
      `/api/means/${fidoMeansId}/authenticate`,
      { response: fido.get(att.body.options) },
    );
    expect(conf.status).toBe(200);
    expect(conf.body.session.level).toBe('substanziell');
    await expectTable(c, AFTER_STEP_2, EXTRA_ROWS_BEFORE_EID);
    await c.post('/api/logout');
  });

  it('step 3 → Tabelle 4: log in with A then B (substanziell), verify the De-Mail address at substanziell', async () => {
    const c = await login();
    const ch = await c.post<{ options: { challenge: string; rpId: string } }>(
      `/api/means/${fidoMeansId}/challenge`,
    );
    expect(ch.status).toBe(200);
    const up = await c.post<{ session: { level: string } }>(
      `/api/means/${fidoMeansId}/authenticate`,
      { response: fido.get(ch.body.options) },
    );
    expect(up.body.session.level).toBe('substanziell');
    await verifyAddress(c, 'deMail', ERIKA_DE_MAIL, 'de-mail', 'substanziell');
    await expectTable(c, TABLE_4, EXTRA_ROWS_BEFORE_EID);
    await c.post('/api/logout');
  });

  it('step 4 → Tabelle 5: log in with A (niedrig); §4.5 MDS verification replaces the substanziell authentication; eID C registered; MDS at hoch', async () => {
    const c = await login();
    const r = await c.post<{ replacedAuthentication: boolean; session: { level: string } }>(
      '/api/means/eid',
      { testIdentity: 'erika' },
    );
    expect(r.status).toBe(201);
    expect(r.body.replacedAuthentication).toBe(true);
    expect(r.body.session.level).toBe('hoch');
    const o = await expectTable(c, TABLE_5, EXTRA_ROWS_AFTER_EID);
    expect(o.means.map((m) => [m.kind, m.level, m.status])).toEqual([
      ['password', 'niedrig', 'active'],
      ['password+security-key', 'substanziell', 'active'],
      ['eid', 'hoch', 'active'],
    ]);
    const flagged = o.attributes
      .filter((a) => a.needsReconfirmation)
      .map((a) => a.name)
      .sort();
    expect(flagged).toEqual([...REQUIRES_RECONFIRMATION_AFTER_EID].sort());
    await c.post('/api/logout');
  });

  it('afterwards (Table 5 text): name attributes are usable verified after a later password login — capped at the session level niedrig', async () => {
    const c = await login();
    const id = await c.post<{ attributes: { name: string; level: string }[]; withheld: unknown[] }>(
      '/api/identify',
      {
        service: 'Online-Leistung (niedrig)',
        targetLevel: 'niedrig',
        attributes: ['familyName', 'givenNames', 'address'],
      },
    );
    expect(id.status).toBe(200);
    expect(id.body.attributes.map((a) => [a.name, a.level])).toEqual([
      ['familyName', 'niedrig'],
      ['givenNames', 'niedrig'],
      ['address', 'niedrig'],
    ]);
    const hoch = await c.post('/api/identify', {
      service: 'X',
      targetLevel: 'hoch',
      attributes: ['familyName'],
    });
    expect(hoch.status).toBe(403);
    expect((hoch.body.error as { code: string }).code).toBe('insufficient-level');
  });
});
