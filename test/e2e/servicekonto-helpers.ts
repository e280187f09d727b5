/**
 * Steps the Servicekonto e2e specs share: the user's browser is a second tab on the real server, the
 * app "sees" it through the harness's screen-capture double fed with that tab's screenshot, and the
 * app's screens are driven by role and label like a user would.
 */
import type { Locator, Page } from '@playwright/test';
import { createAccount, newUser, type TestUser } from './server-pages-helpers';
import type { Harness } from '../harness/harness';
import { expect } from './support/fixtures';

/** Shows the site tab's viewport (with `qr` scrolled into view) on the app's "screen". */
export async function showOnScreen(harness: Harness, site: Page, qr: Locator): Promise<void> {
  await qr.scrollIntoViewIfNeeded();
  harness.qrSources.showOnScreens(await site.screenshot());
}

/** Opens the scan dialog and scans the screen. */
export async function scanScreen(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Scan QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scan QR code' });
  await dialog.getByRole('button', { name: 'Scan screen' }).click();
  return dialog;
}

/** Scans the site's pairing QR and pairs under `pin`. */
export async function pairFromScreen(
  harness: Harness,
  page: Page,
  site: Page,
  pin: string,
): Promise<void> {
  await showOnScreen(harness, site, site.getByTestId('pairing-qr'));
  const dialog = await scanScreen(page);
  await dialog.getByLabel('New PIN (6 or more digits)').fill(pin);
  await dialog.getByLabel('Repeat the PIN').fill(pin);
  await dialog.getByRole('button', { name: 'Pair', exact: true }).click();
  // Argon2id (64 MiB) + enrolment: seconds on a loaded 2-core machine.
  await expect(dialog.getByRole('status')).toContainText('Faktor is paired with', {
    timeout: 30_000,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** Scans the site's login QR, enters the PIN and returns the code the app shows (digits only). */
export async function offlineCodeFromScreen(
  harness: Harness,
  page: Page,
  site: Page,
  pin: string,
  qrTestId = 'login-qr',
): Promise<string> {
  await showOnScreen(harness, site, site.getByTestId(qrTestId));
  const dialog = await scanScreen(page);
  await dialog.getByLabel('PIN', { exact: true }).fill(pin);
  await dialog.getByRole('button', { name: 'Show code' }).click();
  const code = dialog.getByLabel('Login code');
  await expect(code).toBeVisible();
  const digits = ((await code.textContent()) ?? '').replace(/\D/g, '');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return digits;
}

/** Opens the app's Servicekonto dialog and returns the panel of `accountName`. */
export async function openServicekonto(page: Page, accountName: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Servicekonto' }).click();
  const panel = page
    .getByRole('dialog', { name: 'Servicekonto' })
    .getByRole('region', { name: accountName });
  await expect(panel.getByRole('table', { name: 'Authentication means' })).toBeVisible();
  return panel;
}

/** [means id, kind, status] of every row of a means table (the app's and the server's carry the same data attributes). */
export async function meansRows(rows: Locator, idAttribute: string): Promise<string[][]> {
  const all = await rows.evaluateAll(
    (els, attr) =>
      els.map((e) => [
        e.getAttribute(attr) ?? '',
        e.getAttribute('data-kind') ?? '',
        e.getAttribute('data-status') ?? '',
      ]),
    idAttribute,
  );
  return all.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A new account in a browser tab at `origin`, paired with the app from the server page and confirmed there (§4.2) with the app's offline code. */
export async function pairedUserAt(
  harness: Harness,
  page: Page,
  origin: string,
  pin: string,
): Promise<{ user: TestUser; site: Page }> {
  const user = newUser();
  const site = await page.context().newPage();
  await site.setViewportSize({ width: 1280, height: 800 });
  await createAccount(site, origin, user);

  // Desktop-App hinzufügen: the browser shows the pairing QR, the app scans it and pairs.
  await site.goto(`${origin}/means/new`);
  await site.click('#new-desktop-app button[type=submit]');
  await pairFromScreen(harness, page, site, pin);

  // §4.2: the pending means is confirmed in the same session with one login QR → the app's code.
  await site.getByTestId('pairing-continue').click();
  await site.waitForURL(/\/means\/[^/]+\/confirm/);
  await site.fill(
    '#desktop-code-form input[name=code]',
    await offlineCodeFromScreen(harness, page, site, pin),
  );
  await site.click('#desktop-code-form button[type=submit]');
  await site.waitForURL(/\/account/);
  await expect(site.locator('tr[data-kind="desktop-app"]')).toHaveAttribute(
    'data-status',
    'active',
  );
  return { user, site };
}
