/**
 * Integration tests of the JSON API over real HTTP (server on 127.0.0.1 port 0, real SQLite file,
 * real Argon2id): every route, bad input (400 with a typed body), CSRF, content type, security
 * headers, generic login errors, throttling, TOTP single use and ±1 step, the 3-strikes block,
 * blocking / unblocking / removal, verification, identification, deletion, test-mode routes.
 */
import { describe, expect, it } from 'vitest';
import {
  BLOCK_PASSWORD,
  Client,
  PASSWORD,
  advance,
  lastMessage,
  newAccount,
  parseCode,
  startTestServer,
  totpNow,
} from './client';
import { useTestServer, uniqueNamer } from './use-test-server';
import { SoftAuthenticator } from '../means/soft-webauthn';

const t = useTestServer();
const uniq = uniqueNamer();

type Err = {
  error: { code: string; message: string; details?: unknown[]; params?: Record<string, unknown> };
};

/** Registers and confirms TOTP for a logged-in client; returns means id and secret. */
async function addTotp(c: Client): Promise<{ id: string; secret: string }> {
  const r = await c.post<{
    meansId: string;
    totp: { secret: string; otpauthUri: string; qrSvg: string };
  }>('/api/means', { kind: 'password+totp' });
  expect(r.status).toBe(201);
  const conf = await c.post(`/api/means/${r.body.meansId}/authenticate`, {
    code: await totpNow(t.url, r.body.totp.secret),
  });
  expect(conf.status).toBe(200);
  return { id: r.body.meansId, secret: r.body.totp.secret };
}

describe('account creation and input validation', () => {
  it('creates an account, sets an HttpOnly SameSite=Strict cookie, tells the deletion level', async () => {
    const c = new Client(t.url);
    const r = await c.req<{ deletionNotice: { levelNow: string }; session: { level: string } }>(
      'POST',
      '/api/accounts',
      {
        username: uniq('anna'),
        password: PASSWORD,
        blockPassword: BLOCK_PASSWORD,
        attributes: { email: 'a@b.c' },
      },
    );
    expect(r.status).toBe(201);
    const cookie = r.headers.getSetCookie().find((x) => x.startsWith('sk_session=')) as string;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain-http loopback
    expect(
      Buffer.from(cookie.split(';')[0]!.slice('sk_session='.length), 'base64url').length,
    ).toBeGreaterThanOrEqual(16);
    expect(r.body.session.level).toBe('niedrig');
    expect(r.body.deletionNotice.levelNow).toBe('niedrig');
  });

  it.each([
    [
      'unknown property',
      { username: 'xyz1', password: PASSWORD, blockPassword: BLOCK_PASSWORD, admin: true },
    ],
    ['short password', { username: 'xyz2', password: 'short', blockPassword: BLOCK_PASSWORD }],
    ['missing block password', { username: 'xyz3', password: PASSWORD }],
    ['bad username', { username: 'a b<', password: PASSWORD, blockPassword: BLOCK_PASSWORD }],
    [
      'bad attribute name',
      {
        username: 'xyz4',
        password: PASSWORD,
        blockPassword: BLOCK_PASSWORD,
        attributes: { '1bad': 'x' },
      },
    ],
  ])('rejects %s with 400 validation and details', async (_name, body) => {
    const r = await new Client(t.url).post<Err>('/api/accounts', body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation');
    expect(Array.isArray(r.body.error.details)).toBe(true);
  });

  it('rejects a common password, a block password equal to the password, and a taken username', async () => {
    const u = uniq('taken');
    expect(
      (
        await new Client(t.url).post<Err>('/api/accounts', {
          username: uniq('c'),
          password: 'passwort1',
          blockPassword: BLOCK_PASSWORD,
        })
      ).body.error.code,
    ).toBe('validation');
    expect(
      (
        await new Client(t.url).post<Err>('/api/accounts', {
          username: uniq('c'),
          password: PASSWORD,
          blockPassword: PASSWORD,
        })
      ).body.error.code,
    ).toBe('validation');
    await newAccount(t.url, u);
    const dup = await new Client(t.url).post<Err>('/api/accounts', {
      username: u.toUpperCase(),
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('username-taken');
  });

  it('refuses non-JSON bodies on /api (415) and malformed JSON (400)', async () => {
    const form = await new Client(t.url).req<Err>('POST', '/api/login', 'username=a&password=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const bad = await new Client(t.url).req<Err>('POST', '/api/login', '{"username":', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
  });
});

describe('bad input on every route', () => {
  it('answers 400 validation for an unknown body property and for a malformed path id on every /api route', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const c = await newAccount(t.url, uniq('vera')); // with a session and CSRF token, so only validation can refuse
    let checked = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!p.startsWith('/api/')) continue;
      for (const method of Object.keys(ops)) {
        if (method === 'get') continue;
        const url = p.replace('{id}', 'not_an-id!').replace('{name}', '1-bad');
        const withBadParam = url !== p;
        const r = await c.req<Err>(
          method.toUpperCase(),
          withBadParam ? url : p,
          method === 'delete' ? undefined : { bogus: 1 },
        );
        expect(r.status, `${method} ${p}`).toBe(400);
        expect(r.body.error.code, `${method} ${p}`).toBe('validation');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('does not coerce body types: an array for a string or a string for an array is 400 (found by fuzz.test.ts)', async () => {
    const c = await newAccount(t.url, uniq('coer'));
    const v = await c.post<Err>('/api/verifications', {
      attribute: ['email'],
      value: 'x@example.org',
      method: 'email-code',
    });
    expect(v.status).toBe(400);
    const i = await c.post<Err>('/api/identify', {
      service: 'a.a',
      targetLevel: 'basisregistrierung',
      attributes: 'email',
    });
    expect(i.status).toBe(400);
    expect(i.body.error.code).toBe('validation');
  });
});

describe('login, generic errors, throttling, sessions', () => {
  it('password login gives niedrig; wrong password and unknown user give the same 401 body', async () => {
    const u = uniq('ben');
    await newAccount(t.url, u);
    const ok = await new Client(t.url).post<{ session: { level: string } }>('/api/login', {
      username: u,
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.session.level).toBe('niedrig');
    const wrong = await new Client(t.url).post('/api/login', {
      username: u,
      password: 'wrong password!',
    });
    const unknown = await new Client(t.url).post('/api/login', {
      username: uniq('nobody'),
      password: 'wrong password!',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      error: { code: 'authentication-failed', message: 'Authentication failed.' },
    });
  });

  it('password + TOTP in one request → substanziell; wrong TOTP with right password is the same generic 401', async () => {
    const u = uniq('carla');
    const c = await newAccount(t.url, u);
    const { secret } = await addTotp(c);
    await advance(t.url, 30);
    const bad = await new Client(t.url).post('/api/login', {
      username: u,
      password: PASSWORD,
      totp: '000000' === (await totpNow(t.url, secret)) ? '111111' : '000000',
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({
      error: { code: 'authentication-failed', message: 'Authentication failed.' },
    });
    const ok = await new Client(t.url).post<{ session: { level: string } }>('/api/login', {
      username: u,
      password: PASSWORD,
      totp: await totpNow(t.url, secret),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.session.level).toBe('substanziell');
  });

  it('throttles a username after 5 failures with 429 + Retry-After, also for unknown names', async () => {
    for (const name of [uniq('dora'), uniq('ghost')]) {
      if (name.startsWith('dora')) await newAccount(t.url, name);
      const c = new Client(t.url);
      for (let i = 0; i < 5; i++)
        expect(
          (await c.post('/api/login', { username: name, password: 'nope nope nope' })).status,
        ).toBe(401);
      expect(
        (await c.post('/api/login', { username: name, password: 'nope nope nope' })).status,
      ).toBe(401); // 6th counts and locks
      const locked = await c.post<Err>('/api/login', { username: name, password: PASSWORD });
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('too-many-attempts');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      await advance(t.url, 5);
      if (name.startsWith('dora'))
        expect((await c.post('/api/login', { username: name, password: PASSWORD })).status).toBe(
          200,
        );
    }
  });

  it('GET /api/session shows level, remaining time and the CSRF token; logout ends the session', async () => {
    const c = await newAccount(t.url, uniq('emil'));
    const s = await c.get<{ level: string; remainingSeconds: number; csrfToken: string }>(
      '/api/session',
    );
    expect(s.status).toBe(200);
    expect(s.body.level).toBe('niedrig');
    expect(s.body.remainingSeconds).toBeGreaterThan(3500);
    expect(s.body.csrfToken).toBe(c.csrf);
    const cookie = c.cookie;
    expect((await c.post('/api/logout')).status).toBe(204);
    const after = new Client(t.url);
    after.cookie = cookie;
    expect((await after.get<Err>('/api/account')).status).toBe(401);
  });

  it('lists open sessions and ends another one (ASVS 7.5.2)', async () => {
    const u = uniq('elke');
    const a = await newAccount(t.url, u);
    const b = new Client(t.url);
    await b.post('/api/login', { username: u, password: PASSWORD });
    const o = await a.get<{ sessions: { id: string; current: boolean; level: string }[] }>(
      '/api/account',
    );
    expect(o.body.sessions.length).toBe(2);
    const other = o.body.sessions.find((s) => !s.current) as { id: string };
    expect((await a.post(`/api/sessions/${other.id}/end`)).status).toBe(204);
    expect((await b.get('/api/account')).status).toBe(401);
    expect((await a.post(`/api/sessions/${other.id}/end`)).status).toBe(404);
  });

  it('Table 2 through the API: niedrig ends after 60 min idle', async () => {
    const c = await newAccount(t.url, uniq('fritz'));
    await advance(t.url, 59 * 60);
    expect((await c.get('/api/account')).status).toBe(200);
    await advance(t.url, 61 * 60);
    expect((await c.get<Err>('/api/account')).body.error.code).toBe('not-authenticated');
  });
});

describe('CSRF and headers', () => {
  it('requires X-CSRF-Token on cookie-borne state changes', async () => {
    const c = await newAccount(t.url, uniq('gina'));
    const no = await c.req<Err>(
      'POST',
      '/api/means',
      { kind: 'password+totp' },
      { 'x-csrf-token': '' },
    );
    expect(no.status).toBe(403);
    expect(no.body.error.code).toBe('csrf');
    const wrong = await c.req<Err>(
      'POST',
      '/api/means',
      { kind: 'password+totp' },
      { 'x-csrf-token': 'A'.repeat(32) },
    );
    expect(wrong.status).toBe(403);
    expect((await c.post('/api/means', { kind: 'password+totp' })).status).toBe(201);
  });

  it('sets security headers on every response', async () => {
    for (const url of ['/api/session', '/openapi.json', '/nope']) {
      const r = await fetch(t.url + url);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('documents every API route in /openapi.json with closed request bodies', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { additionalProperties?: boolean } }>;
            };
          }
        >
      >;
    };
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/accounts',
      '/api/login',
      '/api/logout',
      '/api/session',
      '/api/account',
      '/api/means',
      '/api/means/{id}/authenticate',
      '/api/means/{id}/block',
      '/api/means/{id}/unblock',
      '/api/means/{id}',
      '/api/means/eid',
      '/api/block',
      '/api/verifications',
      '/api/verifications/{id}/confirm',
      '/api/identify',
      '/api/account/delete',
      '/test/clock',
    ]) {
      expect(paths).toContain(p);
    }
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema) expect(schema.additionalProperties, p).toBe(false);
      }
    }
  });
});

describe('TOTP', () => {
  it('enrols with otpauth URI + QR, stays pending until confirmed, codes are single-use, ±1 step accepted, ±2 not', async () => {
    const c = await newAccount(t.url, uniq('hans'));
    const r = await c.post<{
      meansId: string;
      level: string;
      status: string;
      totp: { otpauthUri: string; qrSvg: string; qrDataUrl: string; secret: string };
    }>('/api/means', { kind: 'password+totp' });
    expect(r.body.level).toBe('substanziell');
    expect(r.body.status).toBe('pending');
    expect(r.body.totp.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(r.body.totp.qrSvg).toContain('<svg');
    expect(r.body.totp.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const id = r.body.meansId;
    const secret = r.body.totp.secret;
    const code = await totpNow(t.url, secret);
    expect((await c.post(`/api/means/${id}/authenticate`, { code })).status).toBe(200);
    expect((await c.post(`/api/means/${id}/authenticate`, { code })).status).toBe(401); // replay
    await advance(t.url, 30);
    expect(
      (await c.post(`/api/means/${id}/authenticate`, { code: await totpNow(t.url, secret, 1) }))
        .status,
    ).toBe(200); // +1 step
    await advance(t.url, 90);
    expect(
      (await c.post(`/api/means/${id}/authenticate`, { code: await totpNow(t.url, secret, -2) }))
        .status,
    ).toBe(401); // -2 steps
  });

  it('three wrong codes in a row block the means (domain rule, persisted)', async () => {
    const c = await newAccount(t.url, uniq('ida'));
    const { id, secret } = await addTotp(c);
    await advance(t.url, 30);
    const good = await totpNow(t.url, secret);
    const wrong = good === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++)
      expect((await c.post(`/api/means/${id}/authenticate`, { code: wrong })).status).toBe(401);
    expect((await c.post(`/api/means/${id}/authenticate`, { code: good })).status).toBe(401); // blocked: same generic answer
    const o = await c.get<{ means: { id: string; status: string }[]; maxLevel: string }>(
      '/api/account',
    );
    expect(o.body.means.find((m) => m.id === id)?.status).toBe('blocked');
    expect(o.body.maxLevel).toBe('niedrig');
  });

  it('a second factor needs the password first in the same session (footnote 5)', async () => {
    const u = uniq('jan');
    const c = await newAccount(t.url, u);
    const { id, secret } = await addTotp(c);
    await advance(t.url, 61 * 60); // password authentication lapses (niedrig idle)
    const r = await c.post<Err>(`/api/means/${id}/authenticate`, {
      code: await totpNow(t.url, secret),
    });
    expect(r.status).toBe(401); // the session has no level left at all
  });
});

describe('SMS, WebAuthn platform authenticator, block / unblock / remove', () => {
  it('SMS: code to the outbox confirms the means; step-up later via challenge', async () => {
    const c = await newAccount(t.url, uniq('karl'));
    const r = await c.post<{ meansId: string; sms: { kind: string; sentTo: string } }>(
      '/api/means',
      { kind: 'password+sms', phone: '+49 151 2345678' },
    );
    expect(r.status).toBe(201);
    expect(r.body.sms.sentTo).not.toContain('2345678');
    const { code } = parseCode(
      (await lastMessage(t.url, 'sms', '+491512345678' /* stored in compact E.164 form */)).body,
    );
    const ok = await c.post<{ session: { level: string } }>(
      `/api/means/${r.body.meansId}/authenticate`,
      { code },
    );
    expect(ok.body.session.level).toBe('substanziell');
    expect((await c.post(`/api/means/${r.body.meansId}/authenticate`, { code })).status).toBe(401); // single use
    expect((await c.post('/api/means', { kind: 'password+sms' })).status).toBe(400); // phone required
  });

  it('platform authenticator requires user verification', async () => {
    const c = await newAccount(t.url, uniq('lena'));
    const origin = new URL(t.server.origin).origin;
    for (const [uv, expected] of [
      [false, 401],
      [true, 200],
    ] as const) {
      const auth = new SoftAuthenticator(origin, { userVerification: uv, attachment: 'platform' });
      const reg = await c.post<{
        meansId: string;
        creationOptions: {
          challenge: string;
          rp: { id: string };
          authenticatorSelection: { userVerification: string };
        };
      }>('/api/means', { kind: 'platform-authenticator' });
      expect(reg.body.creationOptions.authenticatorSelection.userVerification).toBe('required');
      const att = await c.post<{ options: { challenge: string } }>(
        `/api/means/${reg.body.meansId}/webauthn-registration`,
        { response: auth.create(reg.body.creationOptions) },
      );
      expect(att.status).toBe(expected);
    }
  });

  it('blocks a substanziell means from a niedrig session, unblocks only at ≥ its level plus the means itself, removes it', async () => {
    const u = uniq('mia');
    const c = await newAccount(t.url, u);
    const totp = await addTotp(c);
    const sms = await c.post<{ meansId: string }>('/api/means', {
      kind: 'password+sms',
      phone: '+49 170 1111111',
    });
    await c.post(`/api/means/${sms.body.meansId}/authenticate`, {
      code: parseCode((await lastMessage(t.url, 'sms', '+491701111111')).body).code,
    });
    // A fresh niedrig session blocks the TOTP means without using it.
    const low = new Client(t.url);
    await low.post('/api/login', { username: u, password: PASSWORD });
    expect((await low.post(`/api/means/${totp.id}/block`)).status).toBe(204);
    // Unblock from niedrig: refused.
    await advance(t.url, 30);
    const refused = await low.post<Err>(`/api/means/${totp.id}/unblock`, {
      code: await totpNow(t.url, totp.secret),
    });
    expect(refused.status).toBe(403);
    // Step up with SMS (substanziell), then unblock with the TOTP code.
    await low.post(`/api/means/${sms.body.meansId}/challenge`);
    await low.post(`/api/means/${sms.body.meansId}/authenticate`, {
      code: parseCode((await lastMessage(t.url, 'sms', '+491701111111')).body).code,
    });
    const un = await low.post(`/api/means/${totp.id}/unblock`, {
      code: await totpNow(t.url, totp.secret),
    });
    expect(un.status).toBe(200);
    // Remove SMS; the TOTP stays.
    expect((await low.req('DELETE', `/api/means/${sms.body.meansId}`)).status).toBe(204);
    const o = await low.get<{
      means: { id: string; kind: string; status: string; lastUsedAt: number | null }[];
    }>('/api/account');
    expect(o.body.means.map((m) => [m.kind, m.status])).toEqual([
      ['password', 'active'],
      ['password+totp', 'active'],
    ]);
    expect((await low.req('DELETE', `/api/means/${totp.id}`)).status).toBe(204);
    expect(
      (await low.req<Err>('DELETE', `/api/means/${o.body.means[0]!.id}`)).body.error.code,
    ).toBe('last-means');
  });

  it('public block form: the block password blocks every means; wrong block password is the generic 401', async () => {
    const u = uniq('nina');
    await newAccount(t.url, u);
    const bad = await new Client(t.url).post('/api/block', {
      username: u,
      blockPassword: 'not the block pw',
    });
    expect(bad.status).toBe(401);
    const r = await new Client(t.url).post<{ blocked: string[] }>('/api/block', {
      username: u,
      blockPassword: BLOCK_PASSWORD,
    });
    expect(r.status).toBe(200);
    expect(r.body.blocked.length).toBe(1);
    expect(
      (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
    ).toBe(401);
  });
});

describe('recovery after blocking everything (§4.4 + §4.5)', () => {
  it('username + matching eID replaces the authentication; the password is unblocked with itself', async () => {
    const u = uniq('tom');
    const mds = {
      familyName: 'Mustermann',
      givenNames: 'Max',
      birthName: 'Mustermann',
      dateOfBirth: '1970-01-01',
      placeOfBirth: 'Hamburg',
      address: 'Musterweg 1, 20095 Hamburg',
    };
    const c = await newAccount(t.url, u, mds);
    const { id: totpId, secret } = await addTotp(c);
    expect(
      (
        await new Client(t.url).post<{ blocked: string[] }>('/api/block', {
          username: u,
          blockPassword: BLOCK_PASSWORD,
        })
      ).body.blocked.length,
    ).toBe(2);
    expect(
      (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
    ).toBe(401);
    // A wrong identity (mismatching data) is the generic 401.
    expect(
      (await new Client(t.url).post('/api/login/mds', { username: u, testIdentity: 'erika' }))
        .status,
    ).toBe(401);
    const r = new Client(t.url);
    const ok = await r.post<{ session: { level: string } }>('/api/login/mds', {
      username: u,
      testIdentity: 'max',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.session.level).toBe('substanziell'); // min(hoch, highest registered means)
    const o = await r.get<{ means: { id: string; kind: string }[] }>('/api/account');
    const pw = o.body.means.find((m) => m.kind === 'password') as { id: string };
    expect(
      (await r.post(`/api/means/${pw.id}/unblock`, { password: 'not the password' })).status,
    ).toBe(401);
    expect((await r.post(`/api/means/${pw.id}/unblock`, { password: PASSWORD })).status).toBe(200);
    await advance(t.url, 30);
    expect(
      (await r.post(`/api/means/${totpId}/unblock`, { code: await totpNow(t.url, secret) })).status,
    ).toBe(200);
    expect(
      (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
    ).toBe(200);
  });
});

describe('verification, identification, deletion, eID login', () => {
  it('e-mail code: wrong code 400, expiry 410, single use', async () => {
    const c = await newAccount(t.url, uniq('olga'));
    const start = await c.post<{ verificationId: string }>('/api/verifications', {
      attribute: 'email',
      value: 'olga@example.org',
      method: 'email-code',
    });
    const { code } = parseCode((await lastMessage(t.url, 'email', 'olga@example.org')).body);
    const wrong = code === '00000000' ? '11111111' : '00000000';
    expect(
      (
        await c.post<Err>(`/api/verifications/${start.body.verificationId}/confirm`, {
          code: wrong,
        })
      ).body.error.code,
    ).toBe('invalid-code');
    expect(
      (await c.post(`/api/verifications/${start.body.verificationId}/confirm`, { code })).status,
    ).toBe(200);
    expect(
      (await c.post(`/api/verifications/${start.body.verificationId}/confirm`, { code })).status,
    ).toBe(400);
    const s2 = await c.post<{ verificationId: string }>('/api/verifications', {
      attribute: 'email',
      value: 'o2@example.org',
      method: 'email-code',
    });
    const c2 = parseCode((await lastMessage(t.url, 'email', 'o2@example.org')).body).code;
    await advance(t.url, 11 * 60);
    expect(
      (await c.post(`/api/verifications/${s2.body.verificationId}/confirm`, { code: c2 })).status,
    ).toBe(410);
  });

  it('identify marks Basisregistrierung attributes and withholds below-target ones', async () => {
    const c = await newAccount(t.url, uniq('paul'), { familyName: 'Muster' });
    const r = await c.post<{
      attributes: { name: string; level: string; basisregistrierung: boolean }[];
      withheld: { name: string; reason: string }[];
    }>('/api/identify', {
      service: 'S',
      targetLevel: 'basisregistrierung',
      attributes: ['familyName', 'missing'],
    });
    expect(r.body.attributes).toEqual([
      {
        name: 'familyName',
        value: 'Muster',
        level: 'basisregistrierung',
        basisregistrierung: true,
      },
    ]);
    expect(r.body.withheld).toEqual([{ name: 'missing', reason: 'missing', level: null }]);
    const n2 = await c.post<{ withheld: { name: string; reason: string }[] }>('/api/identify', {
      service: 'S',
      targetLevel: 'niedrig',
      attributes: ['familyName'],
    });
    expect(n2.body.withheld[0]?.reason).toBe('below-target');
    expect(
      (await c.post('/api/identify', { service: 'S', targetLevel: 'mittel', attributes: ['x'] }))
        .status,
    ).toBe(400);
  });

  it('delayed deletion locks the account (no login), then erases it; immediate deletion erases at once', async () => {
    const u = uniq('quinn');
    const c = await newAccount(t.url, u);
    const d = await c.post<{ erased: boolean; eraseAt: number }>('/api/account/delete', {
      mode: 'delayed',
    });
    expect(d.body.erased).toBe(false);
    expect(
      (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
    ).toBe(401);
    await advance(t.url, 8 * 24 * 3600);
    // Erased: the username is free again.
    expect(
      (
        await new Client(t.url).post('/api/accounts', {
          username: u,
          password: PASSWORD,
          blockPassword: BLOCK_PASSWORD,
        })
      ).status,
    ).toBe(201);
    const v = uniq('rita');
    const c2 = await newAccount(t.url, v);
    expect(
      (await c2.post<{ erased: boolean }>('/api/account/delete', { mode: 'immediate' })).body
        .erased,
    ).toBe(true);
    expect(
      (await new Client(t.url).post('/api/login', { username: v, password: PASSWORD })).status,
    ).toBe(401);
    const row = t.server.db
      .prepare('SELECT count(*) AS n FROM accounts WHERE username = ?')
      .get(v) as { n: number };
    expect(row.n).toBe(0);
  });

  it('eID login finds the account by pseudonym only after the eID read-out (hoch)', async () => {
    const u = uniq('max');
    const c = await newAccount(t.url, u, {
      familyName: 'Mustermann',
      givenNames: 'Max',
      birthName: 'Mustermann',
      dateOfBirth: '1970-01-01',
      placeOfBirth: 'Hamburg',
      address: 'Musterweg 1, 20095 Hamburg',
    });
    await addTotp(c);
    expect((await c.post('/api/means/eid', { testIdentity: 'max' })).status).toBe(201);
    const e = new Client(t.url);
    const r = await e.post<{ session: { level: string } }>('/api/login/eid', {
      testIdentity: 'max',
    });
    expect(r.status).toBe(200);
    expect(r.body.session.level).toBe('hoch');
    expect((await new Client(t.url).post('/api/login/eid', { testIdentity: 'erika' })).status).toBe(
      401,
    );
  });

  it('audit log records security events without secrets', async () => {
    const u = uniq('sara');
    await newAccount(t.url, u);
    await new Client(t.url).post('/api/login', { username: u, password: 'wrong password!' });
    const rows = t.server.services.ctx.audit.latest(500);
    const events = new Set(rows.map((r) => r.event));
    for (const e of [
      'account-created',
      'login.fail',
      'means-blocked',
      'means-confirmed',
      'authenticated',
      'logged-out',
    ])
      expect(events).toContain(e);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain('wrong password!');
    expect(dump).not.toContain(BLOCK_PASSWORD);
  });
});

describe('normal mode', () => {
  it('has no test routes and no test eID', async () => {
    const normal = await startTestServer({ testMode: false });
    try {
      expect((await fetch(`${normal.url}/test/clock`)).status).toBe(404);
      expect((await fetch(`${normal.url}/test/outbox/sms`)).status).toBe(404);
      expect(
        (await new Client(normal.url).post('/api/login/eid', { testIdentity: 'erika' })).status,
      ).toBe(404);
    } finally {
      await normal.stop();
    }
  });
});
