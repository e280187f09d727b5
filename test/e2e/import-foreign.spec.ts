import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';

/** Another app's export through the Backup dialog: preview (with what is left out), then import; wrong password is a plain message. */

const FIX = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/import');

async function openBackup(page: Page) {
  await page.getByRole('button', { name: 'Backup' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backup' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click(); // export and import are separate flows
  return dialog;
}

test('encrypted Aegis vault: file first, then the password; wrong password → asked again without re-picking; right password → preview lists accounts and the Steam entry left out → import', async ({
  harness,
  page,
}) => {
  const app = new FaktorApp(page);
  const dialog = await openBackup(page);
  const section = dialog.getByRole('region', { name: 'Import from another app' });
  await section.getByLabel('File format').selectOption('aegis');
  // File first; the password is asked only because the file needs one, and a wrong one asks again
  // without a new pick (no second nextOpen: a pick now would be a cancel).
  harness.dialogs.nextOpen(join(FIX, 'aegis-encrypted.json'));
  await section.getByRole('button', { name: 'Choose file…' }).click();
  await expect(section.getByText(/^This file is encrypted\./)).toBeVisible();
  await expect(section.getByRole('alert')).toHaveCount(0);
  await section.getByLabel('Password of the export').fill('wrong password');
  await page.setViewportSize({ width: 400, height: 560 }); // the narrowest width: the message must not need scrolling
  await section.getByRole('button', { name: 'Open the file' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'The backup password is wrong. Nothing was imported.',
  );
  await expect(section.getByRole('alert')).toBeInViewport();

  await section.getByLabel('Password of the export').fill('correct horse');
  await section.getByRole('button', { name: 'Open the file' }).click();
  const status = section.getByRole('status');
  await expect(status).toContainText('3 accounts found in the Aegis file:');
  await expect(status).toBeInViewport({ ratio: 0.3 });
  await expect(status).toContainText('Steam (gamer) (steam)');
  await expect(app.list.getByRole('listitem')).toHaveCount(0);
  await section.getByRole('button', { name: 'Import 3 accounts' }).click();
  await expect(section.getByRole('status')).toHaveText('3 accounts imported.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(app.list.getByRole('listitem')).toHaveCount(3);
});

test('detected 2FAS file imports; a file of no known format says so', async ({ harness, page }) => {
  const dialog = await openBackup(page);
  const section = dialog.getByRole('region', { name: 'Import from another app' });
  harness.dialogs.nextOpen(join(FIX, 'make-fixtures.py'));
  await section.getByRole('button', { name: 'Choose file…' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Faktor does not know this file format. Nothing was imported.',
  );
  harness.dialogs.nextOpen(join(FIX, 'twofas-plain.2fas'));
  await section.getByRole('button', { name: 'Choose file…' }).click();
  await expect(section.getByRole('status')).toContainText('3 accounts found in the 2FAS file:');
  await section.getByRole('button', { name: 'Import 3 accounts' }).click();
  await expect(section.getByRole('status')).toHaveText('3 accounts imported.');
});
