import { startServer, type RunningServer } from './server-pages-helpers';
import { openServicekonto, pairedUserAt } from './servicekonto-helpers';
import { expect, test } from './support/fixtures';

/**
 * The live countdown of the Servicekonto dialog's browser-session list, in the real app against the real
 * server: the app page's clock is Playwright's fake one (timers and `performance.now()`), jumped past the
 * session's idle limit; the row says "expired", the app asks the server once more — whose own clock did
 * not move, so the session comes back with its real time left — and a polite live region says so once.
 */

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.close();
});
// Real time for pairing (the server's QR codes expire in minutes); the page clock is faked only afterwards.
test.use({ harnessOptions: { pinnedTime: null } });

test('a session whose countdown reaches 0 shows "expired", is fetched again, and the expiry is announced', async ({
  harness,
  page,
}) => {
  test.setTimeout(180_000);
  const { user } = await pairedUserAt(harness, page, server.origin, '735102');
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
