/**
 * Over real HTTP: the public block form (§4.4) checks the block password once and fails generically,
 * throttled like login; SMS sending is rate-limited per session and per account (429 + Retry-After);
 * deleting an account (§7) erases its outbox messages and the username's throttle counter too, and
 * leaves the username in no table (throttled attempts are audited by a keyed tag, not by name).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  BLOCK_PASSWORD,
  Client,
  PASSWORD,
  advance,
  lastMessage,
  newAccount,
  parseCode,
  totpNow,
} from './client';
import { useTestServer, uniqueNamer } from './use-test-server';

const t = useTestServer();
const uniq = uniqueNamer();

type Err = { error: { code: string; message: string; params?: Record<string, unknown> } };
type Overview = { means: { id: string; kind: string; status: string }[] };

async function addTotp(c: Client): Promise<string> {
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
  return r.body.meansId;
}

async function addSms(c: Client, phone: string): Promise<string> {
  const r = await c.post<{ meansId: string }>('/api/means', { kind: 'password+sms', phone });
  expect(r.status).toBe(201);
  const { code } = parseCode(
    (await lastMessage(t.url, 'sms', phone.replace(/ /g, ''))) /* stored in compact E.164 form */
      .body,
  );
  expect((await c.post(`/api/means/${r.body.meansId}/authenticate`, { code })).status).toBe(200);
  return r.body.meansId;
}

describe('§4.4 public block form: POST /api/block', () => {
  it('blocks every usable means of the named kind and nothing else', async () => {
    const u = uniq('bea');
    const c = await newAccount(t.url, u);
    await addTotp(c);
    await advance(t.url, 30);
    await addTotp(c);
    const r = await new Client(t.url).post<{ blocked: string[] }>('/api/block', {
      username: u,
      blockPassword: BLOCK_PASSWORD,
      kind: 'password+totp',
    });
    expect(r.status).toBe(200);
    expect(r.body.blocked).toHaveLength(2);
    const o = await c.get<Overview & { maxLevel: string }>('/api/account'); // the password authentication still counts
    expect(o.body.means.map((m) => [m.kind, m.status])).toEqual([
      ['password', 'active'],
      ['password+totp', 'blocked'],
      ['password+totp', 'blocked'],
    ]);
    expect(o.body.maxLevel).toBe('niedrig');
  });

  it('answers unknown user, wrong block password and "no such means" with the same body after exactly one Argon2id verification each', async () => {
    const u = uniq('carl');
    await newAccount(t.url, u);
    const verify = vi.spyOn(t.server.services.ctx.hasher, 'verify');
    const cases = [
      { username: uniq('nobody'), blockPassword: BLOCK_PASSWORD, kind: 'password+sms' },
      { username: u, blockPassword: 'not the block password', kind: 'password+sms' },
      { username: u, blockPassword: BLOCK_PASSWORD, kind: 'password+sms' }, // the account has no SMS means
      {
        username: u,
        blockPassword: BLOCK_PASSWORD,
        meansId: '00000000-0000-0000-0000-000000000000',
      },
    ];
    const bodies: unknown[] = [];
    for (const body of cases) {
      verify.mockClear();
      const r = await new Client(t.url).post<Err>('/api/block', body);
      expect(r.status, JSON.stringify(body)).toBe(401);
      expect(verify).toHaveBeenCalledTimes(1);
      bodies.push(r.body);
    }
    verify.mockRestore();
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0]).toEqual({
      error: { code: 'authentication-failed', message: 'Authentication failed.' },
    });
    // kind and meansId together are a schema error, not a guess.
    expect(
      (
        await new Client(t.url).post<Err>('/api/block', {
          username: u,
          blockPassword: BLOCK_PASSWORD,
          kind: 'all',
          meansId: 'x',
        })
      ).body.error.code,
    ).toBe('validation');
    // The password means is untouched by all of it.
    expect(
      (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
    ).toBe(200);
  });

  it('throttles block-password guesses like login: 5 free, then 429 + Retry-After, even for the right block password', async () => {
    const u = uniq('dora');
    await newAccount(t.url, u);
    for (let i = 0; i < 5; i++)
      expect(
        (
          await new Client(t.url).post('/api/block', {
            username: u,
            blockPassword: `guess number ${i}`,
          })
        ).status,
      ).toBe(401);
    expect(
      (await new Client(t.url).post('/api/block', { username: u, blockPassword: 'guess number 6' }))
        .status,
    ).toBe(401); // 6th counted, now locked
    const locked = await new Client(t.url).post<Err>('/api/block', {
      username: u,
      blockPassword: BLOCK_PASSWORD,
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too-many-attempts');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unknown names are throttled the same way (the 429 reveals nothing).
    const ghost = uniq('ghost');
    for (let i = 0; i < 6; i++)
      await new Client(t.url).post('/api/block', { username: ghost, blockPassword: `guess ${i}` });
    expect(
      (await new Client(t.url).post('/api/block', { username: ghost, blockPassword: 'guess 7' }))
        .status,
    ).toBe(429);
    await advance(t.url, 3);
    expect(
      (
        await new Client(t.url).post<{ blocked: string[] }>('/api/block', {
          username: u,
          blockPassword: BLOCK_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });
});

describe('SMS rate limit', () => {
  it('per session: 1 per 30 s and 5 per hour, then 429 with Retry-After', async () => {
    const c = await newAccount(t.url, uniq('emil'));
    const sms = await addSms(c, '+49 160 5550001'); // SMS 1 (registration)
    const early = await c.post<Err>(`/api/means/${sms}/challenge`);
    expect(early.status).toBe(429);
    expect(early.body.error.code).toBe('too-many-attempts');
    const wait = Number(early.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    for (let i = 2; i <= 5; i++) {
      await advance(t.url, 31);
      expect((await c.post(`/api/means/${sms}/challenge`)).status, `SMS ${i}`).toBe(200);
    }
    await advance(t.url, 31);
    const hourly = await c.post<Err>(`/api/means/${sms}/challenge`);
    expect(hourly.status).toBe(429);
    expect(Number(hourly.headers.get('retry-after'))).toBeGreaterThan(30 * 60);
    // SMS-code verification of a phone number counts toward the same limit.
    expect(
      (
        await c.post('/api/verifications', {
          attribute: 'phone',
          value: '+49 160 5550001',
          method: 'sms-code',
        })
      ).status,
    ).toBe(429);
  });

  it('per account: 10 per hour across sessions', async () => {
    const u = uniq('finn');
    const c = await newAccount(t.url, u);
    const sms = await addSms(c, '+49 160 5550002'); // 1
    let sent = 1;
    for (let s = 0; s < 3 && sent < 10; s++) {
      const other = new Client(t.url);
      expect((await other.post('/api/login', { username: u, password: PASSWORD })).status).toBe(
        200,
      );
      for (let i = 0; i < 5 && sent < 10; i++) {
        await advance(t.url, 31);
        expect((await other.post(`/api/means/${sms}/challenge`)).status).toBe(200);
        sent++;
      }
    }
    await advance(t.url, 31);
    const fresh = new Client(t.url);
    await fresh.post('/api/login', { username: u, password: PASSWORD });
    const r = await fresh.post<Err>(`/api/means/${sms}/challenge`);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('one eID, one account', () => {
  it('an eID already bound to one account is refused for another with 409, not a 500 from the store', async () => {
    const a = await newAccount(t.url, uniq('jan'));
    expect((await a.post('/api/means/eid', { testIdentity: 'max' })).status).toBe(201);
    const b = await newAccount(t.url, uniq('kai'));
    const reg = await b.post<Err>('/api/means/eid', { testIdentity: 'max' });
    expect(reg.status).toBe(409);
    expect(reg.body.error).toMatchObject({
      code: 'not-applicable',
      params: { reason: 'eid-bound-to-other-account' },
    });
    const ver = await b.post<Err>('/api/verifications/eid', { testIdentity: 'max' });
    expect(ver.status).toBe(409);
    expect((await b.get<Overview>('/api/account')).body.means.map((m) => m.kind)).toEqual([
      'password',
    ]);
  });
});

describe('§7 nothing remains', () => {
  it("immediate deletion erases the account's outbox messages and the username's throttle counter", async () => {
    const u = uniq('gina');
    const other = uniq('hans');
    const c = await newAccount(t.url, u);
    await newAccount(t.url, other);
    await addSms(c, '+49 160 5550003');
    await c.post('/api/verifications', {
      attribute: 'email',
      value: `${u}@example.org`,
      method: 'email-code',
    });
    await new Client(t.url).post('/api/login', { username: u, password: 'a wrong password' });
    const count = (sql: string, ...args: string[]): number =>
      (t.server.db.prepare(sql).get(...args) as { n: number }).n;
    const accountId = (
      t.server.db.prepare('SELECT id FROM accounts WHERE username = ?').get(u) as { id: string }
    ).id;
    expect(count('SELECT count(*) AS n FROM outbox WHERE account_id = ?', accountId)).toBe(2);
    const key = `acct:${t.server.services.ctx.usernameTag(u)}`;
    expect(count('SELECT count(*) AS n FROM throttles WHERE key = ?', key)).toBe(1);
    const before = count('SELECT count(*) AS n FROM outbox');
    expect(
      (await c.post<{ erased: boolean }>('/api/account/delete', { mode: 'immediate' })).body.erased,
    ).toBe(true);
    expect(count('SELECT count(*) AS n FROM outbox WHERE account_id = ?', accountId)).toBe(0);
    expect(
      count(
        'SELECT count(*) AS n FROM outbox WHERE body LIKE ? OR recipient LIKE ?',
        `%${u}%`,
        `%${u}%`,
      ),
    ).toBe(0);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(before - 2);
    expect(count('SELECT count(*) AS n FROM throttles WHERE key = ?', key)).toBe(0);
    expect(count('SELECT count(*) AS n FROM accounts WHERE username = ?', other)).toBe(1);
  });

  it('after erasure the username is in no table at all — audit log (throttled attempts) and throttles included', async () => {
    const u = uniq('Zelda.Unverwechselbar');
    const c = await newAccount(t.url, u, { familyName: 'Zuckermann' });
    await addSms(c, '+49 160 5550077'); // the SMS body names the user
    await c.post('/api/verifications', {
      attribute: 'email',
      value: 'zelda@example.org',
      method: 'email-code',
    });
    // Wrong guesses until the name is locked, then one throttled login and one throttled block-form
    // attempt: both used to write the typed username into audit_events. Mixed case on purpose.
    for (let i = 0; i < 6; i++)
      await new Client(t.url).post('/api/login', {
        username: u.toUpperCase(),
        password: `wrong ${i}`,
      });
    expect(
      (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
    ).toBe(429);
    expect(
      (
        await new Client(t.url).post('/api/block', {
          username: ` ${u.toLowerCase()} `,
          blockPassword: BLOCK_PASSWORD,
        })
      ).status,
    ).toBe(429);
    const db = t.server.db;
    const listTables =
      db.dialect === 'postgres'
        ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'";
    const tables = (db.prepare(listTables).all() as { name: string }[]).map((r) => r.name);
    const holding = (needle: string): string[] =>
      tables.filter((name) =>
        (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).some((row) =>
          JSON.stringify(row).toLowerCase().includes(needle.toLowerCase()),
        ),
      );
    expect(holding(u)).toContain('accounts'); // the scan does find it while the account exists
    const throttledRows = t.server.services.ctx.audit
      .latest(10)
      .filter((r) => r.event.endsWith('.throttled'));
    expect(throttledRows.map((r) => r.event).sort()).toEqual([
      'block-password.throttled',
      'login.throttled',
    ]);
    expect(new Set(throttledRows.map((r) => r.detail.usernameTag)).size).toBe(1); // one name, one tag, whatever the case
    expect(
      (await c.post<{ erased: boolean }>('/api/account/delete', { mode: 'immediate' })).body.erased,
    ).toBe(true);
    expect(holding(u)).toEqual([]);
    expect(holding('Zuckermann')).toEqual([]);
    expect(holding('zelda@example.org')).toEqual([]);
  });

  it('delayed deletion erases them when the lock period ends', async () => {
    const u = uniq('ida');
    const c = await newAccount(t.url, u);
    await c.post('/api/verifications', {
      attribute: 'email',
      value: `${u}@example.org`,
      method: 'email-code',
    });
    expect((await c.post('/api/account/delete', { mode: 'delayed' })).status).toBe(200);
    const count = (): number =>
      (
        t.server.db
          .prepare('SELECT count(*) AS n FROM outbox WHERE recipient = ?')
          .get(`${u}@example.org`) as { n: number }
      ).n;
    expect(count()).toBe(1); // still locked, not yet erased
    await advance(t.url, 8 * 24 * 3600);
    expect(count()).toBe(0);
  });
});
