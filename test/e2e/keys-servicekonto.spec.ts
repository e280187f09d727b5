import AxeBuilder from '@axe-core/playwright';
import { PASSWORD, startTestServer } from '../server/http/client';
import { pairConfirmed } from '../support/paired-desktop';
import { expect, test } from './support/fixtures';

/**
 * Registering a security key at a paired Servicekonto from the keys screen, end to end: the real
 * renderer, IPC and api, the real server (its @simplewebauthn/server checks the key), a software
 * authenticator in the harness's SoftKeyBay — the stand-in for a physical USB key, which cannot exist in CI.
 */

test.use({ harnessOptions: { pinnedTime: null } });

test('Register at Servicekonto…: wrong password refused in plain words, then two touches, and the card names the means', async ({
  page,
  harness,
}) => {
  const server = await startTestServer();
  try {
    await pairConfirmed(harness.api, server.url, 'keyreg-e2e', '975310');
    harness.keys.plug('/dev/hidraw0', {}, { product: 'SoftKey' });
    await page.getByRole('button', { name: 'Security keys' }).click();
    const card = page.getByRole('article', { name: 'SoftKey' });
    await card.getByRole('button', { name: 'Register at Servicekonto…' }).click();
    const view = page.getByRole('dialog', { name: 'Register SoftKey at a Servicekonto' });
    await expect(view.getByLabel('Paired account')).toContainText('keyreg-e2e');
    const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => v.id)).toEqual([]);

    await view.getByLabel('Name of the means (optional)').fill('Blauer Schlüssel');
    await view.getByLabel('Faktor PIN of this account').fill('975310');
    await view.getByLabel('Password of the Servicekonto account').fill('wrong horse battery');
    await view.getByRole('button', { name: 'Register key' }).click();
    await expect(view.getByText('the Faktor PIN or the password is wrong')).toBeVisible({
      timeout: 30_000,
    });

    harness.keys.touch = { mode: 'after', ms: 1500 };
    await view.getByLabel('Faktor PIN of this account').fill('975310');
    await view.getByLabel('Password of the Servicekonto account').fill(PASSWORD);
    await view.getByRole('button', { name: 'Register key' }).click();
    await expect(view.getByText('Touch your security key now.')).toBeVisible();
    await expect(
      view.getByText('Touch your security key again to confirm the registration.'),
    ).toBeVisible({ timeout: 10_000 });
    await expect(
      view.getByText(
        /Registered at http:\/\/localhost:\d+ \(keyreg-e2e\) as “password \+ security key” \(substanziell\), active now\./,
      ),
    ).toBeVisible({ timeout: 30_000 });
    await view.getByRole('button', { name: 'Back' }).click();
    await expect(
      page
        .getByRole('article', { name: 'SoftKey' })
        .getByText(`Servicekonto ${server.server.origin}: means Blauer Schlüssel`),
    ).toBeVisible({ timeout: 15_000 });
  } finally {
    await server.stop();
  }
});

test('a U2F-only key (no FIDO2) is registered over U2F from its card and then names its means, no key PIN asked', async ({
  page,
  harness,
}) => {
  const server = await startTestServer();
  try {
    await pairConfirmed(harness.api, server.url, 'keyreg-u2f-e2e', '975310');
    harness.keys.plug('/dev/hidraw0', { ctap2: false }, { product: 'OldKey' });
    await page.getByRole('button', { name: 'Security keys' }).click();
    const card = page.getByRole('article', { name: 'OldKey' });
    await expect(
      card.getByText(
        'This key only speaks U2F: it has no PIN and no passkeys to manage. It can still be registered at a Servicekonto.',
      ),
    ).toBeVisible();
    await expect(card.getByRole('button', { name: 'Set PIN' })).toHaveCount(0);
    await card.getByRole('button', { name: 'Register at Servicekonto…' }).click();
    const view = page.getByRole('dialog', { name: 'Register OldKey at a Servicekonto' });
    await expect(view.getByLabel('Paired account')).toContainText('keyreg-u2f-e2e');
    await expect(view.getByLabel('PIN of the security key')).toHaveCount(0);
    await view.getByLabel('Name of the means (optional)').fill('Alter Schlüssel');
    await view.getByLabel('Faktor PIN of this account').fill('975310');
    await view.getByLabel('Password of the Servicekonto account').fill(PASSWORD);
    await view.getByRole('button', { name: 'Register key' }).click();
    await expect(
      view.getByText(
        /Registered at http:\/\/localhost:\d+ \(keyreg-u2f-e2e\) as “password \+ security key” \(substanziell\), active now\./,
      ),
    ).toBeVisible({ timeout: 30_000 });
    await view.getByRole('button', { name: 'Back' }).click();
    await expect(
      page
        .getByRole('article', { name: 'OldKey' })
        .getByText(`Servicekonto ${server.server.origin}: means Alter Schlüssel`),
    ).toBeVisible({ timeout: 15_000 });
  } finally {
    await server.stop();
  }
});
