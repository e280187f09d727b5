import type { Page } from '@playwright/test';
import { RFC_TIME_MS } from '../harness/harness';
import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';
import { RFC_SEEDS, oathTotp } from './support/oath';

const GITHUB = 'JBSWY3DPEHPK3PXP';

// An app password from the start, so Ctrl+L can lock (set through the real api before the page loads).
test.use({
  harnessOptions: {
    beforeLoad: async (api) => {
      await api['vault-set-password']({ current: null, next: 'correct horse' });
    },
  },
});

/** Accessible name of the focused element (its aria-label or its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });
}

/** Presses Tab until the focused control is called `name` (keyboard only; at most `max` presses). */
async function tabTo(page: Page, name: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${name}" (now on "${await focusedName(page)}")`);
}

test('keyboard only: add → search → copy → reorder → delete → undo → lock → unlock', async ({
  page,
  harness,
}) => {
  const app = new FaktorApp(page);
  // The list opens with the search focused.
  await expect(page.getByRole('searchbox')).toBeFocused();

  // Ctrl+N opens "Add account" with the link field focused; Enter adds.
  for (const [issuer, seed] of [
    ['GitHub', GITHUB],
    ['Mail', RFC_SEEDS.SHA1],
  ] as const) {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await expect(dialog.getByLabel('otpauth:// link')).toBeFocused();
    await page.keyboard.type(`otpauth://totp/${issuer}:alice?secret=${seed}&issuer=${issuer}`);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  }
  await expect.poll(() => app.rowNames()).toEqual(['GitHub', 'Mail']);

  // Typing on the list searches; Enter copies the first match.
  await page.keyboard.press('Escape');
  await page.locator('body').focus();
  await page.keyboard.type('mai');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await expect(page.getByRole('searchbox')).toHaveValue('mai');
  await expect(page.getByText('1 of 2 accounts')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(app.status).toContainText('Code copied');
  expect(harness.clipboard.text).toBe(oathTotp(RFC_SEEDS.SHA1, RFC_TIME_MS));

  // Reorder with the keyboard (search cleared first: the order is only movable unfiltered).
  await page.keyboard.press('Escape');
  await tabTo(page, 'Move Mail (alice) up');
  await page.keyboard.press('Enter');
  await expect.poll(() => app.rowNames()).toEqual(['Mail', 'GitHub']);

  // Drag and drop by keyboard (dnd-kit): Space picks the row up, ArrowUp moves it, Space drops it;
  // each step is announced, and the new order is main's (it survives a reload).
  // The page's clock is pinned (paused): dnd-kit listens for the arrows from the next timer tick and
  // gives the focus back in an animation frame, so the test lets a few milliseconds pass after those keys.
  await tabTo(page, 'Reorder GitHub (alice)');
  await page.keyboard.press('Space');
  await harness.advance(50);
  const announced = page.locator('[id^="DndLiveRegion"]');
  await expect(announced).toHaveText('Picked up GitHub (alice), position 2 of 2.');
  await page.keyboard.press('ArrowUp');
  await expect(announced).toHaveText('GitHub (alice) is over position 1 of 2.');
  await page.keyboard.press('Space');
  await harness.advance(50);
  await expect(announced).toHaveText('GitHub (alice) dropped at position 1 of 2.');
  await expect.poll(() => app.rowNames()).toEqual(['GitHub', 'Mail']);
  await expect(page.getByRole('button', { name: 'Reorder GitHub (alice)' })).toBeFocused();
  await expect
    .poll(async () => (await harness.api['accounts-list']({})).map((a) => a.issuer))
    .toEqual(['GitHub', 'Mail']);

  // Delete asks first (focus on the safe choice); confirming moves focus to the row that takes its place.
  await tabTo(page, 'Delete Mail (alice)');
  await page.keyboard.press('Enter');
  await expect(
    page
      .getByRole('dialog', { name: 'Delete Mail (alice)?' })
      .getByRole('button', { name: 'Keep it' }),
  ).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => app.rowNames()).toEqual(['GitHub']);
  await expect.poll(() => focusedName(page)).toMatch(/^Copy code .* for GitHub \(alice\)$/);

  // Ctrl+Z undoes at once.
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.rowNames()).toEqual(['GitHub', 'Mail']);

  // Ctrl+L locks; the password field has the focus; after unlocking the search has it again.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Faktor is locked' })).toBeVisible();
  await expect(page.getByLabel('App password')).toBeFocused();
  await page.keyboard.type('correct horse');
  await page.keyboard.press('Enter');
  await expect(app.row('GitHub')).toBeVisible();
  await expect(page.getByRole('searchbox')).toBeFocused();
});

test('F1 shows the shortcuts; Tab inside a dialog cycles and never reaches the page behind', async ({
  page,
}) => {
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Add an account');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(
      () =>
        document.activeElement?.closest('dialog') !== null &&
        document.activeElement !== document.body,
    );
    expect(inside).toBe(true);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(
      true,
    );
  }
});
