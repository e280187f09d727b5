import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { damagedSuffix } from '../../electron/main/api/recovery';
import { createOsKeychain } from '../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../electron/main/services/vault-lock';
import { RFC_TIME_MS, startHarness, type Harness } from '../harness/harness';
import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';
import { oathTotp } from './support/oath';

const GITHUB = 'JBSWY3DPEHPK3PXP';
const DAMAGE = '{"v":1,"damaged';

/** Once one account is stored, damages vault.json on disk, then "restarts" the app on the same data dir and keychain (a new page and harness). */
async function restartDamaged(harness: Harness, browser: Browser) {
  // The add's atomic write must have landed first, or it would replace the damage.
  await expect(new FaktorApp(harness.page).list.getByRole('listitem')).toHaveCount(1);
  await writeFile(join(harness.dataDir, 'vault.json'), DAMAGE);
  // The first app "quits" (its lock goes; its files stay), then the second starts on the same dir.
  await harness.releaseDataDir();
  const context = await browser.newContext();
  const page = await context.newPage();
  const second = await startHarness(page, {
    dataDir: harness.dataDir,
    keychainService: harness.keychainService,
  });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Faktor cannot open your accounts' }),
  ).toContainText('The account file is damaged.');
  return {
    page,
    second,
    close: async () => {
      await second.close();
      await context.close();
      await createOsKeychain(harness.keychainService).delete(
        `${KEY_ACCOUNT}${damagedSuffix(RFC_TIME_MS)}`,
      );
    },
  };
}

/** The damaged file is still there, renamed, byte for byte. */
async function expectKeptAside(dir: string) {
  const aside = (await readdir(dir)).filter((n) => n.startsWith('vault.json.damaged-'));
  expect(aside).toEqual([`vault.json${damagedSuffix(RFC_TIME_MS)}`]);
  expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(DAMAGE);
}

test('damaged vault → error screen → restore from a backup file brings the account back', async ({
  harness,
  page,
  browser,
}) => {
  await new FaktorApp(page).addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  const backupFile = join(harness.dataDir, 'backup.faktor');
  harness.dialogs.nextSave(backupFile);
  await page.getByRole('button', { name: 'Backup' }).click();
  const dialog = page.getByRole('dialog', { name: 'Backup' });
  await dialog.getByLabel('Backup password', { exact: true }).fill('backup secret 1');
  await dialog.getByLabel('Repeat the backup password').fill('backup secret 1');
  await dialog.getByRole('button', { name: 'Save encrypted backup…' }).click();
  await expect(dialog.getByRole('status')).toContainText('1 account saved');

  const run = await restartDamaged(harness, browser);
  try {
    await run.page.getByRole('button', { name: 'Restore from a backup…' }).click();
    const restore = run.page.getByRole('dialog', { name: 'Backup' });
    await expect(restore).toBeVisible();
    await expectKeptAside(harness.dataDir);
    run.second.dialogs.nextOpen(backupFile);
    // The dialog opens on its import flow; file first, then the password (issue #12).
    const section = restore.getByRole('region', { name: 'Restore a Faktor backup' });
    await section.getByRole('button', { name: 'Choose backup file…' }).click();
    await section.getByLabel('Backup password').fill('backup secret 1');
    await section.getByRole('button', { name: 'Open the file' }).click();
    await section.getByRole('button', { name: 'Import 1 account' }).click();
    await expect(section.getByRole('status')).toContainText('1 account imported.');
    await restore.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => new FaktorApp(run.page).codeOf('GitHub'))
      .toBe(oathTotp(GITHUB, RFC_TIME_MS));
  } finally {
    await run.close();
  }
});

test('damaged vault → reset needs a warning and a tick, then starts empty and keeps the damaged file', async ({
  harness,
  page,
  browser,
}) => {
  await new FaktorApp(page).addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  const run = await restartDamaged(harness, browser);
  try {
    await run.page.getByRole('button', { name: 'Start over without accounts…' }).click();
    await expect(
      run.page.getByText(/^Faktor will then show none of your previous accounts/),
    ).toBeVisible();
    const go = run.page.getByRole('button', { name: 'Start with an empty account file' });
    await expect(go).toBeDisabled();
    await run.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(go).toHaveCount(0);
    await run.page.getByRole('button', { name: 'Start over without accounts…' }).click();
    await run.page
      .getByLabel('I understand that my previous accounts will no longer be shown.')
      .check();
    await go.click();
    await expect(run.page.getByText('No accounts yet')).toBeVisible();
    await expectKeptAside(harness.dataDir);
  } finally {
    await run.close();
  }
});
