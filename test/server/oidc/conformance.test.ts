/**
 * The checks of the OpenID conformance profile (Basic OP, config and logout plans) that can run
 * offline, against OUR configuration of oidc-provider: discovery, PKCE required (S256 only),
 * `none` refused, exact redirect URI match, state and nonce bound, codes single use, prompt=none.
 * The conformance suite itself needs Docker and the internet (docs/oidc.md, known gaps).
 */
import { describe, expect, it } from 'vitest';
import * as oc from 'openid-client';
import { PASSWORD, newAccount } from '../http/client';
import { MiniBrowser } from './browser';
import { useOidcServer, REDIRECT_URI, authRequest, discover, loginOnPage, redeem } from './rp';

const t = useOidcServer([
  { client_id: 'public-app', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT_URI] },
]);
const uniq = t.uniq;

/** Runs a password-only login and returns the callback URL (for tests about the code and the token). */
async function loginFlow(req: { url: string }): Promise<string> {
  const user = uniq('max');
  await newAccount(t.url, user, {});
  const browser = new MiniBrowser(REDIRECT_URI);
  const page = await loginOnPage(
    browser,
    await browser.go(req.url, { crossSite: true }),
    user,
    PASSWORD,
  );
  return page.url;
}

/** The error the provider sent to the redirect URI, or the error page's code when it refused to redirect. */
async function authError(url: string): Promise<{ redirected: boolean; error: string | null }> {
  const res = await fetch(url, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (location?.startsWith(REDIRECT_URI)) {
    const u = new URL(location);
    return {
      redirected: true,
      error: u.searchParams.get('error') ?? new URLSearchParams(u.hash.slice(1)).get('error'),
    };
  }
  const text = await res.text();
  return { redirected: false, error: /data-testid="oidc-error">([^<]+)</.exec(text)?.[1] ?? null };
}

describe('discovery', () => {
  it('publishes code + S256 only, signed ID tokens only, the Vertrauensniveau acr values, logout endpoints', async () => {
    const meta = (await (
      await fetch(`${t.url}/oidc/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(`${t.url}/oidc`);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    // refresh_token is listed by the library but never issued (issueRefreshToken → false, tested below).
    expect(meta.grant_types_supported).toContain('authorization_code');
    expect(meta.grant_types_supported).not.toContain('implicit');
    expect(meta.id_token_signing_alg_values_supported).toEqual(['RS256']);
    for (const key of Object.keys(meta).filter((k) => k.endsWith('alg_values_supported')))
      expect(meta[key]).not.toContain('none');
    expect(meta.acr_values_supported).toEqual(
      expect.arrayContaining([
        'http://eidas.europa.eu/LoA/low',
        'http://eidas.europa.eu/LoA/substantial',
        'http://eidas.europa.eu/LoA/high',
        'urn:faktor:tr-03160:substanziell',
      ]),
    );
    expect(meta.claims_parameter_supported).toBe(true);
    expect(meta.backchannel_logout_supported).toBe(true);
    expect(meta.end_session_endpoint).toBe(`${t.url}/oidc/session/end`);
    expect(meta.claims_supported).toEqual(
      expect.arrayContaining(['verified_claims', 'withheld_claims', 'acr']),
    );
    const jwks = (await (await fetch(meta.jwks_uri as string)).json()) as {
      keys: Record<string, unknown>[];
    };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const k of jwks.keys) expect(k.d).toBeUndefined(); // public parts only
  });
});

describe('authorisation request checks', () => {
  it('refuses a request without PKCE, with the plain method, and an implicit or hybrid response type', async () => {
    const config = await discover(t.url);
    const good = new URL((await authRequest(config, 'openid')).url);
    const without = new URL(good);
    without.searchParams.delete('code_challenge');
    without.searchParams.delete('code_challenge_method');
    expect(await authError(without.href)).toEqual({ redirected: true, error: 'invalid_request' });
    const plain = new URL(good);
    plain.searchParams.set('code_challenge_method', 'plain');
    expect((await authError(plain.href)).error).toBe('invalid_request');
    for (const type of ['id_token', 'code id_token', 'token']) {
      const implicit = new URL(good);
      implicit.searchParams.set('response_type', type);
      expect((await authError(implicit.href)).error).toBe('unsupported_response_type');
    }
  });

  it('matches the redirect URI exactly and never redirects to an unregistered one', async () => {
    const config = await discover(t.url);
    const good = new URL((await authRequest(config, 'openid')).url);
    for (const uri of [
      `${REDIRECT_URI}/`,
      `${REDIRECT_URI}?x=1`,
      REDIRECT_URI.replace('/cb', '/CB'),
      REDIRECT_URI.replace('127.0.0.1', 'localhost'),
      'https://evil.example/cb',
    ]) {
      const bad = new URL(good);
      bad.searchParams.set('redirect_uri', uri);
      expect(await authError(bad.href)).toEqual({
        redirected: false,
        error: 'invalid_redirect_uri',
      });
    }
    const missing = new URL(good);
    missing.searchParams.delete('redirect_uri');
    expect((await authError(missing.href)).redirected).toBe(false);
  });

  it('refuses a request object signed with alg none', async () => {
    const config = await discover(t.url);
    const good = new URL((await authRequest(config, 'openid')).url);
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(Object.fromEntries(good.searchParams))}.`;
    const withRequest = new URL(good);
    withRequest.searchParams.set('request', unsigned);
    const r = await authError(withRequest.href);
    expect(r.error).toMatch(/^invalid_request_object$|^request_not_supported$/);
  });

  it('answers an unknown or expired interaction with a 400 page, not a server error', async () => {
    const hop = await fetch(`${t.url}/interaction/not-a-real-uid`);
    expect(hop.status).toBe(200); // the same-site hop page comes first
    const r = await fetch(`${t.url}/interaction/not-a-real-uid?hop=1`);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('data-testid="interaction-error"');
  });

  it('answers prompt=none with login_required: the Servicekonto session is checked on every request', async () => {
    const config = await discover(t.url);
    const req = await authRequest(config, 'openid', { prompt: 'none' });
    expect(await authError(req.url)).toEqual({ redirected: true, error: 'login_required' });
  });

  it('refuses to register a client that wants unsigned ID tokens or the implicit flow (test route)', async () => {
    const post = (body: object): Promise<Response> =>
      fetch(`${t.url}/test/oidc/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post({
          client_id: 'x1',
          redirect_uris: [REDIRECT_URI],
          id_token_signed_response_alg: 'none',
        })
      ).status,
    ).toBe(400);
    expect(
      (await post({ client_id: 'x2', redirect_uris: [REDIRECT_URI], response_types: ['id_token'] }))
        .status,
    ).toBe(400);
    expect((await post({ client_id: 'x3', redirect_uris: ['not a url'] })).status).toBe(400);
    const ok = await post({
      client_id: 'x4',
      client_secret: 'a-long-test-client-secret-0123456789',
      redirect_uris: [REDIRECT_URI],
    });
    expect(ok.status).toBe(201);
    const form = await fetch(`${t.url}/test/oidc/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=x5',
    });
    expect(form.status).toBe(415);
    // The registered client works with a real RP.
    const config = await discover(t.url, {
      client_id: 'x4',
      client_secret: 'a-long-test-client-secret-0123456789',
    });
    const req = await authRequest(config, 'openid');
    const tokens = await redeem(config, req, await loginFlow(req));
    expect(tokens.claims()?.acr).toBe('urn:faktor:tr-03160:niedrig');
  });
});

describe('code, state and nonce', () => {
  it('returns state unchanged, puts the nonce in the ID token and lets a code be redeemed once only', async () => {
    const config = await discover(t.url);
    const req = await authRequest(config, 'openid');
    const callback = await loginFlow(req);
    expect(new URL(callback).searchParams.get('state')).toBe(req.state);
    expect(new URL(callback).searchParams.get('iss')).toBe(`${t.url}/oidc`);
    // openid-client checks the nonce: a wrong expectation fails, the right one passes.
    await expect(
      oc.authorizationCodeGrant(config, new URL(callback), {
        pkceCodeVerifier: req.verifier,
        expectedState: req.state,
        expectedNonce: 'not-the-nonce',
      }),
    ).rejects.toThrow();
    // That attempt consumed the code: a second redemption is refused (and revokes what was issued).
    await expect(redeem(config, req, callback)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong PKCE verifier, a wrong state and a second use of the same code', async () => {
    const config = await discover(t.url);
    const req = await authRequest(config, 'openid');
    const callback = await loginFlow(req);
    await expect(
      oc.authorizationCodeGrant(config, new URL(callback), {
        pkceCodeVerifier: oc.randomPKCECodeVerifier(),
        expectedState: req.state,
        expectedNonce: req.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    const req2 = await authRequest(config, 'openid');
    const callback2 = await loginFlow(req2);
    await expect(
      oc.authorizationCodeGrant(config, new URL(callback2), {
        pkceCodeVerifier: req2.verifier,
        expectedState: 'another-state',
        expectedNonce: req2.nonce,
      }),
    ).rejects.toThrow();
    const tokens = await redeem(config, req2, callback2);
    expect(tokens.claims()?.nonce).toBe(req2.nonce);
    await expect(redeem(config, req2, callback2)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Reuse of a code revokes the tokens it produced (RFC 6749 §4.1.2).
    await expect(
      oc.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub as string),
    ).rejects.toThrow();
  });

  it('lets a public client (no secret) in with PKCE', async () => {
    const config = await oc.discovery(
      new URL(`${t.url}/oidc`),
      'public-app',
      undefined,
      oc.None(),
      { execute: [oc.allowInsecureRequests] },
    );
    const req = await authRequest(config, 'openid');
    const tokens = await redeem(config, req, await loginFlow(req));
    expect(tokens.claims()?.aud).toBe('public-app');
    expect(tokens.refresh_token).toBeUndefined();
  });
});
