import {
  blockWithPassword,
  logout,
  startServer,
  type RunningServer,
  type TestUser,
} from './server-pages-helpers';
import {
  meansRows,
  offlineCodeFromScreen,
  openServicekonto,
  pairedUserAt,
} from './servicekonto-helpers';
import type { Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
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

const pairedUser = (harness: Harness, page: Page): Promise<{ user: TestUser; site: Page }> =>
  pairedUserAt(harness, page, server.origin, PIN);

test("pair from the server page, confirm and log in offline by the code the app shows; the app lists the server's means; a block-password block shows up in the app", async ({
  harness,
  page,
}) => {
  test.setTimeout(180_000);
  const { user, site } = await pairedUser(harness, page);

  // The app's view of the account equals the server's account page.
  const panel = await openServicekonto(page, user.username);
  await expect(panel.getByText('Highest trust level of the account: substanziell')).toBeVisible();
  await expect(panel.locator('tr[data-this-device="true"]')).toHaveAttribute(
    'data-kind',
    'desktop-app',
  );
  const serverRows = await meansRows(site.locator('tr[data-means-id]'), 'data-means-id');
  expect(serverRows.length).toBeGreaterThanOrEqual(2);
  expect(
    await meansRows(
      panel.getByRole('table', { name: 'Authentication means' }).locator('tbody tr'),
      'data-means',
    ),
  ).toEqual(serverRows);
  await expect(panel.getByRole('term').filter({ hasText: 'E-mail' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Offline QR login end to end: the browser types the code the app shows.
  await logout(site);
  await site.goto(`${server.origin}/login/desktop-app`);
  await site.fill('#f-username', user.username);
  await site.click('#desktop-login-form button[type=submit]');
  await site.fill(
    '#desktop-code-form input[name=code]',
    await offlineCodeFromScreen(harness, page, site, PIN),
  );
  await site.click('#desktop-code-form button[type=submit]');
  await site.waitForURL(/\/account/);
  await expect(site.getByTestId('max-level')).toHaveAttribute('data-level', 'substanziell');
  await logout(site);

  // Lost the laptop: block the desktop app with the block password (no login), see it blocked in the app.
  await blockWithPassword(site, server.origin, user, 'desktop-app');
  await expect(site.locator('.notice-ok')).toBeVisible();
  const again = await openServicekonto(page, user.username);
  await expect(again.getByRole('alert')).toContainText('This desktop is blocked');
  await expect(again.locator('tr[data-this-device="true"]')).toHaveAttribute(
    'data-status',
    'blocked',
  );
});

test('online approval: the request reaches the app, the right number + PIN logs the browser in, a wrong number does not', async ({
  harness,
  page,
}) => {
  test.setTimeout(180_000);
  const { user, site } = await pairedUser(harness, page);
  await logout(site);
  const push = async (): Promise<{ tx: string; number: number }> =>
    site.evaluate(
      async (username) =>
        (await (
          await fetch('/api/login/desktop-app/push', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username }),
          })
        ).json()) as { tx: string; number: number },
      user.username,
    );
  const status = async (tx: string): Promise<string> =>
    site.evaluate(
      async (t) =>
        (
          (await (
            await fetch('/api/login/desktop-app/push/status', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ tx: t }),
            })
          ).json()) as { state: string }
        ).state,
      tx,
    );

  const first = await push();
  const card = page.getByRole('article', { name: 'Login request' });
  await expect(card).toBeVisible();
  await expect.poll(() => harness.notifications.length).toBeGreaterThan(0);
  await card.getByRole('button', { name: String(first.number), exact: true }).click();
  await card.getByLabel('PIN', { exact: true }).fill(PIN);
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card.getByRole('status')).toHaveText('Approved.');
  expect(await status(first.tx)).toBe('approved');
  await expect(card).toBeHidden();

  const second = await push();
  await expect(card).toBeVisible();
  const wrong = (
    await card
      .getByRole('group', { name: 'Which number does the browser show?' })
      .getByRole('button')
      .allTextContents()
  ).find((n) => n !== String(second.number))!;
  await card.getByRole('button', { name: wrong, exact: true }).click();
  await card.getByLabel('PIN', { exact: true }).fill(PIN);
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card.getByRole('alert')).toBeVisible();
  // The PIN went to main once; the card keeps no copy of it.
  await expect(card.getByLabel('PIN', { exact: true })).toHaveValue('');
  expect(await status(second.tx)).not.toBe('approved');
});
