import { expect, test } from './support/fixtures';

/** Light and dark follow the OS setting (prefers-color-scheme), and switch live when the OS does. */
test('the app follows the OS colour scheme, also when it changes while open', async ({ page }) => {
  const colours = () =>
    page.evaluate(() => {
      const bg = getComputedStyle(document.documentElement).backgroundColor;
      const text = getComputedStyle(document.documentElement).color;
      // Relative luminance is enough to tell light from dark; the exact palette may change.
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number) as [number, number, number];
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      return { bg: lum(bg), text: lum(text) };
    });

  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.getByRole('button', { name: 'Add account' })).toBeVisible();
  const light = await colours();
  expect(light.bg).toBeGreaterThan(0.8);
  expect(light.text).toBeLessThan(0.3);

  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours();
  expect(dark.bg).toBeLessThan(0.2);
  expect(dark.text).toBeGreaterThan(0.8);
});
