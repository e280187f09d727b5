/**
 * OpenID Connect step-up with the desktop app, end to end: the demo Online-Leistung (a real
 * openid-client relying party in its own process) asks for substanziell; in a Debian Chromium tab the
 * user logs in with the password on the Servicekonto's pages, and the OIDC layer sends the niedrig
 * session to the existing step-up page. There the paired Faktor desktop app — the real app in the
 * harness, with its real main-process services, vault and keychain — raises the session: once by an
 * online approval with number matching, once (after an RP-initiated logout) by its offline QR code.
 * Both times the service gets an ID token with the substanziell `acr` and the verified claims. The
 * account has no means at substanziell other than the desktop app, and the step-up page offers only
 * the desktop app, so the level reached can only have come from it. The only double is the screen
 * capture the app "scans" the browser tab with (fed with the tab's screenshot).
 */
import type { Page } from '@playwright/test';
import { logout } from './server-pages-helpers';
import { offlineCodeFromScreen, pairedUserAt } from './servicekonto-helpers';
import {
  allowConsent,
  expectSubstantialLogin,
  logoutFromDemo,
  passwordLoginFromDemo,
  startOidcDemo,
  verifyWithTestEid,
  type OidcDemo,
} from './oidc-helpers';
import { expect, test } from './support/fixtures';

let oidc: OidcDemo;
test.beforeAll(async () => {
  oidc = await startOidcDemo();
});
test.afterAll(async () => {
  await oidc?.close();
});
// Real time: the server's QR codes and requests expire in minutes, and the app checks that against its own clock.
test.use({ harnessOptions: { pinnedTime: null } });

const PIN = '480213';

/** The step-up page offers the desktop app and nothing else; returns its means id. */
async function onlyDesktopAppOffered(site: Page): Promise<string> {
  const options = site.locator('section.means-option[data-means-id]');
  await expect(options).toHaveCount(1);
  const meansId = (await options.getAttribute('data-means-id')) ?? '';
  await expect(site.locator(`tr[data-means-id="${meansId}"]`)).toHaveCount(0); // a step-up page, not the overview
  await expect(options.getByTestId('push-send')).toBeVisible();
  await expect(options.getByTestId(`login-qr-${meansId}`)).toBeVisible();
  return meansId;
}

test('a service asks for substanziell: password, step-up with the desktop app (online approval, then offline QR), consent; the ID token carries acr and verified claims', async ({
  harness,
  page,
}) => {
  test.setTimeout(240_000);
  const { origin } = oidc.server;
  // A new account, paired with the app and confirmed (§4.2) in the browser: password + desktop app only.
  const { user, site } = await pairedUserAt(harness, page, origin, PIN);
  expect(
    (
      await site
        .locator('tr[data-means-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')))
    ).sort(),
  ).toEqual(['desktop-app', 'password']);
  await verifyWithTestEid(site, origin);
  await logout(site);

  // (a) Online approval: the step-up page sends a request to the app; the browser shows the number.
  await passwordLoginFromDemo(site, oidc.demoUrl, user);
  const meansId = await onlyDesktopAppOffered(site);
  await site.getByTestId('push-send').click();
  await site.waitForURL(/\/auth\/push\/wait\?/);
  const shown = (await site.getByTestId('push-number').innerText()).trim();

  // In the app: the request card, the number the browser shows, the PIN, approve.
  const card = page.getByRole('article', { name: 'Login request' });
  await expect(card).toBeVisible({ timeout: 20_000 });
  await card.getByRole('button', { name: shown, exact: true }).click();
  await card.getByLabel('PIN', { exact: true }).fill(PIN);
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card.getByRole('status')).toHaveText('Approved.', { timeout: 20_000 });

  // The waiting page notices by itself (HTTP Refresh) and goes on with the OIDC interaction: consent, then the service.
  await allowConsent(site);
  // RFC 8176 amr: the password, then the desktop app's PIN-unlocked software key.
  expect((await expectSubstantialLogin(site, oidc.demoUrl)).amr).toEqual([
    'pin',
    'pwd',
    'swk',
    'mfa',
  ]);
  await site.goto(`${origin}/account`);
  await expect(site.getByTestId('session-level')).toHaveAttribute('data-level', 'substanziell');
  await expect(
    site.locator('[data-client-id="demo-online-leistung"] [data-consent="familyName"]'),
  ).toBeVisible();
  await logoutFromDemo(site, oidc.demoUrl, origin);

  // (b) Offline: the app scans the step-up page's QR of this desktop app and shows a code; the browser types it.
  await passwordLoginFromDemo(site, oidc.demoUrl, user);
  expect(await onlyDesktopAppOffered(site)).toBe(meansId);
  const code = await offlineCodeFromScreen(harness, page, site, PIN, `login-qr-${meansId}`);
  await site.fill(`#code-${meansId}`, code);
  await site.click(`section[data-means-id="${meansId}"] #desktop-code-form button[type=submit]`);
  // The consent given in (a) is remembered: straight back to the service.
  expect((await expectSubstantialLogin(site, oidc.demoUrl)).amr).toEqual([
    'pin',
    'pwd',
    'swk',
    'mfa',
  ]);
  await logoutFromDemo(site, oidc.demoUrl, origin);
});
