/**
 * Issue #7 item 13 through the real server: the pre-session CSRF token of the login, registration and
 * block forms is bound to this server (HMAC under a per-install key), so a cookie + form-field pair
 * made up by a page on another localhost port (cookies ignore ports) no longer logs the victim into the
 * attacker's account; with an https origin the cookies are Secure and `__Host-` prefixed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_PASSWORD, PASSWORD, newAccount, startTestServer, type TestServer } from './client';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function loginForm(
  base: string,
  cookie: string,
  csrf: string,
  username: string,
): Promise<Response> {
  return fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, cookie },
    body: new URLSearchParams({ _csrf: csrf, username, password: PASSWORD }).toString(),
  });
}

describe('pre-session CSRF token bound to the server (issue #7 item 13)', () => {
  it('a made-up cookie + form pair is refused; the pair the server issued works', async () => {
    t = await startTestServer();
    const attacker = `attacker${Date.now()}`;
    await newAccount(t.url, attacker);
    const madeUp = 'A'.repeat(40);
    const forged = await loginForm(t.url, `sk_pre_csrf=${madeUp}`, madeUp, attacker);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Das Formular ist abgelaufen oder ungültig.'); // the refusal in words, not a bare status
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('sk_session='))).toBe(false);
    // A structurally valid token with a wrong MAC is refused too.
    const page = await fetch(`${t.url}/login`);
    const issued = /sk_pre_csrf=([^;]+)/.exec(
      page.headers.getSetCookie().join('\n'),
    )?.[1] as string;
    const tampered = `${issued.slice(0, -2)}${issued.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await loginForm(t.url, `sk_pre_csrf=${tampered}`, tampered, attacker)).status).toBe(
      403,
    );
    const ok = await loginForm(t.url, `sk_pre_csrf=${issued}`, issued, attacker);
    expect(ok.status).toBe(303);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith('sk_session='))).toBe(true);
  });

  it('with an https origin the cookies are Secure and __Host- prefixed, and an unprefixed session cookie is ignored', async () => {
    t = await startTestServer({ origin: 'https://konto.example' });
    const page = await fetch(`${t.url}/login`);
    const pre = page.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-sk_pre_csrf=')) as string;
    expect(pre).toMatch(/; Secure/i);
    expect(pre).toMatch(/Path=\//);
    expect(pre).not.toMatch(/Domain=/i);
    const username = `secure${Date.now()}`;
    const created = await fetch(`${t.url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD, blockPassword: BLOCK_PASSWORD }),
    });
    expect(created.status).toBe(201);
    const session = created.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-sk_session=')) as string;
    expect(session).toMatch(/; Secure/i);
    const value = session.split(';')[0]?.split('=')[1] as string;
    expect(
      (await fetch(`${t.url}/api/session`, { headers: { cookie: `__Host-sk_session=${value}` } }))
        .status,
    ).toBe(200);
    expect(
      (await fetch(`${t.url}/api/session`, { headers: { cookie: `sk_session=${value}` } })).status,
    ).toBe(401);
  });
});
