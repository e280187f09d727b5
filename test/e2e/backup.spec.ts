import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { RFC_TIME_MS, startHarness } from '../harness/harness';
import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';
import { RFC_SEEDS, oathTotp } from './support/oath';

const GITHUB = 'JBSWY3DPEHPK3PXP';
let files: string;
test.beforeEach(async () => {
  files = await mkdtemp(join(tmpdir(), 'faktor-e2e-files-'));
});
test.afterEach(async () => {
  await rm(files, { recursive: true, force: true });
});

async function openBackup(page: Page) {
  await page.getByRole('button', { name: 'Backup' }).click();
  return page.getByRole('dialog', { name: 'Backup' });
}

/** The Backup dialog's import flow (issue #12: export and import are separate), its Faktor-backup section. */
async function openImport(page: Page) {
  const dialog = await openBackup(page);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog.getByRole('region', { name: 'Restore a Faktor backup' });
}

test('export encrypted → wipe (fresh vault) → import restores the same codes; a second import lists duplicates', async ({
  harness,
  page,
  browser,
}) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await app.addUri(
    `otpauth://totp/Servicekonto%20Berlin:max?secret=${RFC_SEEDS.SHA256}&issuer=Servicekonto%20Berlin&algorithm=SHA256&digits=8`,
  );
  await expect(app.list.getByRole('listitem')).toHaveCount(2);

  const backupFile = join(files, 'backup.faktor');
  harness.dialogs.nextSave(backupFile);
  const dialog = await openBackup(page);
  await dialog.getByLabel('Backup password', { exact: true }).fill('backup secret 1');
  await dialog.getByLabel('Repeat the backup password').fill('backup secret 2');
  await dialog.getByRole('button', { name: 'Save encrypted backup…' }).click();
  await expect(dialog.getByText('The two passwords are not the same.')).toBeVisible();
  await dialog.getByLabel('Repeat the backup password').fill('backup secret 1');
  await dialog.getByRole('button', { name: 'Save encrypted backup…' }).click();
  await expect(dialog.getByRole('status')).toContainText('2 accounts saved to backup.faktor.');
  const written = await readFile(backupFile, 'utf8');
  expect(written).not.toContain(GITHUB);

  // "Wipe": a brand-new app-data dir and keychain service, i.e. a fresh install.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const second = await startHarness(fresh);
  try {
    const app2 = new FaktorApp(fresh);
    await expect(fresh.getByText('No accounts yet')).toBeVisible();
    // Issue #12: file first, then the password; a wrong one asks again without a new pick (one nextOpen only).
    second.dialogs.nextOpen(backupFile);
    const d2 = await openImport(fresh);
    await d2.getByRole('button', { name: 'Choose backup file…' }).click();
    await expect(d2.getByText(/^This file is encrypted\./)).toBeVisible();
    await expect(d2.getByRole('alert')).toHaveCount(0);
    await d2.getByLabel('Backup password').fill('wrong password');
    await d2.getByRole('button', { name: 'Open the file' }).click();
    await expect(d2.getByRole('alert')).toHaveText(
      'The backup password is wrong. Nothing was imported.',
    );
    await expect(d2.getByRole('alert')).toBeInViewport();
    await d2.getByLabel('Backup password').fill('backup secret 1');
    await d2.getByRole('button', { name: 'Open the file' }).click();
    await expect(d2.getByRole('status')).toContainText(
      '2 accounts found in the Faktor backup file:',
    );
    await expect(d2.getByRole('status')).toBeInViewport({ ratio: 0.3 });
    await d2.getByRole('button', { name: 'Import 2 accounts' }).click();
    await expect(d2.getByRole('status')).toHaveText('2 accounts imported.');
    await fresh
      .getByRole('dialog', { name: 'Backup' })
      .getByRole('button', { name: 'Close' })
      .click();
    await expect.poll(() => app2.codeOf('GitHub')).toBe(oathTotp(GITHUB, RFC_TIME_MS));
    await expect
      .poll(() => app2.codeOf('Servicekonto Berlin'))
      .toBe(oathTotp(RFC_SEEDS.SHA256, RFC_TIME_MS, { algorithm: 'SHA256', digits: 8 }));

    // Importing the same file again doubles nothing: the preview names what is already there.
    second.dialogs.nextOpen(backupFile);
    const d3 = await openImport(fresh);
    await d3.getByRole('button', { name: 'Choose backup file…' }).click();
    await d3.getByLabel('Backup password').fill('backup secret 1');
    await d3.getByRole('button', { name: 'Open the file' }).click();
    await expect(d3.getByRole('status')).toContainText('Already present, skipped:');
    await expect(d3.getByRole('status').getByRole('listitem')).toHaveText([
      'GitHub (alice)',
      'Servicekonto Berlin (max)',
    ]);
    await expect(d3.getByRole('button', { name: 'Import 0 accounts' })).toBeDisabled();
    await fresh
      .getByRole('dialog', { name: 'Backup' })
      .getByRole('button', { name: 'Close' })
      .click();
    await expect(app2.list.getByRole('listitem')).toHaveCount(2);
  } finally {
    await second.close();
    await context.close();
  }
});

test('plain export needs the explicit confirmation and writes otpauth links', async ({
  harness,
  page,
}) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  const dialog = await openBackup(page);
  await expect(
    dialog.getByText(/^Warning: this file holds every secret key in plain text/),
  ).toBeVisible();
  const save = dialog.getByRole('button', { name: 'Save unencrypted list…' });
  await expect(save).toBeDisabled();
  await dialog.getByLabel('I understand that the file is not protected.').check();
  const plainFile = join(files, 'plain.txt');
  // Main asks again in a native dialog (issue #7 item 11); first the user says no there.
  harness.dialogs.nextPlainConsent(false);
  harness.dialogs.nextSave(plainFile);
  await save.click();
  await expect.poll(() => harness.dialogs.consentAsked.length).toBe(1);
  await expect(save).toBeEnabled(); // cancelled quietly, nothing written
  await expect(dialog.getByRole('status')).toHaveCount(0);
  await expect(readFile(plainFile, 'utf8')).rejects.toThrow(/ENOENT/);
  harness.dialogs.nextPlainConsent(true);
  await save.click();
  await expect(dialog.getByRole('status')).toContainText('1 account saved to plain.txt.');
  expect(await readFile(plainFile, 'utf8')).toMatch(
    /^otpauth:\/\/totp\/.*secret=JBSWY3DPEHPK3PXP/m,
  );
  await expect(save).toBeDisabled();
});

test('a garbage backup file shows a clear message and changes nothing', async ({
  harness,
  page,
}) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  const garbage = join(files, 'garbage.faktor');
  await writeFile(garbage, '\u0000\u0001 this is not a backup {"version": 99');
  harness.dialogs.nextOpen(garbage);
  const section = await openImport(page);
  await section.getByRole('button', { name: 'Choose backup file…' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Faktor does not know this file format. Nothing was imported.',
  );
  await page.getByRole('dialog', { name: 'Backup' }).getByRole('button', { name: 'Close' }).click();
  await expect(app.list.getByRole('listitem')).toHaveCount(1);
  // Cancelling the file dialog is silent.
  const again = await openImport(page);
  await again.getByRole('button', { name: 'Choose backup file…' }).click();
  await expect(again.getByRole('alert')).toHaveCount(0);
});
