import { RFC_TIME_MS } from '../harness/harness';
import { expect, test } from './support/fixtures';
import { oathTotp, shown } from './support/oath';

test.use({ harnessOptions: { locale: 'de-DE' } });

test('with a German OS locale the UI is German, errors too; the setting can override it', async ({
  page,
  harness,
}) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByText('Noch keine Konten.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Konto hinzufügen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Konto hinzufügen' });
  await dialog.getByLabel('otpauth://-Link').fill('kein link');
  await dialog.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await expect(
    dialog.getByText('Das ist kein otpauth://-Link. Er muss mit otpauth:// beginnen.'),
  ).toBeVisible();
  await dialog
    .getByLabel('otpauth://-Link')
    .fill('otpauth://totp/Servicekonto:max?secret=JBSWY3DPEHPK3PXP&issuer=Servicekonto');
  await dialog.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  const code = oathTotp('JBSWY3DPEHPK3PXP', RFC_TIME_MS);
  await expect(
    page.getByRole('button', { name: `Code ${shown(code)} für Servicekonto (max) kopieren` }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^Code .* kopieren$/ }).click();
  // The toasts' live region (dnd-kit adds its own status region for drag announcements).
  await expect(page.getByRole('status').and(page.locator('.toast-stack'))).toContainText(
    'Code kopiert, wird in 30 s aus der Zwischenablage gelöscht.',
  );
  expect(harness.clipboard.text).toBe(code);

  await page.getByRole('button', { name: 'Einstellungen' }).click();
  const settings = page.getByRole('dialog', { name: 'Einstellungen' });
  await expect(settings.getByLabel('Sprache')).toHaveValue('system');
  await settings.getByLabel('Sprache').selectOption('en');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
});
