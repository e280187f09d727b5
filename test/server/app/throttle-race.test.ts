/**
 * Regression (security review, High): the password throttle used to check before `await
 * hasher.verify()` and count the failure only after it, so 40 simultaneous logins (39 wrong, 1 right)
 * were all evaluated and the right one won. Calling the services directly makes the race exact: every
 * call runs its synchronous part (the throttle) before any Argon2id verification finishes, which is
 * what concurrent HTTP requests do on a busy server. The HTTP burst is checked too.
 */
import { describe, expect, it } from 'vitest';
import { ThrottledError } from '../../../server/app';
import { BLOCK_PASSWORD, Client, PASSWORD, newAccount, totpNow } from '../http/client';
import { useTestServer, uniqueNamer } from '../http/use-test-server';

const t = useTestServer({ options: { argon2MemoryKiB: 1024 } });
const uniq = uniqueNamer();

/** Settles every promise and sorts the outcomes: 'ok', 'throttled' or 'failed'. */
async function outcomes(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) =>
    s.status === 'fulfilled' ? 'ok' : s.reason instanceof ThrottledError ? 'throttled' : 'failed',
  );
}
const count = (xs: string[], x: string): number => xs.filter((y) => y === x).length;

describe('password throttle under concurrency', () => {
  it('login: 39 wrong + the right password at the end, all at once → at most 6 evaluated, the right one refused', async () => {
    const u = uniq('victim');
    await newAccount(t.url, u);
    const guesses = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? PASSWORD : `wrong guess ${i}`,
    );
    const out = await outcomes(
      guesses.map((password) =>
        t.server.services.auth.login({ username: u, password }, { ip: `198.51.100.${uniq.count}` }),
      ),
    );
    expect(count(out, 'failed')).toBe(6); // 5 free failures + the one that locks
    expect(count(out, 'throttled')).toBe(34);
    expect(out[39]).toBe('throttled');
    expect(count(out, 'ok')).toBe(0);
  });

  it('login: the same burst over HTTP evaluates at most 6 and does not let the right password in afterwards', async () => {
    const u = uniq('victim');
    await newAccount(t.url, u);
    const guesses = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? PASSWORD : `wrong guess ${i}`,
    );
    const res = await Promise.all(
      guesses.map((password) => new Client(t.url).post('/api/login', { username: u, password })),
    );
    const evaluated = res.filter((r) => r.status !== 429);
    expect(evaluated.length).toBeLessThanOrEqual(6);
    expect(res.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1); // only if it was among those 6
    if (res[39]?.status !== 200)
      expect(
        (await new Client(t.url).post('/api/login', { username: u, password: PASSWORD })).status,
      ).toBe(429);
  });

  it('block form: 39 wrong block passwords + the right one at once → the right one is refused', async () => {
    const u = uniq('blk');
    await newAccount(t.url, u);
    const guesses = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? BLOCK_PASSWORD : `wrong block ${i}`,
    );
    const out = await outcomes(
      guesses.map((blockPassword) =>
        t.server.services.auth.blockWithPassword(
          { username: u, blockPassword },
          { ip: `198.51.100.${uniq.count}` },
        ),
      ),
    );
    expect(count(out, 'failed')).toBe(6);
    expect(out[39]).toBe('throttled');
    const o = t.server.services.ctx.accounts.byUsername(u);
    expect(o?.means.every((m) => m.status === 'active')).toBe(true); // nothing blocked
  });

  it('unblocking the password: 39 wrong + the right password at once → the right one is refused', async () => {
    const c = await newAccount(t.url, uniq('unb'));
    const reg = await c.post<{ meansId: string; totp: { secret: string } }>('/api/means', {
      kind: 'password+totp',
    });
    expect(
      (
        await c.post(`/api/means/${reg.body.meansId}/authenticate`, {
          code: await totpNow(t.url, reg.body.totp.secret),
        })
      ).status,
    ).toBe(200);
    const o = await c.get<{ means: { id: string; kind: string }[] }>('/api/account');
    const pw = (o.body.means.find((m) => m.kind === 'password') as { id: string }).id;
    expect((await c.post(`/api/means/${pw}/block`)).status).toBe(204);
    const token = (c.cookie as string).slice('sk_session='.length);
    const guesses = Array.from({ length: 40 }, (_, i) =>
      i === 39 ? PASSWORD : `wrong guess ${i}`,
    );
    const out = await outcomes(
      guesses.map((password) =>
        t.server.services.means.unblock(
          token,
          pw,
          { password },
          { ip: `198.51.100.${uniq.count}` },
        ),
      ),
    );
    expect(count(out, 'failed')).toBe(6);
    expect(out[39]).toBe('throttled');
    const after = await c.get<{ means: { id: string; status: string }[] }>('/api/account');
    expect(after.body.means.find((m) => m.id === pw)?.status).toBe('blocked');
  });

  it('IP limit: 60 concurrent wrong logins for different names from one address → at most 50 evaluated', async () => {
    const ip = '203.0.113.77';
    const out = await outcomes(
      Array.from({ length: 60 }, (_, i) =>
        t.server.services.auth.login(
          { username: uniq(`nobody${i}-`), password: 'wrong password' },
          { ip },
        ),
      ),
    );
    expect(count(out, 'failed')).toBe(50);
    expect(count(out, 'throttled')).toBe(10);
  });

  it('sequential behaviour is unchanged: 5 wrong then the right password logs in and resets the counter', async () => {
    const u = uniq('seq');
    await newAccount(t.url, u);
    const c = new Client(t.url);
    for (let i = 0; i < 5; i++)
      expect((await c.post('/api/login', { username: u, password: 'nope nope nope' })).status).toBe(
        401,
      );
    expect((await c.post('/api/login', { username: u, password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await c.post('/api/login', { username: u, password: 'nope nope nope' })).status).toBe(
        401,
      );
    expect((await c.post('/api/login', { username: u, password: 'nope nope nope' })).status).toBe(
      401,
    ); // 6th counts and locks
    expect((await c.post('/api/login', { username: u, password: PASSWORD })).status).toBe(429);
  });
});
