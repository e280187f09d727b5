import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';

/*
 * OS unlock (docs/desktop.md) through the real renderer, main-process api, keychain and vault. The OS
 * prompt (Touch ID) cannot exist here: harness.osVerifier is the stand-in that answers it.
 */

const GITHUB = 'JBSWY3DPEHPK3PXP';

test.describe('where the OS offers Touch ID', () => {
  test.use({ harnessOptions: { osUnlock: 'touch-id' } });

  test('enable with the password, lock, unlock with Touch ID, a cancel falls back to the password, disable', async ({
    page,
    harness,
  }) => {
    const app = new FaktorApp(page);
    await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    // Without an app password there is nothing to unlock: the option is not offered.
    await expect(settings.getByRole('region', { name: 'Unlock with Touch ID' })).toHaveCount(0);
    await settings.getByLabel('New password', { exact: true }).fill('correct horse');
    await settings.getByLabel('Repeat the new password').fill('correct horse');
    await settings.getByRole('button', { name: 'Set password' }).click();
    const section = settings.getByRole('region', { name: 'Unlock with Touch ID' });
    await section.getByLabel('App password (once, to turn it on)').fill('wrong horse');
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(section.getByRole('alert')).toHaveText('Wrong password.');
    await section.getByLabel('App password (once, to turn it on)').fill('correct horse');
    await section.getByRole('button', { name: 'Turn on' }).click();
    await expect(section.getByText('On. The lock screen offers the button.')).toBeVisible();
    expect(harness.osVerifier.prompts).toEqual(['unlock your accounts']);
    await settings.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
    harness.osVerifier.next('refuse');
    await page.getByRole('button', { name: 'Unlock with Touch ID' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(
      'Touch ID did not confirm you (cancelled or not recognised). Enter your app password instead.',
    );
    await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
    await expect(page.getByText('GitHub')).toHaveCount(0);
    await page.getByRole('button', { name: 'Unlock with Touch ID' }).click();
    await expect(app.row('GitHub')).toBeVisible();

    // The password stays a way in next to it.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('App password').fill('correct horse');
    await page.getByLabel('App password').press('Enter');
    await expect(app.row('GitHub')).toBeVisible();

    await page.getByRole('button', { name: 'Settings' }).click();
    await section.getByRole('button', { name: 'Turn off' }).click();
    await expect(section.getByRole('button', { name: 'Turn on' })).toBeVisible();
    await settings.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unlock with Touch ID' })).toHaveCount(0);
    // A direct call from the page is refused by main too, without a prompt.
    const shown = harness.osVerifier.prompts.length;
    expect(await page.evaluate(() => window.faktor.osUnlockVault({}))).toMatchObject({
      ok: false,
      error: { code: 'os-unlock-unavailable' },
    });
    expect(harness.osVerifier.prompts.length).toBe(shown);
  });
});

/** Serious or critical axe violations on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id);
}

test.describe('accessibility of the new parts', () => {
  // Real time: axe schedules its work with timers, which a paused page clock would never fire.
  test.use({
    harnessOptions: {
      osUnlock: 'touch-id',
      pinnedTime: null,
      beforeLoad: async (api) => {
        await api['vault-set-password']({ current: null, next: 'correct horse' });
        await api['os-unlock-enable']({ password: 'correct horse' });
      },
    },
  });

  test('the Settings section and the lock-screen button pass axe', async ({ page }) => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(
      page
        .getByRole('region', { name: 'Unlock with Touch ID' })
        .getByRole('button', { name: 'Turn off' }),
    ).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('button', { name: 'Unlock with Touch ID' })).toBeVisible();
    expect(await axeProblems(page)).toEqual([]);
  });
});

test.describe('in German', () => {
  test.use({ harnessOptions: { osUnlock: 'touch-id', locale: 'de-DE' } });

  test('the lock screen offers "Mit Touch ID entsperren" and the prompt asks in German', async ({
    page,
    harness,
  }) => {
    await page.evaluate(() =>
      window.faktor.vaultSetPassword({ current: null, next: 'correct horse' }),
    );
    expect(
      await page.evaluate(() => window.faktor.osUnlockEnable({ password: 'correct horse' })),
    ).toEqual({ ok: true, value: { method: 'touch-id', enabled: true } });
    await page.evaluate(() => window.faktor.vaultLock({}));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Faktor ist gesperrt' })).toBeVisible();
    await page.getByRole('button', { name: 'Mit Touch ID entsperren' }).click();
    await expect(page.getByRole('heading', { name: 'Faktor ist gesperrt' })).toHaveCount(0);
    expect(harness.osVerifier.prompts).toEqual([
      'Ihre Konten zu entsperren',
      'Ihre Konten zu entsperren',
    ]);
  });
});

test('where the OS offers no prompt (Linux, Windows), neither Settings nor the lock screen show it', async ({
  page,
}) => {
  await page.evaluate(() =>
    window.faktor.vaultSetPassword({ current: null, next: 'correct horse' }),
  );
  expect(
    await page.evaluate(() => window.faktor.osUnlockEnable({ password: 'correct horse' })),
  ).toMatchObject({ ok: false, error: { code: 'os-unlock-unavailable' } });
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Settings' }).getByRole('heading', { name: 'App password' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Unlock with Touch ID' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Touch ID|Windows Hello/ })).toHaveCount(0);
});
