import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { AXE_VARIANTS } from './support/axe-variants';

/**
 * axe-core on every app state, in both languages and themes, at 1280 and 480 px: no violation of
 * impact serious or critical. Each state is reached the way a user reaches it (buttons, shortcuts).
 */

const GITHUB = 'JBSWY3DPEHPK3PXP';

/** Serious or critical axe violations on the page as it is now, as "rule: target" lines. */
async function violations(page: Page, state: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${state}: ${v.id} (${v.impact}) at ${n.target.join(' ')}`));
}


for (const [locale, colorScheme, width] of AXE_VARIANTS) {
  {
    {
      test.describe(`${locale}, ${colorScheme}, ${width} px`, () => {
        test.use({
          harnessOptions: {
            locale,
            // Real time: axe schedules its work with timers, which a paused page clock would never fire.
            pinnedTime: null,
            beforeLoad: async (api) => {
              await api['accounts-add-uri']({ uri: `otpauth://totp/GitHub:alice?secret=${GITHUB}&issuer=GitHub` });
              await api['accounts-add-uri']({ uri: `otpauth://hotp/Bank:bob?secret=${GITHUB}&issuer=Bank&counter=3` });
              await api['vault-set-password']({ current: null, next: 'correct horse' });
            },
          },
          colorScheme,
          viewport: { width, height: 800 },
        });

        test('no serious or critical axe violation in any state', async ({ page }) => {
          test.setTimeout(180_000);
          const found: string[] = [];
          const dialog = page.getByRole('dialog');
          await expect(page.getByRole('searchbox')).toBeFocused();
          await expect(page.locator('li.account')).toHaveCount(2);
          found.push(...(await violations(page, 'list')));

          await page.keyboard.type('zzz');
          found.push(...(await violations(page, 'search without matches')));
          await page.keyboard.press('Escape');

          const dialogs: [string, string][] = [
            ['add', 'Control+n'],
            ['settings', 'Control+,'],
            ['shortcuts', 'F1'],
          ];
          for (const [name, keys] of dialogs) {
            await page.locator('body').focus();
            await page.keyboard.press(keys);
            await expect(dialog).toBeVisible();
            found.push(...(await violations(page, name)));
            await page.keyboard.press('Escape');
            await expect(dialog).toHaveCount(0);
          }
          for (const button of ['toolbar backup', 'toolbar scan', 'row delete']) {
            const target =
              button === 'toolbar backup'
                ? page.locator('.toolbar-actions button').nth(2)
                : button === 'toolbar scan'
                  ? page.locator('.toolbar-actions button').nth(0)
                  : page.locator('li.account').first().locator('.row-actions button.danger');
            await target.click();
            await expect(dialog).toBeVisible();
            found.push(...(await violations(page, button)));
            await page.keyboard.press('Escape');
            await expect(dialog).toHaveCount(0);
          }

          await page.keyboard.press('Control+l');
          await expect(page.locator('.lock-card')).toBeVisible();
          found.push(...(await violations(page, 'locked')));
          await page.locator('.lock-card input').fill('wrong horse');
          await page.keyboard.press('Enter');
          await expect(page.locator('.lock-card [role="alert"], .lock-card .form-error')).toBeVisible();
          found.push(...(await violations(page, 'locked, wrong password')));

          expect(found).toEqual([]);
        });
      });
    }
  }
}
