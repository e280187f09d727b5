import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Relative luminance of the page background and text (enough to tell light from dark). */
function colours(page: Page) {
  return page.evaluate(() => {
    const bg = getComputedStyle(document.documentElement).backgroundColor;
    const text = getComputedStyle(document.documentElement).color;
    // Relative luminance is enough to tell light from dark; the exact palette may change.
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number) as [
        number,
        number,
        number,
      ];
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    return { bg: lum(bg), text: lum(text) };
  });
}

/** Light and dark follow the OS setting (prefers-color-scheme), and switch live when the OS does. */
test('the app follows the OS colour scheme, also when it changes while open', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
  const light = await colours(page);
  expect(light.bg).toBeGreaterThan(0.8);
  expect(light.text).toBeLessThan(0.3);

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours(page);
  expect(dark.bg).toBeLessThan(0.2);
  expect(dark.text).toBeGreaterThan(0.8);
});

test('the theme setting overrides the OS (light on a dark OS, dark on a light one) and survives a reload', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByLabel('Appearance')).toHaveValue('system');
  await settings.getByLabel('Appearance').selectOption('light');
  await expect.poll(async () => (await colours(page)).bg).toBeGreaterThan(0.8);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
  expect((await colours(page)).bg).toBeGreaterThan(0.8);

  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByLabel('Appearance')
    .selectOption('dark');
  await expect.poll(async () => (await colours(page)).bg).toBeLessThan(0.2);
  // The language option names the language, not a raw locale.
  await expect(
    page
      .getByRole('dialog', { name: 'Settings' })
      .getByLabel('Language')
      .locator('option[value="system"]'),
  ).toHaveText('As the system (English)');
});
