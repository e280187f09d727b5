import type { Page } from '@playwright/test';
import { logout, startServer, type RunningServer } from './server-pages-helpers';
import { offlineCodeFromScreen, openServicekonto, pairedUserAt } from './servicekonto-helpers';
import { expect, test } from './support/fixtures';

/**
 * Issue #9 end to end, the app's side of a session and of the 3-strikes block: the real reference
 * server (test mode) in a Chromium tab as the user's browser, the real app (harness + real main-process
 * api) beside it; the app "scans" the tab through the screen-capture double (the only double here).
 * The app lists the browser's session with its level and Table 2 time left; a wrong PIN in the app's
 * request card refuses the browser's login with one plain sentence; the third consecutive failure
 * blocks the desktop app, which the app shows at its next refresh; the user unblocks it on the
 * server's page per §4.4 (a session at ≥ substanziell from the eID, plus the blocked means' own
 * offline code), and the next login approved in the app works again. A second test runs the session
 * list's live countdown under Playwright's fake clock past the idle limit: "expired", one refetch, one
 * polite announcement.
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

const PIN = '735102';
const WRONG_PIN = '735103';
const REFUSED = 'The request was not confirmed (declined or expired).';

/** From the login page: "send a request to the desktop app", the username, then the number the page shows. */
async function requestLogin(site: Page, username: string): Promise<number> {
  await site.goto(`${server.origin}/login`);
  await site.getByTestId('push-login-link').click();
  await site.fill('#f-username', username);
  await site.click('#push-login-form button[type=submit]');
  await site.waitForURL(/\/login\/desktop-app\/push\/wait$/);
  return Number(await site.getByTestId('push-number').innerText());
}

/** Answers the newest request card in the app with the browser's number and `pin`. */
async function answerNewest(
  page: Page,
  before: number,
  number: number,
  pin: string,
): Promise<ReturnType<Page['locator']>> {
  const cards = page.getByRole('article', { name: 'Login request' });
  await expect(cards).toHaveCount(before + 1, { timeout: 20_000 });
  const card = cards.nth(before);
  await card.getByRole('button', { name: String(number), exact: true }).click();
  await card.getByLabel('PIN', { exact: true }).fill(pin);
  await card.getByRole('button', { name: 'Approve' }).click();
  return card;
}

test("the app shows the browser session's level and time left; 3 wrong PINs block the desktop app; unblocked per §4.4 it works again", async ({
  harness,
  page,
}) => {
  test.setTimeout(300_000);
  const { user, site } = await pairedUserAt(harness, page, server.origin, PIN);

  // The browser session that confirmed the pairing: substanziell, with Table 2's 30 min idle / 2 h absolute.
  const panel = await openServicekonto(page, user.username);
  const row = panel
    .getByRole('table', { name: 'Browser sessions of the account' })
    .locator('tr[data-latest="true"]');
  await expect(row).toHaveAttribute('data-level', 'substanziell');
  // The browser named as a person would (this tab is Chromium on Linux), the raw User-Agent in the tooltip.
  await expect(row.getByRole('rowheader')).toContainText('Chrome on Linux');
  await expect(row.getByRole('rowheader')).toContainText('most recent');
  await expect(row.locator('.servicekonto-browser')).toHaveAttribute(
    'title',
    /^Mozilla\/5\.0 .*Chrome\//,
  );
  const idle = row.locator('td').nth(1);
  const absolute = row.locator('td').nth(2);
  await expect(idle).toHaveText(/^\d+ min \d+ s$/);
  await expect(absolute).toHaveText(/^\d h \d+ min$/);
  // Counted down live, without making a screen reader re-read the numbers every second.
  await expect(idle).toHaveAttribute('aria-live', 'off');
  const idleSeconds = Number(await idle.getAttribute('data-seconds'));
  expect(idleSeconds).toBeGreaterThan(20 * 60);
  expect(idleSeconds).toBeLessThanOrEqual(30 * 60);
  expect(Number(await absolute.getAttribute('data-seconds'))).toBeGreaterThan(idleSeconds);
  await expect
    .poll(async () => Number(await idle.getAttribute('data-seconds')), { timeout: 5000 })
    .toBeLessThan(idleSeconds);
  await page.keyboard.press('Escape');

  // An eID for the account (test provider), so the user can later reach substanziell without the desktop app.
  await site.goto(`${server.origin}/means/new`);
  await site.click('section[data-kind="eid"] button[type=submit]');
  await site.waitForURL(/\/eid\?purpose=register/);
  await site.click('li[data-identity="erika"] button[type=submit]');
  await site.waitForURL(/\/account\?done=confirmed/);
  const desktopRow = site.locator('tr[data-kind="desktop-app"]');
  const meansId = (await desktopRow.getAttribute('data-means-id')) as string;
  await logout(site);

  // Three logins answered with a wrong PIN: each is refused in the browser with one plain sentence.
  for (let i = 0; i < 3; i++) {
    const shown = await requestLogin(site, user.username);
    const card = await answerNewest(page, i, shown, WRONG_PIN);
    await expect(card.getByRole('alert')).toBeVisible();
    await expect(site.getByRole('alert')).toHaveText(REFUSED, { timeout: 20_000 });
    await expect(site.getByTestId('push-number')).toHaveCount(0);
  }

  // The app shows this desktop blocked at its next refresh, and lists no sessions while blocked.
  const blocked = await openServicekonto(page, user.username);
  await expect(blocked.getByRole('alert')).toContainText('This desktop is blocked');
  await expect(blocked.locator('tr[data-this-device="true"]')).toHaveAttribute(
    'data-status',
    'blocked',
  );
  await expect(
    blocked.getByText('Browser sessions are shown once this desktop is confirmed and not blocked.'),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  // §4.4 unblock: a session at ≥ the means' level without it (eID → hoch), then the blocked means' own code.
  const eid = await site.evaluate(
    async () =>
      (
        await fetch('/api/login/eid', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ testIdentity: 'erika' }),
        })
      ).status,
  );
  expect(eid).toBe(200);
  await site.goto(`${server.origin}/account`);
  await expect(desktopRow).toHaveAttribute('data-status', 'blocked');
  await desktopRow.locator('a[href$="/unblock"]').click();
  await site.waitForURL(/\/means\/[^/]+\/unblock$/);
  await site.fill(
    '#desktop-code-form input[name=code]',
    await offlineCodeFromScreen(harness, page, site, PIN, `login-qr-${meansId}`),
  );
  await site.click('#desktop-code-form button[type=submit]');
  await site.waitForURL(/\/account\?done=unblocked/);
  await expect(desktopRow).toHaveAttribute('data-status', 'active');

  // The app sees it active again (and the eID session at hoch as the newest), and the next login approved in it works.
  const again = await openServicekonto(page, user.username);
  await expect(again.locator('tr[data-this-device="true"]')).toHaveAttribute(
    'data-status',
    'active',
  );
  await expect(
    again
      .getByRole('table', { name: 'Browser sessions of the account' })
      .locator('tr[data-latest="true"]'),
  ).toHaveAttribute('data-level', 'hoch');
  await page.keyboard.press('Escape');
  await logout(site);
  // The refused requests' cards stay with their error; count them before the new request can arrive.
  const cardsBefore = await page.getByRole('article', { name: 'Login request' }).count();
  const shown = await requestLogin(site, user.username);
  const card = await answerNewest(page, cardsBefore, shown, PIN);
  await expect(card.getByRole('status')).toHaveText('Approved.');
  await site.waitForURL(/\/account$/, { timeout: 20_000 });
  await expect(site.getByTestId('max-level')).toHaveAttribute('data-level', 'hoch');
});

test('a session whose countdown reaches 0 shows "expired", is fetched again, and the expiry is announced', async ({
  harness,
  page,
}) => {
  test.setTimeout(180_000);
  const { user } = await pairedUserAt(harness, page, server.origin, PIN);
  // The app page's clock becomes Playwright's fake one (timers and performance.now()) only now, after the
  // real-time pairing; the server's own clock does not move, so a refetch brings the real time left back.
  await page.clock.install();

  const panel = await openServicekonto(page, user.username);
  const row = panel
    .getByRole('table', { name: 'Browser sessions of the account' })
    .locator('tr[data-latest="true"]');
  const idle = row.locator('td').nth(1);
  const announcement = panel.locator('[aria-live="polite"]');
  await expect(announcement).toHaveText('');
  const before = Number(await idle.getAttribute('data-seconds'));
  expect(before).toBeGreaterThan(60);

  // One second: one tick, one second less, nothing announced.
  await page.clock.runFor(1000);
  await expect(idle).toHaveAttribute('data-seconds', String(before - 1));
  await expect(announcement).toHaveText('');

  // Past the idle limit: "expired" (seen by an observer, since the refetch replaces it within milliseconds),
  // then the refetch brings the server's real time left back.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenTimes: string[] }).seenTimes = seen;
    const table = document.querySelector('table.servicekonto-sessions');
    new MutationObserver(() =>
      document
        .querySelectorAll('table.servicekonto-sessions td[data-seconds]')
        .forEach((td) => seen.push(td.textContent ?? '')),
    ).observe(table!.closest('section')!, { subtree: true, childList: true, characterData: true });
  });
  await page.clock.fastForward(before * 1000);
  await expect(announcement).toHaveText(
    'A browser session of this account has run out; the list is refreshed.',
  );
  await expect(row).not.toHaveAttribute('data-expired', 'true');
  await expect
    .poll(async () => Number(await idle.getAttribute('data-seconds')))
    .toBeGreaterThan(60);
  expect(
    await page.evaluate(() => (window as unknown as { seenTimes: string[] }).seenTimes),
  ).toContain('expired');
});
