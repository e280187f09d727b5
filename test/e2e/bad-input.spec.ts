import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';

test('an invalid link shows a clear message and adds nothing', async ({ page }) => {
  const app = new FaktorApp(page);
  const dialog = await app.addUri('https://example.com/not-otpauth');
  await expect(
    dialog.getByText('This is not an otpauth:// link. It must start with otpauth://'),
  ).toBeVisible();
  await dialog.getByLabel('otpauth:// link').fill('otpauth://totp/Broken?issuer=NoSecret');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByLabel('otpauth:// link')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/could not be read|not valid|not allowed/)).toBeVisible();
  await dialog
    .getByLabel('otpauth:// link')
    .fill('otpauth://totp/Bad:x?secret=not*base32!&issuer=Bad');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByText(/secret key is not valid|could not be read/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('No accounts yet')).toBeVisible();
});

test('a bad secret in the manual form is explained next to the field and nothing is added', async ({
  page,
}) => {
  const app = new FaktorApp(page);
  const dialog = await app.addManual({ issuer: 'Bank', label: '', secret: 'hello world 189' });
  await expect(dialog.getByText('Enter an account name.')).toBeVisible();
  await expect(
    dialog.getByText('The secret key may only contain the letters A–Z and the digits 2–7.'),
  ).toBeVisible();
  await dialog.getByLabel('Account name').fill('alice');
  await dialog.getByLabel('Secret key').fill('');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByText('Enter the secret key.')).toBeVisible();
  await dialog.getByLabel('Secret key').fill('JBSWY3DPEHPK3PXP');
  await dialog.getByText('Advanced settings').click();
  await dialog.getByLabel('Digits').fill('12');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByText('Digits must be a whole number from 6 to 10.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No accounts yet')).toBeVisible();
});

test('pasting an otpauth link on the list opens "add" with the link filled in', async ({
  page,
}) => {
  const app = new FaktorApp(page);
  await page.locator('.content').dispatchEvent('click');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true }),
    );
  });
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog.getByLabel('otpauth:// link')).toHaveValue(/^otpauth:\/\/totp\/GitHub/);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(app.row('GitHub')).toBeVisible();
});
