import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { RFC_TIME_MS } from '../harness/harness';
import { formatSameDeviceLink } from '../../shared/servicekonto/same-device-link';
import { Client, startTestServer } from '../server/http/client';
import { pairConfirmed } from '../support/paired-desktop';
import { expect, test } from './support/fixtures';
import { oathTotp } from './support/oath';

/**
 * Tray, global shortcuts and faktor:// links (issue #11, docs/desktop.md) through the SAME main-process
 * functions the Electron glue calls: `harness.desktop` is createMainProcess's desktop actions; the tray
 * is driven by its real menu model (trayMenu → run), a shortcut by pressing what the settings screen
 * registered with the global-shortcut double, a link by desktop.openLink as second-instance would.
 */

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;

/** A Chromium screenshot of a page showing one QR: the user's "screen". */
async function screenWithQr(page: Page, payload: string): Promise<Buffer> {
  const tab = await page.context().newPage();
  await tab.setViewportSize({ width: 1024, height: 700 });
  await tab.setContent(
    `<body style="margin:40px;background:#fff"><h1>Set up 2FA</h1><img alt="QR" src="${await QRCode.toDataURL(payload, { scale: 4, margin: 4 })}"></body>`,
  );
  const png = await tab.screenshot();
  await tab.close();
  return png;
}

async function setShortcut(page: Page, label: string, keys: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel(label).fill(keys);
  await dialog.getByRole('button', { name: 'Save shortcuts' }).click();
}

test('tray: quick copy of a code, lock, and a locked tray that names no account', async ({
  harness,
  page,
}) => {
  await harness.api['accounts-add-uri']({ uri: URI });
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('alice@example.com');
  const menu = await harness.desktop.trayMenu();
  const copy = menu.find((i) => i.type === 'item' && i.label === 'Example (alice@example.com)');
  if (copy?.type !== 'item') throw new Error('no copy entry in the tray');
  await harness.desktop.run(copy.command);
  expect(harness.clipboard.text).toBe(oathTotp(SECRET, RFC_TIME_MS));

  await harness.api['vault-set-password']({ current: null, next: 'tray password 1' });
  const lock = (await harness.desktop.trayMenu()).find(
    (i) => i.type === 'item' && i.command.kind === 'lock',
  );
  if (lock?.type !== 'item') throw new Error('no lock entry');
  await harness.desktop.run(lock.command);
  await expect(page.getByLabel('App password')).toBeVisible();
  const locked = await harness.desktop.trayMenu();
  expect(locked.map((i) => (i.type === 'separator' ? '—' : i.label))).toEqual([
    'Unlock Faktor…',
    '—',
    'Quit Faktor',
  ]);
  const quit = locked.at(-1);
  if (quit?.type === 'item') await harness.desktop.run(quit.command);
  expect(harness.desktopDoubles.quits).toBe(1);
});

test('scan shortcut: set in Settings, pressed, one otpauth code opens straight at its confirm step', async ({
  harness,
  page,
}) => {
  await setShortcut(page, 'Global shortcut: scan the screen for a QR code', 'ctrl+shift+k');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByText('Active.', { exact: false })).toBeVisible();
  await expect(dialog.getByLabel('Global shortcut: scan the screen for a QR code')).toHaveValue(
    'Control+Shift+K',
  );
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  harness.qrSources.showOnScreens(await screenWithQr(page, URI));
  harness.desktopDoubles.globalShortcuts.press('Control+Shift+K');
  const scan = page.getByRole('dialog', { name: 'Scan QR code' });
  // The screen is decoded in the worker first (slow on a busy build machine).
  await expect(scan.getByText('Add this account?')).toBeVisible({ timeout: 30_000 });
  expect(harness.desktopDoubles.shown).toBeGreaterThanOrEqual(1);
  expect(await harness.api['accounts-list']({})).toEqual([]);
  await scan.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('alice@example.com');
});

test('shortcuts another app holds, or that are not valid, are said plainly; the search shortcut focuses the search', async ({
  harness,
  page,
}) => {
  harness.desktopDoubles.globalShortcuts.takenByOthers.add('Alt+F');
  await setShortcut(page, 'Global shortcut: open Faktor with the search', 'Alt+F');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(
    dialog.getByText('Not available: another app already uses these keys.', { exact: false }),
  ).toBeVisible();
  await dialog.getByLabel('Global shortcut: open Faktor with the search').fill('Shift+S');
  await dialog.getByRole('button', { name: 'Save shortcuts' }).click();
  await expect(
    dialog.getByText('Needs Ctrl, Alt, Super or Command', { exact: false }),
  ).toBeVisible();
  await dialog.getByLabel('Global shortcut: open Faktor with the search').fill('Alt+S');
  await dialog.getByRole('button', { name: 'Save shortcuts' }).click();
  await expect(dialog.getByText('Active.', { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  harness.desktopDoubles.globalShortcuts.press('Alt+S');
  await expect(page.locator('#search')).toBeFocused();
});

// Real time: the pairing talks to the server, which checks the device's signed timestamps.
test.describe('with the real clock', () => {
  test.use({ harnessOptions: { pinnedTime: null } });
  test('faktor:// link: a paired login opens at its PIN step and its code logs the browser in; a refused link is said plainly', async ({
    harness,
    page,
  }) => {
    const server = await startTestServer();
    try {
      await pairConfirmed(harness.api, server.url, 'link-e2e', '975310');
      const browser = new Client(server.url);
      const qr = (
        await browser.post<{ payload: string; tx: string }>('/api/login/desktop-app', {
          username: 'link-e2e',
        })
      ).body;

      await harness.desktop.openLink(formatSameDeviceLink(qr.payload).replace('v=1', 'v=7'));
      await expect(
        page.getByText('This Servicekonto code comes from a newer or unknown version.', {
          exact: false,
        }),
      ).toBeVisible();

      await harness.desktop.openLink(formatSameDeviceLink(qr.payload));
      const scan = page.getByRole('dialog', { name: 'Scan QR code' });
      await expect(scan.getByLabel('PIN')).toBeVisible();
      await scan.getByLabel('PIN').fill('975310');
      await scan.getByRole('button', { name: 'Show code' }).click();
      const code = (await scan.getByLabel('Login code').textContent())?.replace(/\D/g, '') ?? '';
      expect((await browser.post('/api/login/desktop-app/code', { tx: qr.tx, code })).status).toBe(
        200,
      );
    } finally {
      await server.stop();
    }
  });
});
