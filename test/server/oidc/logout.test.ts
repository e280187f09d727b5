/**
 * Logout towards the online services (ASVS 7.4.1, TR-03160-1 §4.3): ending the Servicekonto session
 * sends a signed back-channel logout token to every service the session signed in to and revokes
 * their tokens; RP-initiated logout ends the Servicekonto session too, and each service hears once.
 * The services' back-channel endpoint is a real HTTP server on loopback.
 */
import { createServer, type Server } from 'node:http';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oc from 'openid-client';
import { PASSWORD, newAccount } from '../http/client';
import { MiniBrowser } from './browser';
import { REDIRECT_URI, authRequest, discover, loginOnPage, redeem, useOidcServer } from './rp';

const t = useOidcServer();
const received: string[] = [];
let receiver: Server;
const client = {
  client_id: 'bcl-service',
  client_secret: 'a-long-test-client-secret-0123456789',
  redirect_uris: [REDIRECT_URI],
  post_logout_redirect_uris: ['http://127.0.0.1:9/bye'],
  backchannel_logout_session_required: true,
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backchannel`;
  const r = await fetch(`${t.url}/test/oidc/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...client, backchannel_logout_uri: uri }),
  });
  expect(r.status).toBe(201);
});
afterAll(async () => new Promise<void>((resolve) => receiver.close(() => resolve())));

/** Verifies an RS256 JWT against the provider's JWKS and returns its payload. */
async function verifyJwt(jwt: string): Promise<Record<string, unknown>> {
  const [h = '', p = '', sig = ''] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { kid: string; alg: string };
  expect(header.alg).toBe('RS256');
  const jwks = (await (await fetch(`${t.url}/oidc/jwks`)).json()) as {
    keys: (JsonWebKey & { kid: string })[];
  };
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('unknown kid');
  expect(
    verify(
      'sha256',
      Buffer.from(`${h}.${p}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(sig, 'base64url'),
    ),
  ).toBe(true);
  return JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
}

async function waitFor(count: number): Promise<void> {
  for (let i = 0; i < 100 && received.length < count; i++)
    await new Promise((r) => setTimeout(r, 50));
}

/** Logs in through the pages for the back-channel client; returns browser, tokens and config. */
async function signIn(): Promise<{
  browser: MiniBrowser;
  tokens: Awaited<ReturnType<typeof redeem>>;
  config: oc.Configuration;
}> {
  const user = t.uniq('lena');
  await newAccount(t.url, user, {});
  const config = await discover(t.url, client);
  const req = await authRequest(config, 'openid');
  const browser = new MiniBrowser('http://127.0.0.1:9/'); // the service's pages (nothing listens there)
  const page = await loginOnPage(
    browser,
    await browser.go(req.url, { crossSite: true }),
    user,
    PASSWORD,
  );
  return { browser, tokens: await redeem(config, req, page.url), config };
}

describe('back-channel logout', () => {
  it('logging out on the Servicekonto pages sends a signed logout token with the session id and revokes the tokens', async () => {
    const { browser, tokens, config } = await signIn();
    const idClaims = tokens.claims() as Record<string, unknown>;
    const before = received.length;
    const account = await browser.go(`${t.url}/account`);
    await browser.submit(account, '/logout', {});
    await waitFor(before + 1);
    expect(received.length).toBe(before + 1);
    const logout = await verifyJwt(received[before] as string);
    expect(logout.iss).toBe(`${t.url}/oidc`);
    expect(logout.aud).toBe(client.client_id);
    expect(logout.sub).toBe(idClaims.sub);
    expect(logout.sid).toBe(idClaims.sid);
    expect(logout.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
    expect(logout.nonce).toBeUndefined();
    await expect(
      oc.fetchUserInfo(config, tokens.access_token, idClaims.sub as string),
    ).rejects.toThrow();
  });

  it('RP-initiated logout asks, ends the Servicekonto session, and notifies the service once', async () => {
    const { browser, tokens, config } = await signIn();
    const before = received.length;
    const end = oc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: 'http://127.0.0.1:9/bye',
    });
    const confirm = await browser.go(end.href, { crossSite: true });
    expect(confirm.text).toContain('data-testid="logout-yes"');
    const done = await browser.submit(confirm, `${t.url}/oidc/session/end/confirm`, {
      logout: 'yes',
    });
    expect(done.url).toBe('http://127.0.0.1:9/bye');
    await waitFor(before + 1);
    await new Promise((r) => setTimeout(r, 200)); // a duplicate would arrive within this window
    expect(received.length).toBe(before + 1);
    expect((await verifyJwt(received[before] as string)).sid).toBe(tokens.claims()?.sid);
    // The Servicekonto session is gone: the account page sends to login.
    const after = await browser.go(`${t.url}/account`);
    expect(new URL(after.url).pathname).toBe('/login');
  });
});
