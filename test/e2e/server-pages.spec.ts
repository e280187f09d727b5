/**
 * The Servicekonto pages in Debian Chromium: a security key through the DevTools virtual
 * authenticator, Table 2 timeouts via the test clock, the public block-password form, and both
 * languages. The server runs in test mode on 127.0.0.1 port 0.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  addVirtualSecurityKey,
  blockWithPassword,
  createAccount,
  loginWithPassword,
  logout,
  newUser,
  registerSecurityKey,
  startServer,
  type RunningServer,
} from './server-pages-helpers';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.close();
});

/** A new account with a registered, confirmed security key (Chromium's virtual authenticator), logged in. */
async function userWithSecurityKey(page: Page): Promise<ReturnType<typeof newUser>> {
  await addVirtualSecurityKey(page);
  const user = newUser();
  await createAccount(page, server.origin, user);
  await registerSecurityKey(page, server.origin);
  return user;
}

/** Password, then the security key on the step-up page. */
async function loginWithKey(page: Page, user: ReturnType<typeof newUser>): Promise<void> {
  await loginWithPassword(page, server.origin, user);
  await page.waitForURL(/\/auth\?next=/);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'niedrig');
  await page.click('section[data-means-id] button[data-webauthn="authenticate"]');
  await page.waitForURL(/\/account$/);
}

test('security key: create account, register + confirm key, log out, log in with password + key → substanziell', async ({
  page,
}) => {
  const user = await userWithSecurityKey(page);
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
  await logout(page);
  await loginWithKey(page, user);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'substanziell');
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
  await expect(page.locator('tr[data-kind="password+security-key"]')).toHaveAttribute(
    'data-status',
    'active',
  );
  // The attributes stay at Basisregistrierung: a new means does not verify data (§4.2).
  await expect(page.locator('tr[data-attribute="familyName"] [data-level]')).toHaveAttribute(
    'data-level',
    'basisregistrierung',
  );
});

test('Table 2: idle limit downgrades substanziell to niedrig, then the session ends', async ({
  page,
}) => {
  const user = await userWithSecurityKey(page);
  await logout(page);
  await loginWithKey(page, user);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'substanziell');

  // 31 min idle: past substanziell's 30 min, within niedrig's 60 min → downgraded, not ended.
  await server.clock({ advanceSeconds: 31 * 60 });
  await page.goto(`${server.origin}/account`);
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'niedrig');
  await expect(page.getByTestId('session-downgraded')).toBeVisible();

  // Another 61 min idle: niedrig's idle limit passes too → logged out.
  await server.clock({ advanceSeconds: 61 * 60 });
  await page.goto(`${server.origin}/account`);
  await page.waitForURL(/\/login/);
});

test('Table 2: absolute limit downgrades substanziell after 2 h of activity, niedrig ends after 12 h', async ({
  page,
}) => {
  const user = await userWithSecurityKey(page);
  await logout(page);
  await loginWithKey(page, user);

  // Stay active every 25 min (inside every idle limit) until 2 h 5 min have passed.
  for (let i = 0; i < 5; i++) {
    await server.clock({ advanceSeconds: 25 * 60 });
    await page.goto(`${server.origin}/account`);
  }
  await expect(page.getByTestId('session-level')).toHaveAttribute('data-level', 'niedrig');
  await expect(page.getByTestId('session-downgraded')).toBeVisible();

  // Keep going every 50 min until past 12 h since login: the password authentication ends too.
  for (let elapsed = 125; elapsed < 12 * 60; elapsed += 50) {
    await server.clock({ advanceSeconds: 50 * 60 });
    await page.goto(`${server.origin}/account`);
  }
  await page.waitForURL(/\/login/);
});

test('block-password form blocks the key without login; overview shows it blocked and the max level dropped', async ({
  page,
}) => {
  const user = await userWithSecurityKey(page);
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
  await logout(page);

  await blockWithPassword(page, server.origin, user, 'password+security-key');
  await expect(page.locator('.notice-ok')).toBeVisible();

  await loginWithPassword(page, server.origin, user);
  // No other active means → straight to the overview.
  await page.waitForURL(/\/account$/);
  await expect(page.locator('tr[data-kind="password+security-key"]')).toHaveAttribute(
    'data-status',
    'blocked',
  );
  await expect(page.getByTestId('max-level')).toHaveAttribute('data-level', 'niedrig');
});

test('German and English pages follow Accept-Language, with a switch link and the test-mode banner', async ({
  browser,
}) => {
  const en = await browser.newContext({
    locale: 'en-GB',
    extraHTTPHeaders: { 'accept-language': 'en-GB,en;q=0.9' },
  });
  const pe = await en.newPage();
  await pe.goto(`${server.origin}/login`);
  await expect(pe.locator('html')).toHaveAttribute('lang', 'en');
  await expect(pe.locator('h1')).toHaveText('Log in');
  await expect(pe.getByTestId('test-mode-banner')).toContainText('TEST MODE');
  await pe.goto(`${server.origin}/block`);
  await expect(pe.locator('h1')).toContainText('Sperrung');
  await pe.getByTestId('lang-switch').click();
  await expect(pe.locator('html')).toHaveAttribute('lang', 'de');
  await expect(pe.locator('h1')).toContainText('Anmeldemittel sperren');
  await en.close();

  const de = await browser.newContext({
    locale: 'de-DE',
    extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' },
  });
  const pd = await de.newPage();
  await pd.goto(`${server.origin}/register`);
  await expect(pd.locator('html')).toHaveAttribute('lang', 'de');
  await expect(pd.locator('h1')).toHaveText('Servicekonto erstellen');
  await expect(pd.getByTestId('test-mode-banner')).toContainText('TESTMODUS');
  await de.close();
});
