/**
 * Test relying party: `openid-client` (an independent OpenID Connect library, not the provider's)
 * against the real server, plus the account set-up the flows need (password + TOTP, attributes).
 */
import * as oc from 'openid-client';
import { afterAll, beforeAll } from 'vitest';
import {
  advance,
  newAccount,
  startTestServer,
  totpNow,
  type Client,
  type TestServer,
} from '../http/client';
import type { MiniBrowser, Page } from './browser';

/** Where the test RP pretends to live; the browser stops there (nothing listens). */
export const REDIRECT_URI = 'http://127.0.0.1:9/cb';
/** The confidential test client registered with every test server. */
export const RP = {
  client_id: 'online-leistung',
  client_secret: 'a-long-test-client-secret-0123456789',
  client_name: 'Online-Leistung (Test)',
  redirect_uris: [REDIRECT_URI],
  post_logout_redirect_uris: ['http://127.0.0.1:9/bye'],
};

/** The discovered configuration of the test client. */
export async function discover(
  base: string,
  client: { client_id: string; client_secret?: string } = RP,
): Promise<oc.Configuration> {
  return oc.discovery(new URL(`${base}/oidc`), client.client_id, client.client_secret, undefined, {
    execute: [oc.allowInsecureRequests],
  });
}

/** One authorisation request with PKCE, state and nonce (what a careful RP sends). */
export interface AuthRequest {
  url: string;
  verifier: string;
  state: string;
  nonce: string;
}

/** Builds an authorisation request; `extra` adds or overrides parameters (acr_values, claims, …). */
export async function authRequest(
  config: oc.Configuration,
  scope: string,
  extra: Record<string, string> = {},
): Promise<AuthRequest> {
  const verifier = oc.randomPKCECodeVerifier();
  const state = oc.randomState();
  const nonce = oc.randomNonce();
  const url = oc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await oc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url: url.href, verifier, state, nonce };
}

/** Exchanges the code at the end of a flow, checking state, nonce and PKCE the way openid-client does. */
export async function redeem(
  config: oc.Configuration,
  req: AuthRequest,
  callbackUrl: string,
): Promise<oc.TokenEndpointResponse & oc.TokenEndpointResponseHelpers> {
  return oc.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: req.verifier,
    expectedState: req.state,
    expectedNonce: req.nonce,
    idTokenExpected: true,
  });
}

/** An account with a confirmed TOTP means and some attributes; returns its name and TOTP secret. */
export async function accountWithTotp(
  base: string,
  username: string,
  attributes: Record<string, string>,
): Promise<{ api: Client; secret: string; totpId: string }> {
  const api = await newAccount(base, username, attributes);
  const r = await api.post<{ meansId: string; totp: { secret: string } }>('/api/means', {
    kind: 'password+totp',
  });
  if (r.status !== 201) throw new Error(`totp ${r.status}`);
  const conf = await api.post(`/api/means/${r.body.meansId}/authenticate`, {
    code: await totpNow(base, r.body.totp.secret),
  });
  if (conf.status !== 200) throw new Error(`totp confirm ${conf.status}`);
  // The next TOTP code must come from a later time step (codes are single use).
  await advance(base, 30);
  return { api, secret: r.body.totp.secret, totpId: r.body.meansId };
}

/** Logs in on the login page the flow was sent to. */
export async function loginOnPage(
  browser: MiniBrowser,
  page: Page,
  username: string,
  password: string,
): Promise<Page> {
  if (!new URL(page.url).pathname.startsWith('/login'))
    throw new Error(`expected the login page, got ${page.url}`);
  return browser.submit(page, '/login', { username, password });
}

/** Steps up with TOTP on the step-up page the flow was sent to. */
export async function stepUpTotp(
  base: string,
  browser: MiniBrowser,
  page: Page,
  totpId: string,
  secret: string,
): Promise<Page> {
  if (!new URL(page.url).pathname.startsWith('/auth'))
    throw new Error(`expected the step-up page, got ${page.url}`);
  return browser.submit(page, `/auth/${totpId}`, { code: await totpNow(base, secret) });
}

/** Starts a test-mode server with the test RP (plus `clients`) around a test file; `uniq` names accounts. */
export function useOidcServer(clients: object[] = []): {
  readonly url: string;
  uniq: (prefix: string) => string;
} {
  let t: TestServer | undefined;
  let n = 0;
  beforeAll(async () => {
    t = await startTestServer({
      originFromPort: '127.0.0.1',
      oidcClients: [RP, ...(clients as (typeof RP)[])],
    });
  });
  afterAll(async () => t?.stop());
  return {
    get url(): string {
      if (!t) throw new Error('server not started');
      return t.url;
    },
    uniq: (prefix) => `${prefix}${++n}`,
  };
}
