import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { UDEV_RULE } from '../../shared/ctap/udev-rule';
import { enrolResident } from '../support/soft-authenticator/enrol';
import { expect, test } from './support/fixtures';

/**
 * The security-keys screen end to end: the real renderer, IPC dispatcher and api, with software
 * authenticators plugged into the harness's SoftKeyBay — the stand-in for physical USB keys behind
 * the same HID transport seam node-hid implements (no USB key can exist in CI).
 */

// Real time: the key watcher polls the (simulated) USB bus on main's real timers, and axe needs timers too.
test.use({ harnessOptions: { pinnedTime: null } });

async function openKeys(page: Page) {
  await page.getByRole('button', { name: 'Security keys' }).click();
  const dialog = page.getByRole('dialog', { name: 'Security keys' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Opens the reset of the key called `name` and passes the warning step (tick + Continue). */
async function passResetWarning(page: Page, name: string) {
  await page.getByRole('article', { name }).getByRole('button', { name: 'Reset…' }).click();
  const view = page.getByRole('dialog', { name: `Reset ${name}` });
  await view.getByLabel('I understand that everything on this key will be erased').check();
  await view.getByRole('button', { name: 'Continue' }).click();
  return view;
}

/** Fills the PIN form (the current PIN only when given) and saves it. */
async function savePin(pinView: Locator, next: string, repeat = next, current?: string) {
  if (current !== undefined) await pinView.getByLabel('Current PIN').fill(current);
  await pinView.getByLabel('New PIN', { exact: true }).fill(next);
  await pinView.getByLabel('Repeat the new PIN').fill(repeat);
  await pinView.getByRole('button', { name: 'Save PIN' }).click();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}`));
}

test('keys list live on plug and unplug with name, AAGUID, versions, PIN state; wink; PIN set and change under the key policy', async ({
  page,
  harness,
}) => {
  const a = harness.keys.plug('/dev/hidraw0', {}, { product: 'SoftKey Zwei' });
  const dialog = await openKeys(page);
  const card = dialog.getByRole('article', { name: 'SoftKey Zwei' });
  await expect(card).toBeVisible();
  const hex = Buffer.from(a.core.aaguid).toString('hex');
  await expect(card).toContainText(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-`);
  await expect(card).toContainText('U2F_V2, FIDO_2_0, FIDO_2_1');
  await expect(card).toContainText('Not set');
  await expect(card).toContainText('manage passkeys');
  expect(await seriousViolations(page)).toEqual([]);

  // Live: a second key appears, then goes, without touching the screen.
  harness.keys.plug('/dev/hidraw1', {}, { product: 'Other key' });
  await expect(dialog.getByRole('article', { name: 'Other key' })).toBeVisible();
  await harness.keys.unplug('/dev/hidraw1');
  await expect(dialog.getByRole('article', { name: 'Other key' })).toHaveCount(0);

  // Keyboard: Tab to Blink and press Enter.
  await card.getByRole('button', { name: 'Blink' }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByRole('status')).toHaveText('The key is blinking.');
  expect(a.winks).toBe(1);

  await card.getByRole('button', { name: 'Set PIN' }).click();
  const pinView = page.getByRole('dialog', { name: 'PIN of SoftKey Zwei' });
  await savePin(pinView, '123');
  await expect(pinView.getByRole('alert')).toHaveText(
    'This key needs at least 4 characters (at most 63 bytes).',
  );
  await savePin(pinView, '24680', '24681');
  await expect(pinView.getByRole('alert')).toHaveText('The two new PINs differ.');
  await savePin(pinView, '24680');
  await expect(pinView.getByRole('status')).toHaveText('The PIN was saved on the key.');
  await pinView.getByRole('button', { name: 'Back' }).click();
  await expect(card).toContainText('Set, 8 tries left');

  await card.getByRole('button', { name: 'Change PIN' }).click();
  await savePin(pinView, '135790', '135790', '99999');
  await expect(pinView.getByRole('alert')).toHaveText('Wrong PIN for the security key.');
  // The PINs went to main once; a failed change leaves no PIN in the form.
  await expect(pinView.getByLabel('Current PIN')).toHaveValue('');
  await expect(pinView.getByLabel('New PIN', { exact: true })).toHaveValue('');
  await savePin(pinView, '135790', '135790', '24680');
  await expect(pinView.getByRole('status')).toHaveText('The PIN was saved on the key.');
  await pinView.getByRole('button', { name: 'Back' }).click();
  await expect(card).toContainText('Set, 8 tries left');
  expect(a.pin.isSet).toBe(true);
});

test('passkeys: list by site after the PIN, delete one only after the confirmation', async ({
  page,
  harness,
}) => {
  const a = harness.keys.plug('/dev/hidraw0', {}, { product: 'SoftKey' });
  await harness.api['keys-set-pin']({ path: '/dev/hidraw0', pin: '2468' });
  await enrolResident(a, '2468', 'konto.example', 'erika');
  await enrolResident(a, '2468', 'konto.example', 'max');
  const dialog = await openKeys(page);
  await dialog
    .getByRole('article', { name: 'SoftKey' })
    .getByRole('button', { name: 'Passkeys' })
    .click();
  const view = page.getByRole('dialog', { name: 'Passkeys on SoftKey' });
  await view.getByLabel('PIN of the security key').fill('2468');
  await page.keyboard.press('Enter');
  const list = view.getByRole('list', { name: 'Passkeys' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('konto.example');
  expect(await seriousViolations(page)).toEqual([]);

  await list.getByRole('button', { name: 'Delete the passkey of erika at konto.example' }).click();
  const confirm = view.getByRole('group', { name: 'Confirm deletion' });
  await expect(confirm).toContainText('Delete the passkey of erika at konto.example?');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  expect(a.store.resident()).toHaveLength(2);

  // The PIN typed for the list is not kept: the delete asks for it again, and a wrong one deletes nothing.
  await list.getByRole('button', { name: 'Delete the passkey of erika at konto.example' }).click();
  const pin = confirm.getByLabel('PIN of the security key');
  await expect(pin).toBeFocused();
  await expect(pin).toHaveValue('');
  await expect(confirm.getByRole('button', { name: 'Delete passkey' })).toBeDisabled();
  await pin.fill('1357');
  await confirm.getByRole('button', { name: 'Delete passkey' }).click();
  await expect(view.getByRole('alert')).toHaveText('Wrong PIN for the security key.');
  await expect(pin).toHaveValue('');
  expect(a.store.resident()).toHaveLength(2);
  await pin.fill('2468');
  await page.keyboard.press('Enter');
  await expect(view.getByRole('status')).toHaveText(
    'The passkey of erika at konto.example was deleted.',
  );
  await expect(confirm).toHaveCount(0);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('max');
  expect(a.store.resident()).toHaveLength(1);
});

test('reset in two steps: warning with a tick, then replug and touch; a key without access shows the udev rule', async ({
  page,
  harness,
}) => {
  const a = harness.keys.plug('/dev/hidraw0', {}, { product: 'SoftKey' });
  await harness.api['keys-set-pin']({ path: '/dev/hidraw0', pin: '2468' });
  await enrolResident(a, '2468', 'konto.example', 'erika');
  const dialog = await openKeys(page);
  await dialog
    .getByRole('article', { name: 'SoftKey' })
    .getByRole('button', { name: 'Reset…' })
    .click();
  const view = page.getByRole('dialog', { name: 'Reset SoftKey' });
  await expect(view).toContainText('This cannot be undone.');
  // The tick is described by the warning, so a screen reader reads what it agrees to.
  await expect(
    view.getByLabel('I understand that everything on this key will be erased'),
  ).toHaveAccessibleDescription(/This cannot be undone\.$/);
  const next = view.getByRole('button', { name: 'Continue' });
  await expect(next).toBeDisabled();
  await view.getByLabel('I understand that everything on this key will be erased').check();
  await next.click();
  await expect(view).toContainText('within 10 seconds of being plugged in');
  expect(a.store.resident()).toHaveLength(1); // nothing happened yet: the second step is its own button
  expect(await seriousViolations(page)).toEqual([]);

  harness.keys.touch = { mode: 'after', ms: 1500 };
  await view.getByRole('button', { name: 'Reset now' }).click();
  await expect(view.getByRole('status')).toHaveText('Unplug the key now and plug it back in.');
  await harness.keys.replug('/dev/hidraw0');
  await expect(view.getByRole('status')).toHaveText('Touch your security key now.');
  await expect(view.getByRole('status')).toHaveText(
    'The key was reset. It has no PIN and no passkeys now.',
  );
  expect(a.store.resident()).toHaveLength(0);
  expect(a.pin.isSet).toBe(false);
  await view.getByRole('button', { name: 'Back' }).click();
  await expect(dialog.getByRole('article', { name: 'SoftKey' })).toContainText('Not set');

  harness.keys.plug('/dev/hidraw5', {}, { product: 'Locked key' });
  harness.keys.denyAccess('/dev/hidraw5');
  const locked = dialog.getByRole('article', { name: 'Locked key' });
  await expect(locked.getByRole('alert')).toContainText('Faktor may not access the security key.');
  if (process.platform === 'linux') await expect(locked.locator('code')).toHaveText(UDEV_RULE);
});

test('reset refused when the key was not replugged in time says so; a key pulled out mid-touch says it was removed', async ({
  page,
  harness,
}) => {
  harness.keys.plug('/dev/hidraw0', { resetWindowMs: 0 }, { product: 'SoftKey' });
  await openKeys(page);
  const view = await passResetWarning(page, 'SoftKey');
  await view.getByRole('button', { name: 'Reset now' }).click();
  await expect(view.getByRole('status')).toHaveText('Unplug the key now and plug it back in.');
  await harness.keys.replug('/dev/hidraw0');
  await expect(view.getByRole('alert')).toContainText('more than 10 seconds passed');

  // Another key with the usual 10 s window; the user never touches it and pulls it out.
  await view.getByRole('button', { name: 'Cancel' }).click();
  await harness.keys.unplug('/dev/hidraw0');
  harness.keys.plug('/dev/hidraw1', {}, { product: 'SoftKey B' });
  harness.keys.touch = { mode: 'never' };
  const viewB = await passResetWarning(page, 'SoftKey B');
  await viewB.getByRole('button', { name: 'Reset now' }).click();
  await expect(viewB.getByRole('status')).toHaveText('Unplug the key now and plug it back in.');
  await harness.keys.replug('/dev/hidraw1');
  await expect(viewB.getByRole('status')).toHaveText('Touch your security key now.');
  await harness.keys.unplug('/dev/hidraw1');
  await expect(viewB.getByRole('alert')).toHaveText('The security key was removed.');
});

test.describe('German, dark, 480 px', () => {
  test.use({
    harnessOptions: { pinnedTime: null, locale: 'de-DE' },
    colorScheme: 'dark',
    viewport: { width: 480, height: 800 },
  });

  test('the keys screen speaks German, is keyboard-reachable and axe-clean', async ({
    page,
    harness,
  }) => {
    harness.keys.plug('/dev/hidraw0', {}, { product: 'SoftKey' });
    const open = page.getByRole('button', { name: 'Sicherheitsschlüssel' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Sicherheitsschlüssel' });
    const card = dialog.getByRole('article', { name: 'SoftKey' });
    await expect(card).toContainText('Nicht gesetzt');
    expect(await seriousViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Zurücksetzen …' }).focus();
    await page.keyboard.press('Enter');
    const reset = page.getByRole('dialog', { name: 'SoftKey zurücksetzen' });
    await expect(
      reset.getByLabel('Ich habe verstanden, dass alles auf diesem Schlüssel gelöscht wird'),
    ).toBeFocused();
    await page.keyboard.press('Space');
    await expect(reset.getByRole('button', { name: 'Weiter' })).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});
