/**
 * Behind a reverse proxy (docs/deploy.md): only a configured proxy may name the client in
 * X-Forwarded-For; from anyone else the header is ignored, so a client cannot pick the address its
 * failed logins are counted and audited under.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './client';

let proxied: TestServer;
let direct: TestServer;
beforeAll(async () => {
  [proxied, direct] = await Promise.all([
    startTestServer({ trustedProxies: ['127.0.0.1'] }),
    startTestServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([proxied?.stop(), direct?.stop()]);
});

async function failedLoginIp(t: TestServer): Promise<string | null> {
  await fetch(`${t.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
    body: JSON.stringify({ username: 'nobody-here', password: 'wrong password 1' }),
  });
  return t.server.services.ctx.audit.latest(5).find((r) => r.event === 'login.fail')?.ip ?? null;
}

it('takes the client address from X-Forwarded-For only when the request comes from a trusted proxy', async () => {
  expect(await failedLoginIp(proxied)).toBe('203.0.113.9');
  expect(await failedLoginIp(direct)).toBe('127.0.0.1');
});
