import QRCode from 'qrcode';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { FaktorApp } from './support/app';

/**
 * Issue #7 item 7 through the real renderer and api: names are shown isolated, look-alike names are
 * marked in the confirm step (en and de), and control characters hidden behind percent-escapes are
 * refused with a plain message.
 */

const SECRET = 'JBSWY3DPEHPK3PXP';
// "pаypal" with a Cyrillic а (U+0430), percent-encoded as a QR code would carry it.
const LOOKALIKE = 'p%D0%B0ypal';

/** Puts a QR code of `payload` on the (double) clipboard and scans it. */
async function scanFromClipboard(
  page: Page,
  harness: { qrSources: { clipboardImage: Uint8Array | null } },
  payload: string,
  labels: { open: string; dialog: string; clipboard: string },
) {
  harness.qrSources.clipboardImage = new Uint8Array(
    await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', scale: 6, margin: 4 }),
  );
  await page.getByRole('button', { name: labels.open }).click();
  const dialog = page.getByRole('dialog', { name: labels.dialog });
  await dialog.getByRole('button', { name: labels.clipboard }).click();
  return dialog;
}

const EN = { open: 'Scan QR code', dialog: 'Scan QR code', clipboard: 'Image from clipboard' };

test('a look-alike issuer is marked in the confirm step; names are isolated there and in the list', async ({
  harness,
  page,
}) => {
  const dialog = await scanFromClipboard(
    page,
    harness,
    `otpauth://totp/${LOOKALIKE}:alice?secret=${SECRET}&issuer=${LOOKALIKE}`,
    EN,
  );
  await expect(dialog.getByText('Add this account?')).toBeVisible();
  const warning = dialog.locator('[data-warning="mixed-scripts"]');
  await expect(warning).toContainText('Careful: the name');
  await expect(warning).toContainText('mixes letters of different alphabets (Latin, Cyrillic)');
  await expect(dialog.locator('dl bdi').first()).toHaveText('p\u0430ypal');
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(page.locator('.account bdi.issuer')).toHaveText(['p\u0430ypal']);
  await expect(page.locator('.account .label bdi')).toHaveText(['alice']);
});

test('a single-script name gets no warning', async ({ harness, page }) => {
  const dialog = await scanFromClipboard(
    page,
    harness,
    `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`,
    EN,
  );
  await expect(dialog.getByText('Add this account?')).toBeVisible();
  await expect(dialog.locator('[data-warning="mixed-scripts"]')).toHaveCount(0);
});

test('an issuer hiding a right-to-left override behind an escape is refused, in plain words', async ({
  harness,
  page,
}) => {
  const dialog = await scanFromClipboard(
    page,
    harness,
    `otpauth://totp/x?secret=${SECRET}&issuer=%E2%80%AEmoc.lapyap`,
    EN,
  );
  await expect(dialog.getByRole('alert')).toContainText(
    'invisible control or text-direction characters',
  );
  const app = new FaktorApp(page);
  await dialog.getByRole('button', { name: 'Back' }).click();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  const add = await app.addUri(`otpauth://totp/al%00ice?secret=${SECRET}`);
  await expect(add.getByText(/invisible control or text-direction characters/)).toBeVisible();
  expect(await app.rowNames()).toEqual([]);
});

test.describe('in German', () => {
  test.use({ harnessOptions: { locale: 'de-DE' } });

  test('the look-alike warning is German', async ({ harness, page }) => {
    const dialog = await scanFromClipboard(
      page,
      harness,
      `otpauth://totp/${LOOKALIKE}:alice?secret=${SECRET}&issuer=${LOOKALIKE}`,
      {
        open: 'QR-Code scannen',
        dialog: 'QR-Code scannen',
        clipboard: 'Bild aus der Zwischenablage',
      },
    );
    const warning = dialog.locator('[data-warning="mixed-scripts"]');
    await expect(warning).toContainText('Vorsicht: Der Name');
    await expect(warning).toContainText('(lateinisch, kyrillisch)');
  });
});
