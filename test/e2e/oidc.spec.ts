/**
 * OpenID Connect end to end in Debian Chromium: the demo Online-Leistung (`npm run demo-service`, a
 * real openid-client relying party in its own process) sends the user to the Servicekonto, which logs
 * them in with the password on its own pages, steps the session up to substanziell with TOTP, asks for
 * consent per attribute and returns to the service; the service shows the ID token's acr and claims.
 * The same login with the desktop app as the step-up means: oidc-desktop-app.spec.ts.
 */
import { expect, test, type Page } from '@playwright/test';
import { totpCodeAt } from '../../server/means/totp';
import { createAccount, logout, newUser } from './server-pages-helpers';
import {
  allowConsent,
  expectSubstantialLogin,
  logoutFromDemo,
  passwordLoginFromDemo,
  startOidcDemo,
  verifyWithTestEid,
  type OidcDemo,
} from './oidc-helpers';

let oidc: OidcDemo;
let origin: string;

test.beforeAll(async () => {
  oidc = await startOidcDemo();
  origin = oidc.server.origin;
});

test.afterAll(async () => {
  await oidc?.close();
});

async function totpAtServer(secret: string): Promise<string> {
  const { now } = (await (await fetch(`${origin}/test/clock`)).json()) as { now: number };
  return totpCodeAt(secret, now);
}

/** Registers TOTP on the pages (session → substanziell) and returns its secret. */
async function registerTotp(page: Page): Promise<string> {
  await page.goto(`${origin}/means/new`);
  await page.click('#new-totp button[type=submit]');
  const secret = new URL(await page.getByTestId('otpauth-uri').inputValue()).searchParams.get(
    'secret',
  ) as string;
  await page.fill('input[name="code"]', await totpAtServer(secret));
  await page.click('#confirm-form button[type=submit]');
  await page.waitForURL(/\/account\?done=confirmed/);
  return secret;
}

test('a service asks for substanziell: password, TOTP step-up, consent; the ID token carries acr and verified claims', async ({
  page,
}) => {
  const user = newUser();
  await createAccount(page, origin, user);
  const secret = await registerTotp(page);
  await verifyWithTestEid(page, origin);
  await logout(page);
  // The TOTP confirmation used the current time step; codes are single use.
  await oidc.server.clock({ advanceSeconds: 30 });

  await passwordLoginFromDemo(page, oidc.demoUrl, user);
  await page.fill('section[data-means-id] input[name="code"]', await totpAtServer(secret));
  await page.click('section[data-means-id] form button[type=submit]');
  await allowConsent(page);
  await expectSubstantialLogin(page, oidc.demoUrl);

  // The overview lists the service with the attributes the user agreed to give it.
  await page.goto(`${origin}/account`);
  await expect(
    page.locator('[data-client-id="demo-online-leistung"] [data-consent="familyName"]'),
  ).toBeVisible();

  // RP-initiated logout from the service ends the Servicekonto session.
  await logoutFromDemo(page, oidc.demoUrl, origin);
});
