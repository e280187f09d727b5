import { FaktorApp } from './support/app';
import { expect, test } from './support/fixtures';

/** Issue #12, organising many accounts: pin on top, groups with a filter, sort saved in settings, service icons, names in toasts isolated. */

const SEED = 'JBSWY3DPEHPK3PXP';

test('pin keeps an account on top; groups filter the list; the sort order is saved and survives a reload', async ({
  page,
}) => {
  const app = new FaktorApp(page);
  for (const name of ['Charlie', 'GitHub', 'Alpha'])
    await app.addUri(`otpauth://totp/${name}:user?secret=${SEED}&issuer=${name}`);
  await expect.poll(() => app.rowNames()).toEqual(['Charlie', 'GitHub', 'Alpha']);
  // The toast names the account isolated in <bdi>.
  await expect(app.status.locator('bdi', { hasText: 'Alpha (user)' })).toHaveCount(1);
  // A bundled icon for a known issuer, the first letter otherwise.
  await expect(app.row('GitHub').locator('.avatar[data-icon="github"] svg')).toHaveCount(1);
  await expect(app.row('Alpha').locator('.avatar')).toHaveText('A');

  await app.togglePin('Alpha');
  await expect(
    app.row('Alpha').getByRole('button', { name: 'Pin Alpha (user) on top' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Charlie', 'GitHub']);
  // Moves stay within the pin group: the first unpinned row cannot pass the pinned one.
  await expect(
    app.row('Charlie').getByRole('button', { name: 'Move Charlie (user) up' }),
  ).toBeDisabled();

  await app.setTags('GitHub', 'Work, Code');
  await app.setTags('Charlie', 'Work');
  await expect(app.row('GitHub').locator('.tag')).toHaveText(['Work', 'Code']);
  const group = page.getByLabel('Group', { exact: true });
  await group.selectOption('Work');
  await expect.poll(() => app.rowNames()).toEqual(['Charlie', 'GitHub']);
  await expect(page.getByText('2 of 3 accounts')).toBeVisible();
  await group.selectOption('');

  const sort = page.getByLabel('Sort', { exact: true });
  await sort.selectOption('name');
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Charlie', 'GitHub']);
  await expect(
    app.row('GitHub').getByRole('button', { name: 'Move GitHub (user) up' }),
  ).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel('Sort', { exact: true })).toHaveValue('name');
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Charlie', 'GitHub']);
  await expect(
    app.row('Alpha').getByRole('button', { name: 'Pin Alpha (user) on top' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('"recently used" puts the last copied account first (after the pinned ones)', async ({
  page,
  harness,
}) => {
  const app = new FaktorApp(page);
  for (const name of ['Alpha', 'Bravo', 'Charlie'])
    await app.addUri(`otpauth://totp/${name}:user?secret=${SEED}&issuer=${name}`);
  await page.getByLabel('Sort', { exact: true }).selectOption('recent');
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Bravo', 'Charlie']);
  await app
    .row('Charlie')
    .getByRole('button', { name: /^Copy code/ })
    .click();
  await expect.poll(() => app.rowNames()).toEqual(['Charlie', 'Alpha', 'Bravo']);
  await harness.advance(1000);
  await app
    .row('Bravo')
    .getByRole('button', { name: /^Copy code/ })
    .click();
  await expect.poll(() => app.rowNames()).toEqual(['Bravo', 'Charlie', 'Alpha']);
});

test('"hide codes until revealed": a click shows the code; copying works either way', async ({
  page,
  harness,
}) => {
  const app = new FaktorApp(page);
  await app.addUri(`otpauth://totp/GitHub:alice?secret=${SEED}&issuer=GitHub`);
  const code = await app.codeOf('GitHub');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel(/^Hide codes until I click them/).click(); // saved in main first, then checked (controlled)
  await expect(settings.getByLabel(/^Hide codes until I click them/)).toBeChecked();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(app.row('GitHub').getByRole('button', { name: /^Copy code/ })).toHaveCount(0);
  await expect(app.row('GitHub')).not.toContainText(code.slice(0, 3));
  // Search + Enter still copies the hidden code.
  await page.getByRole('searchbox').fill('git');
  await page.keyboard.press('Enter');
  await expect.poll(() => harness.clipboard.text).toBe(code);
  await app.row('GitHub').getByRole('button', { name: 'Show code for GitHub (alice)' }).click();
  await expect.poll(() => app.codeOf('GitHub')).toBe(code);
  await page.reload();
  await expect(
    app.row('GitHub').getByRole('button', { name: 'Show code for GitHub (alice)' }),
  ).toBeVisible();
});

test.describe('drag and drop in a long, windowed list', () => {
  const names = Array.from({ length: 40 }, (_, i) => `Svc${String(i).padStart(2, '0')}`);
  test.use({
    harnessOptions: {
      beforeLoad: async (api) => {
        for (const name of names)
          await api['accounts-add-uri']({
            uri: `otpauth://totp/${name}:user?secret=${SEED}&issuer=${name}`,
          });
      },
    },
    viewport: { width: 1280, height: 700 },
  });

  test('a row dragged by the pointer past the window survives in the overlay, auto-scrolls, and lands where dropped', async ({
    page,
    harness,
  }) => {
    const app = new FaktorApp(page);
    await expect(app.row('Svc00')).toBeVisible();
    const handle = page.getByRole('button', { name: 'Reorder Svc00 (user)' });
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // Past the 6 px activation distance, then to the bottom edge, where dnd-kit scrolls the page.
    await page.mouse.move(box.x + box.width / 2, box.y + 40, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, 695, { steps: 10 });
    const preview = page.locator('.drag-preview');
    await expect(preview).toContainText('Svc00');
    // Auto-scroll runs on timers; the page clock is pinned, so let it run.
    for (let i = 0; i < 30 && (await page.evaluate(() => window.scrollY)) < 1500; i++)
      await harness.advance(100);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1500);
    // The window unmounted the dragged row; the overlay still carries it.
    await expect(page.locator('li.account[data-account-id]', { hasText: 'Svc00' })).toHaveCount(0);
    await expect(preview).toBeVisible();
    await page.mouse.move(box.x + box.width / 2, 400, { steps: 5 });
    await harness.advance(100);
    await page.mouse.up();
    await harness.advance(100);
    // Where it landed, as announced (the rows under the pointer are shifted by the drag, so ask the app).
    const region = page.locator('[id^="DndLiveRegion"]');
    await expect(region).toHaveText(/^Svc00 \(user\) dropped at position \d+ of 40\.$/);
    const position = Number(/position (\d+)/.exec((await region.textContent()) ?? '')?.[1]);
    expect(position).toBeGreaterThan(10);
    const order = (await harness.api['accounts-list']({})).map((a) => a.issuer);
    expect(order.indexOf('Svc00')).toBe(position - 1);
    expect(order.filter((n) => n !== 'Svc00')).toEqual(names.filter((n) => n !== 'Svc00'));
  });
});

test('a group is renamed and dissolved in one place from the group filter, by keyboard, with Undo', async ({
  page,
}) => {
  const app = new FaktorApp(page);
  for (const name of ['Alpha', 'Bravo', 'Charlie'])
    await app.addUri(`otpauth://totp/${name}:user?secret=${SEED}&issuer=${name}`);
  await app.setTags('Alpha', 'Work, Bank');
  await app.setTags('Bravo', 'work');
  const group = page.getByLabel('Group', { exact: true });
  const rename = page.getByRole('button', { name: 'Rename group…' });
  await expect(rename).toHaveCount(0); // only while one group is shown
  await group.selectOption('Work');

  // Keyboard only: Tab from the filter reaches the action, Enter opens the dialog, typing + Enter renames.
  await group.focus();
  await page.keyboard.press('Tab');
  await expect(rename).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Rename group' });
  const field = dialog.getByLabel('New name');
  await expect(field).toBeFocused();
  await field.fill('Bad, name');
  await page.keyboard.press('Enter');
  await expect(
    dialog.getByText('A group name needs 1 to 32 characters and no comma.'),
  ).toBeVisible();
  await field.fill('Office');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(app.status.locator('bdi', { hasText: 'Office' })).toHaveCount(1);
  await expect(group).toHaveValue('Office'); // the filter follows the group
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Bravo']);
  await expect(app.row('Alpha').locator('.tag')).toHaveText(['Office', 'Bank']);
  await expect(app.row('Bravo').locator('.tag')).toHaveText(['Office']);

  // Ctrl+Z undoes the rename while its toast is up.
  await page.keyboard.press('Control+z');
  await expect(app.status.getByText('Groups restored.')).toBeVisible();
  await expect(app.row('Alpha').locator('.tag')).toHaveText(['Work', 'Bank']);
  await expect(group).toHaveValue('Work');

  // Dissolve: the accounts stay, without the group; the toast's Undo puts it back.
  await page.getByRole('button', { name: 'Dissolve group' }).click();
  await expect(group).toHaveValue('');
  await expect.poll(() => app.rowNames()).toEqual(['Alpha', 'Bravo', 'Charlie']);
  await expect(app.row('Bravo').locator('.tag')).toHaveCount(0);
  await expect(app.row('Alpha').locator('.tag')).toHaveText(['Bank']);
  await app.status.getByRole('button', { name: 'Undo' }).click();
  await expect(app.row('Bravo').locator('.tag')).toHaveText(['work']);
  await expect(group).toHaveValue('Work');
});
