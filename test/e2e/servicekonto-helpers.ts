/**
 * Steps the Servicekonto e2e specs share: the user's browser is a second tab on the real server, the
 * app "sees" it through the harness's screen-capture double fed with that tab's screenshot, and the
 * app's screens are driven by role and label like a user would.
 */
import type { Locator, Page } from '@playwright/test';
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
export async function pairFromScreen(harness: Harness, page: Page, site: Page, pin: string): Promise<void> {
  await showOnScreen(harness, site, site.getByTestId('pairing-qr'));
  const dialog = await scanScreen(page);
  await dialog.getByLabel('New PIN (6 or more digits)').fill(pin);
  await dialog.getByLabel('Repeat the PIN').fill(pin);
  await dialog.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Faktor is paired with');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** Scans the site's login QR, enters the PIN and returns the code the app shows (digits only). */
export async function offlineCodeFromScreen(harness: Harness, page: Page, site: Page, pin: string): Promise<string> {
  await showOnScreen(harness, site, site.getByTestId('login-qr'));
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
  const panel = page.getByRole('dialog', { name: 'Servicekonto' }).getByRole('region', { name: accountName });
  await expect(panel.getByRole('table', { name: 'Authentication means' })).toBeVisible();
  return panel;
}

/** [means id, kind, status] of every row of a means table (the app's and the server's carry the same data attributes). */
export async function meansRows(rows: Locator, idAttribute: string): Promise<string[][]> {
  const all = await rows.evaluateAll(
    (els, attr) => els.map((e) => [e.getAttribute(attr) ?? '', e.getAttribute('data-kind') ?? '', e.getAttribute('data-status') ?? '']),
    idAttribute,
  );
  return all.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
