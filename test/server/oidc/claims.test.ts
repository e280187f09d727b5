/**
 * §6 through OpenID Connect with a real RP: claims leave only at or above the requested level, in the
 * verified_claims shape with their assurance level; Basisregistrierung values only when the service
 * accepts unverified data, and then marked; withheld claims listed; consent per service and attribute,
 * withdrawn in the account overview (which also revokes the service's tokens).
 */
import { describe, expect, it } from 'vitest';
import * as oc from 'openid-client';
import { PASSWORD, lastMessage, newAccount, parseCode, type Client } from '../http/client';
import { MiniBrowser, type Page } from './browser';
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

/** Verifies the e-mail address with the code from the outbox (§5.1: niedrig). */
async function verifyEmail(api: Client, email: string): Promise<void> {
  const v = await api.post<{ verificationId: string }>('/api/verifications', {
    attribute: 'email',
    value: email,
    method: 'email-code',
  });
  const { code } = parseCode((await lastMessage(t.url, 'email', email)).body);
  expect(
    (await api.post(`/api/verifications/${v.body.verificationId}/confirm`, { code })).status,
  ).toBe(200);
}

/** An account whose minimum data set was verified by the test eID at substanziell and whose e-mail is verified (niedrig). */
async function verifiedAccount(
  identity: 'erika' | 'max',
): Promise<{ user: string; totpId: string; secret: string; api: Client }> {
  const user = uniq('erika');
  const a = await accountWithTotp(t.url, user, {});
  expect((await a.api.post('/api/verifications/eid', { testIdentity: identity })).status).toBe(204);
  await verifyEmail(a.api, `${user}@example.org`);
  return { user, ...a };
}

describe('verified claims with their levels', () => {
  it('releases the eID-verified data at substanziell, withholds the niedrig e-mail, honours an unticked attribute', async () => {
    const { user, totpId, secret } = await verifiedAccount('erika');
    const config = await discover(t.url);
    const req = await authRequest(config, 'openid profile email', {
      acr_values: 'urn:faktor:tr-03160:substanziell',
    });
    const browser = new MiniBrowser(REDIRECT_URI);
    let page = await loginOnPage(
      browser,
      await browser.go(req.url, { crossSite: true }),
      user,
      PASSWORD,
    );
    page = await stepUpTotp(t.url, browser, page, totpId, secret);
    expect(page.text).toContain('data-testid="consent-released"');
    expect(page.text).toContain('data-withheld="email"');
    const ticked = ['familyName', 'givenNames', 'birthName', 'dateOfBirth'];
    page = await browser.submit(page, '/interaction/', { decision: 'allow', attr: ticked });
    const tokens = await redeem(config, req, page.url);
    const claims = tokens.claims() as Record<string, unknown>;
    expect(claims.acr).toBe('urn:faktor:tr-03160:substanziell');
    expect(claims.verified_claims).toEqual([
      {
        verification: { trust_framework: 'de_bsi_tr_03160_1', assurance_level: 'substanziell' },
        claims: {
          family_name: 'MUSTERMANN',
          given_name: 'ERIKA MARIA',
          birth_family_name: 'GABLER',
          birthdate: '1964-08-12',
        },
      },
    ]);
    expect(claims.withheld_claims).toEqual(
      expect.arrayContaining([
        { claim: 'email', reason: 'below-target', level: 'niedrig' },
        { claim: 'place_of_birth', reason: 'no-consent', level: 'substanziell' },
      ]),
    );
    expect(claims.email).toBeUndefined();
    const info = await oc.fetchUserInfo(config, tokens.access_token, claims.sub as string);
    expect(info.verified_claims).toEqual(claims.verified_claims);

    // Same browser, a niedrig request for the e-mail: no login, no step-up; the e-mail leaves at niedrig.
    const low = await authRequest(config, 'openid email');
    page = await browser.go(low.url, { crossSite: true });
    expect(new URL(page.url).pathname).toMatch(/^\/interaction\//);
    page = await browser.submit(page, '/interaction/', { decision: 'allow', attr: 'email' });
    const lowClaims = (await redeem(config, low, page.url)).claims() as Record<string, unknown>;
    expect(lowClaims.acr).toBe('urn:faktor:tr-03160:substanziell'); // the level reached, not the one asked
    expect(lowClaims.verified_claims).toEqual([
      {
        verification: { trust_framework: 'de_bsi_tr_03160_1', assurance_level: 'niedrig' },
        claims: { email: `${user}@example.org` },
      },
    ]);

    // The overview lists the consents per attribute; withdrawing one revokes the service's tokens.
    let account = await browser.go(`${t.url}/account`);
    expect(account.text).toContain('data-client-id="online-leistung"');
    expect(account.text).toContain('data-consent="familyName"');
    account = await browser.submit(account, '/account/services/revoke', {
      clientId: 'online-leistung',
      attribute: 'familyName',
    });
    expect(account.text).not.toContain('data-consent="familyName"');
    expect(account.text).toContain('data-consent="givenNames"');
    await expect(
      oc.fetchUserInfo(config, tokens.access_token, claims.sub as string),
    ).rejects.toThrow();
    // The next request asks for consent again.
    const again = await authRequest(config, 'openid profile', {
      acr_values: 'urn:faktor:tr-03160:substanziell',
    });
    page = await browser.go(again.url, { crossSite: true });
    expect(page.text).toContain('data-testid="consent-familyName"');
  });

  it('releases self-entered values only to a service that accepts Basisregistrierung, marked unverified', async () => {
    const user = uniq('ute');
    await newAccount(t.url, user, { familyName: 'Beispiel', email: 'ute@example.org' });
    const config = await discover(t.url);
    const browser = new MiniBrowser(REDIRECT_URI);
    const strict = await authRequest(config, 'openid profile email');
    let page: Page = await loginOnPage(
      browser,
      await browser.go(strict.url, { crossSite: true }),
      user,
      PASSWORD,
    );
    const strictClaims = (await redeem(config, strict, page.url)).claims() as Record<
      string,
      unknown
    >;
    expect(strictClaims.family_name).toBeUndefined();
    expect(strictClaims.withheld_claims).toEqual(
      expect.arrayContaining([
        { claim: 'family_name', reason: 'below-target', level: 'basisregistrierung' },
      ]),
    );

    const lax = await authRequest(config, 'openid profile email', {
      acr_values: 'urn:faktor:tr-03160:basisregistrierung',
    });
    page = await browser.go(lax.url, { crossSite: true });
    expect(page.text).toContain('nicht überprüft (Basisregistrierung)');
    page = await browser.submit(page, '/interaction/', {
      decision: 'allow',
      attr: ['familyName', 'email'],
    });
    const laxClaims = (await redeem(config, lax, page.url)).claims() as Record<string, unknown>;
    expect(laxClaims.acr).toBe('urn:faktor:tr-03160:niedrig');
    expect(laxClaims.family_name).toBe('Beispiel');
    expect(laxClaims.email).toBe('ute@example.org');
    expect(laxClaims.unverified_claims).toEqual(['family_name', 'email']);
    expect(laxClaims.verified_claims).toBeUndefined();
  });

  it('answers unmet_authentication_requirements when the account cannot reach an essential acr, and access_denied on refusal', async () => {
    const { user, totpId, secret } = await verifiedAccount('max');
    const config = await discover(t.url);
    const browser = new MiniBrowser(REDIRECT_URI);
    const claimsParam = JSON.stringify({
      id_token: { acr: { essential: true, values: ['http://eidas.europa.eu/LoA/high'] } },
    });
    const high = await authRequest(config, 'openid', { claims: claimsParam });
    let page = await loginOnPage(
      browser,
      await browser.go(high.url, { crossSite: true }),
      user,
      PASSWORD,
    );
    expect(new URL(page.url).searchParams.get('error')).toBe('unmet_authentication_requirements');
    // A voluntary request for more than the account has still answers, with the level actually reached.
    const more = await authRequest(config, 'openid profile', {
      acr_values: 'http://eidas.europa.eu/LoA/high',
    });
    page = await browser.go(more.url, { crossSite: true });
    const moreClaims = (await redeem(config, more, page.url)).claims() as Record<string, unknown>;
    expect(moreClaims.acr).toBe('http://eidas.europa.eu/LoA/low');
    expect(moreClaims.verified_claims).toBeUndefined();
    expect(moreClaims.withheld_claims).toEqual(
      expect.arrayContaining([
        { claim: 'family_name', reason: 'session-below-target', level: null },
      ]),
    );
    // Stepped up, the consent page can be refused.
    const sub = await authRequest(config, 'openid profile', {
      acr_values: 'http://eidas.europa.eu/LoA/substantial',
    });
    page = await stepUpTotp(
      t.url,
      browser,
      await browser.go(sub.url, { crossSite: true }),
      totpId,
      secret,
    );
    page = await browser.submit(page, '/interaction/', { decision: 'deny' });
    expect(new URL(page.url).searchParams.get('error')).toBe('access_denied');
  });
});
