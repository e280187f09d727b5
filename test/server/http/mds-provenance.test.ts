/**
 * Issue #7 items 1 and 2 over HTTP: §4.5 (verification instead of authentication) counts only the
 * owner's minimum data and pseudonym, and a blocked eID is no substitute for itself.
 * The victim has the MDS from account creation and a TOTP (account maximum substanziell); the
 * attacker knows only the password. Test eID 'max' is the attacker's card, 'erika' the victim's.
 */
import { describe, expect, it } from 'vitest';
import { BLOCK_PASSWORD, Client, PASSWORD, newAccount, totpNow } from './client';
import { useTestServer, uniqueNamer } from './use-test-server';
import { ERIKA_SELF_ENTERED } from '../domain/tr-example.fixture';

// A fresh server per test: one card (pseudonym) binds to one account only.
const t = useTestServer({ perTest: true });
const uniq = uniqueNamer();

/** The attacker's own data (test eID 'max'), as he types it into the victim's account. */
const MAX_MDS = {
  familyName: 'Mustermann',
  givenNames: 'Max',
  birthName: 'Mustermann',
  dateOfBirth: '1970-01-01',
  placeOfBirth: 'Hamburg',
  address: 'Musterweg 1, 20095 Hamburg',
};

/** A victim account: MDS entered at creation, TOTP confirmed (maximum substanziell). */
async function victim(): Promise<{ username: string; totpId: string; secret: string }> {
  const username = uniq('victim');
  const c = await newAccount(t.url, username, ERIKA_SELF_ENTERED);
  const r = await c.post<{ meansId: string; totp: { secret: string } }>('/api/means', {
    kind: 'password+totp',
  });
  expect(
    (
      await c.post(`/api/means/${r.body.meansId}/authenticate`, {
        code: await totpNow(t.url, r.body.totp.secret),
      })
    ).status,
  ).toBe(200);
  return { username, totpId: r.body.meansId, secret: r.body.totp.secret };
}

/** The attacker: logged in with the victim's password only (niedrig). */
async function passwordOnly(username: string): Promise<Client> {
  const c = new Client(t.url);
  const r = await c.post<{ session: { level: string } }>('/api/login', {
    username,
    password: PASSWORD,
  });
  expect(r.body.session.level).toBe('niedrig');
  return c;
}

describe('§4.5 counts only the owner’s data (issue #7 item 1)', () => {
  it('minimum data overwritten from a niedrig session does not let the attacker register his eID or log in', async () => {
    const v = await victim();
    const a = await passwordOnly(v.username);
    for (const [name, value] of Object.entries(MAX_MDS))
      expect((await a.req('PUT', `/api/account/attributes/${name}`, { value })).status).toBe(204);
    const reg = await a.post<{ error: { code: string } }>('/api/means/eid', {
      testIdentity: 'max',
    });
    expect(reg.status).toBe(409);
    expect(reg.body.error.code).toBe('mds-incomplete');
    expect((await a.get<{ level: string }>('/api/session')).body.level).toBe('niedrig');
    // The TOTP stays: removing it needs substanziell.
    expect((await a.req('DELETE', `/api/means/${v.totpId}`)).status).toBe(403);
    // The planted data does not open a session without the password either.
    expect(
      (
        await new Client(t.url).post('/api/login/mds', {
          username: v.username,
          testIdentity: 'max',
        })
      ).status,
    ).toBe(401);
  });

  it('a pseudonym bound from a niedrig session does not count: no mds login, no eID registration', async () => {
    const v = await victim();
    const a = await passwordOnly(v.username);
    expect((await a.post('/api/verifications/eid', { testIdentity: 'max' })).status).toBe(204);
    expect(
      (
        await new Client(t.url).post('/api/login/mds', {
          username: v.username,
          testIdentity: 'max',
        })
      ).status,
    ).toBe(401);
    const reg = await a.post('/api/means/eid', { testIdentity: 'max' });
    expect(reg.status).toBe(409);
    expect((await a.get<{ level: string }>('/api/session')).body.level).toBe('niedrig');
  });

  it('the owner’s data from account creation still counts (the TR’s Table 5 path)', async () => {
    const v = await victim();
    const c = await passwordOnly(v.username);
    const reg = await c.post<{ replacedAuthentication: boolean; session: { level: string } }>(
      '/api/means/eid',
      { testIdentity: 'erika' },
    );
    expect(reg.status).toBe(201);
    expect(reg.body.replacedAuthentication).toBe(true);
    expect(reg.body.session.level).toBe('hoch');
  });
});

describe('a blocked eID is no §4.5 substitute and does not unblock itself (issue #7 item 2)', () => {
  it('after the block password blocked the eID, the same card gives no mds login', async () => {
    const v = await victim();
    const owner = await passwordOnly(v.username);
    expect((await owner.post('/api/means/eid', { testIdentity: 'erika' })).status).toBe(201);
    const blocked = await new Client(t.url).post<{ blocked: string[] }>('/api/block', {
      username: v.username,
      blockPassword: BLOCK_PASSWORD,
      kind: 'eid',
    });
    expect(blocked.body.blocked).toHaveLength(1);
    const thief = new Client(t.url);
    expect(
      (await thief.post('/api/login/mds', { username: v.username, testIdentity: 'erika' })).status,
    ).toBe(401);
    expect((await thief.get('/api/session')).status).toBe(401);
  });

  it('a §4.5 authentication made with the card stops counting once that eID is blocked, so it cannot unblock it', async () => {
    const v = await victim();
    const owner = await passwordOnly(v.username);
    const reg = await owner.post<{ meansId: string }>('/api/means/eid', { testIdentity: 'erika' });
    expect(reg.status).toBe(201);
    // A session raised by §4.5 with the card (before the block) …
    const s = new Client(t.url);
    const ok = await s.post<{ session: { level: string } }>('/api/login/mds', {
      username: v.username,
      testIdentity: 'erika',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.session.level).toBe('hoch');
    expect(
      (
        await new Client(t.url).post('/api/block', {
          username: v.username,
          blockPassword: BLOCK_PASSWORD,
          kind: 'eid',
        })
      ).status,
    ).toBe(200);
    // … has no level left without the blocked card, so neither identify nor unblock works.
    expect(
      (
        await s.post('/api/identify', {
          service: 'S',
          targetLevel: 'hoch',
          attributes: ['familyName'],
        })
      ).status,
    ).toBe(401);
    expect(
      (await s.post(`/api/means/${reg.body.meansId}/unblock`, { testIdentity: 'erika' })).status,
    ).toBe(401);
    // Unblocking needs hoch reached WITHOUT the blocked means: the password + TOTP reach substanziell only.
    const p = await passwordOnly(v.username);
    expect(
      (
        await p.post(`/api/means/${v.totpId}/authenticate`, {
          code: await totpNow(t.url, v.secret, 1),
        })
      ).status,
    ).toBe(200);
    expect(
      (await p.post(`/api/means/${reg.body.meansId}/unblock`, { testIdentity: 'erika' })).status,
    ).toBe(403);
  });
});
