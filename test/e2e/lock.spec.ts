import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';

const GITHUB = 'JBSWY3DPEHPK3PXP';

test('app password: lock, wrong password, main refuses calls while locked, unlock', async ({
  page,
}) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await expect(app.row('GitHub')).toBeVisible();

  // No Lock button before a password exists.
  await expect(page.getByRole('button', { name: 'Lock' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('New password', { exact: true }).fill('short');
  await settings.getByRole('button', { name: 'Set password' }).click();
  await expect(settings.getByText('The password needs at least 8 characters.')).toBeVisible();
  await settings.getByLabel('New password', { exact: true }).fill('correct horse');
  await settings.getByLabel('Repeat the new password').fill('correct horse');
  await settings.getByRole('button', { name: 'Set password' }).click();
  await expect(settings.getByText('An app password is set.')).toBeVisible();
  await settings.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
  await expect(page.getByText('GitHub')).toHaveCount(0);

  // The lock is enforced in main, not just drawn: a direct call from the page is refused.
  const direct = await page.evaluate(() => window.faktor.accountsList({}));
  expect(direct).toEqual({ ok: false, error: { code: 'vault-locked' } });
  const codes = await page.evaluate(() => window.faktor.codesCurrent({}));
  expect(codes).toMatchObject({ ok: false, error: { code: 'vault-locked' } });

  await page.getByLabel('App password').fill('wrong horse');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong password.');

  await page.getByLabel('App password').fill('correct horse');
  await page.getByLabel('App password').press('Enter');
  await expect(app.row('GitHub')).toBeVisible();
});

test('repeated wrong passwords end in "too many attempts"', async ({ page }) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await page.evaluate(() =>
    window.faktor.vaultSetPassword({ current: null, next: 'correct horse' }),
  );
  await page.evaluate(() => window.faktor.vaultLock({}));
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
  const messages: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.getByLabel('App password').fill(`wrong ${i}`);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const alert = page.getByRole('main').getByRole('alert');
    await expect(alert).toHaveText(/Wrong password\.|Too many attempts/);
    messages.push(await alert.innerText());
    if (/Too many attempts/.test(messages.at(-1)!)) break;
  }
  expect(messages.at(-1)).toBe('Too many attempts. Wait a moment and try again.');
});

test('auto-lock after the configured inactivity', async ({ harness, page }) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub`);
  await page.evaluate(() =>
    window.faktor.vaultSetPassword({ current: null, next: 'correct horse' }),
  );
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings
    .getByLabel('Lock automatically after')
    .selectOption({ label: '1 minute of inactivity' });
  // The select shows what main saved, so this waits for settings-set to have landed.
  await expect(settings.getByLabel('Lock automatically after')).toHaveValue('1');
  await page.keyboard.press('Escape');
  await harness.advance(59_000);
  await expect(app.row('GitHub')).toBeVisible();
  await harness.advance(2_000);
  await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
  await expect(page.getByText('GitHub')).toHaveCount(0);
});
