/**
 * The OpenID Connect provider with a real relying party (openid-client) against the real server:
 * login through the Servicekonto's own pages, step-up to substanziell with TOTP, consent, the ID
 * token's acr and verified_claims, userinfo.
 */
import { describe, expect, it } from 'vitest';
import * as oc from 'openid-client';
import { PASSWORD, newAccount } from '../http/client';
import { MiniBrowser } from './browser';
import {
  useOidcServer,
  REDIRECT_URI,
  accountWithTotp,
  authRequest,
  discover,
  loginOnPage,
  redeem,
  stepUpTotp,
} from './rp';

const t = useOidcServer();
const uniq = t.uniq;

describe('login with step-up through the pages', () => {
  it('steps a password session up to substanziell with TOTP and returns acr and the released claims', async () => {
    const user = uniq('erika');
    const { totpId, secret } = await accountWithTotp(t.url, user, {
      familyName: 'Mustermann',
      givenNames: 'Erika',
      email: 'erika@example.org',
    });
    const config = await discover(t.url);
    const req = await authRequest(config, 'openid profile email', {
      acr_values: 'http://eidas.europa.eu/LoA/substantial',
    });
    const browser = new MiniBrowser(REDIRECT_URI);
    let page = await browser.go(req.url, { crossSite: true });
    page = await loginOnPage(browser, page, user, PASSWORD);
    page = await stepUpTotp(t.url, browser, page, totpId, secret);
    expect(page.url).toBe(REDIRECT_URI + new URL(page.url).search);
    const tokens = await redeem(config, req, page.url);
    const claims = tokens.claims();
    expect(claims?.acr).toBe('http://eidas.europa.eu/LoA/substantial');
    expect(claims?.amr).toEqual(['otp', 'pwd', 'mfa']); // RFC 8176: password, then TOTP
    // Self-entered values are Basisregistrierung: below the target, withheld and listed.
    expect(claims?.verified_claims).toBeUndefined();
    expect(claims?.withheld_claims).toEqual(
      expect.arrayContaining([
        { claim: 'family_name', reason: 'below-target', level: 'basisregistrierung' },
      ]),
    );
    const info = await oc.fetchUserInfo(config, tokens.access_token, claims?.sub as string);
    expect(info.withheld_claims).toEqual(claims?.withheld_claims);
  });
});

describe('any means that reaches the level', () => {
  it('steps up to hoch with the test eID on the step-up page and comes back to the service', async () => {
    const user = uniq('eva');
    const api = await newAccount(t.url, user, {});
    expect((await api.post('/api/means/eid', { testIdentity: 'max' })).status).toBe(201);
    const config = await discover(t.url);
    const req = await authRequest(config, 'openid', { acr_values: 'urn:faktor:tr-03160:hoch' });
    const browser = new MiniBrowser(REDIRECT_URI);
    let page = await loginOnPage(
      browser,
      await browser.go(req.url, { crossSite: true }),
      user,
      PASSWORD,
    );
    expect(new URL(page.url).pathname).toBe('/auth');
    page = await browser.submit(page, '/eid/start', {});
    expect(new URL(page.url).pathname).toBe('/eid');
    page = await browser.submit(page, '/eid', { identity: 'max' });
    expect(page.url.startsWith(REDIRECT_URI)).toBe(true);
    const claims = (await redeem(config, req, page.url)).claims();
    expect(claims?.acr).toBe('urn:faktor:tr-03160:hoch');
    expect(claims?.amr).toEqual(['pin', 'pwd', 'sc', 'mfa']); // password, then the eID card with its PIN
  });
});
