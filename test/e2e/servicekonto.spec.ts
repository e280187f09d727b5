import { blockWithPassword, createAccount, logout, newUser, startServer, type RunningServer } from './server-pages-helpers';
import { meansRows, offlineCodeFromScreen, openServicekonto, pairFromScreen } from './servicekonto-helpers';
import { expect, test } from './support/fixtures';

/**
 * The app side of issue #9 end to end: the real reference server (test mode) in a Chromium tab as the
 * user's browser, the real app (harness + real main-process api) beside it. The app "scans" the
 * browser through the screen-capture double fed with the tab's screenshot — the only double here.
 */

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.close();
});
// Real time: the server's QR codes expire in minutes, and the app checks that against its own clock.
test.use({ harnessOptions: { pinnedTime: null } });

const PIN = '480213';

test('pair from the server page, confirm and log in offline by the code the app shows; the app lists the server\'s means; a block-password block shows up in the app', async ({ harness, page }) => {
  test.setTimeout(180_000);
  const user = newUser();
  const site = await page.context().newPage();
  await site.setViewportSize({ width: 1280, height: 800 });
  await createAccount(site, server.origin, user);

  // Desktop-App hinzufügen: the browser shows the pairing QR, the app scans it and pairs.
  await site.goto(`${server.origin}/means/new`);
  await site.click('#new-desktop-app button[type=submit]');
  await pairFromScreen(harness, page, site, PIN);

  // §4.2: the pending means is confirmed in the same session with one login QR → the app's code.
  await site.getByTestId('pairing-continue').click();
  await site.waitForURL(/\/means\/[^/]+\/confirm/);
  await site.fill('#f-code', await offlineCodeFromScreen(harness, page, site, PIN));
  await site.click('#desktop-code-form button[type=submit]');
  await site.waitForURL(/\/account/);
  await expect(site.locator('tr[data-kind="desktop-app"]')).toHaveAttribute('data-status', 'active');

  // The app's view of the account equals the server's account page.
  const panel = await openServicekonto(page, user.username);
  await expect(panel.getByText('Highest trust level of the account: substanziell')).toBeVisible();
  await expect(panel.locator('tr[data-this-device="true"]')).toHaveAttribute('data-kind', 'desktop-app');
  const serverRows = await meansRows(site.locator('tr[data-means-id]'), 'data-means-id');
  expect(serverRows.length).toBeGreaterThanOrEqual(2);
  expect(await meansRows(panel.locator('tbody tr'), 'data-means')).toEqual(serverRows);
  await expect(panel.getByRole('term').filter({ hasText: 'E-mail' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Offline QR login end to end: the browser types the code the app shows.
  await logout(site);
  await site.goto(`${server.origin}/login/desktop-app`);
  await site.fill('#f-username', user.username);
  await site.click('#desktop-login-form button[type=submit]');
  await site.fill('#f-code', await offlineCodeFromScreen(harness, page, site, PIN));
  await site.click('#desktop-code-form button[type=submit]');
  await site.waitForURL(/\/account/);
  await expect(site.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
  await logout(site);

  // Lost the laptop: block the desktop app with the block password (no login), see it blocked in the app.
  await blockWithPassword(site, server.origin, user, 'desktop-app');
  await expect(site.locator('.notice-ok')).toBeVisible();
  const again = await openServicekonto(page, user.username);
  await expect(again.getByRole('alert')).toContainText('This desktop is blocked');
  await expect(again.locator('tr[data-this-device="true"]')).toHaveAttribute('data-status', 'blocked');
});
