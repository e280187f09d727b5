/**
 * No secret in the logs: with info-level request logging on, passwords, codes, cookies, CSRF tokens
 * and verification codes in e-mail links never appear in a log line.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BLOCK_PASSWORD, Client, PASSWORD, startTestServer, type TestServer } from './client';
import { logCapture } from './log-capture';

let t: TestServer;
const { stream: logStream, lines } = logCapture();

beforeAll(async () => {
  t = await startTestServer({ logLevel: 'info', logStream });
});
afterAll(async () => t.stop());

it('logs requests without passwords, codes, cookies or tokens', async () => {
  const c = new Client(t.url);
  await c.post('/api/accounts', {
    username: 'loggy',
    password: PASSWORD,
    blockPassword: BLOCK_PASSWORD,
  });
  await c.post('/api/login', { username: 'loggy', password: 'secret-wrong-password' });
  await c.req('GET', '/api/account?code=12345678', undefined);
  await c.post('/api/means', { kind: 'password+totp' });
  const all = lines.join('');
  expect(all).toContain('"url":"/api/accounts"'); // requests are logged …
  expect(all).not.toContain('12345678'); // … but not query strings (codes in links)
  for (const secret of [
    PASSWORD,
    BLOCK_PASSWORD,
    'secret-wrong-password',
    c.cookie!.split('=')[1]!,
    c.csrf!,
  ])
    expect(all).not.toContain(secret);
});

it("masks the transaction id in a device's answer path (a login's tx is redeemed by its browser for a session)", async () => {
  const tx = 'LoggedTxMustNotAppear0';
  const r = await new Client(t.url).post(`/api/device/approvals/${tx}`, {
    v: 1,
    tx,
    number: 42,
    decision: 'approve',
    signature: 'A'.repeat(86),
  });
  expect(r.status).toBe(400); // no device signature header: refused, but the request line is logged
  const all = lines.join('');
  expect(all).toContain('"url":"/api/device/approvals/[tx]"');
  expect(all).not.toContain(tx);
});
