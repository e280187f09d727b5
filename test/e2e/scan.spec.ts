import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { RFC_TIME_MS } from '../harness/harness';
import { formatMigrationUri } from '../../shared/otp/migration';
import { decodeBase32 } from '../../shared/otp/base32';
import type { OtpParams } from '../../shared/otp/types';
import { blank, drawDesktop, rng, toPng } from '../../bench/qr/synth';
import { expect, test } from './support/fixtures';
import { oathTotp } from './support/oath';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** A "website" on 127.0.0.1 whose pages each show one QR code, like an account's 2FA setup page. */
async function qrSite(
  pages: Record<string, string | string[]>,
): Promise<{ url: (path: string) => string; close: () => Promise<void> }> {
  const html: Record<string, string> = {};
  for (const [path, payloads] of Object.entries(pages)) {
    const imgs = await Promise.all(
      [payloads]
        .flat()
        .map((p) => QRCode.toDataURL(p, { errorCorrectionLevel: 'M', scale: 4, margin: 4 })),
    );
    html[path] =
      `<!doctype html><meta charset="utf-8"><title>Set up two-factor authentication</title>
      <body style="font-family:sans-serif;margin:40px;background:#f4f4f8">
      <h1>Set up your authenticator</h1><p>Scan this code with your authenticator app, then enter the code it shows.</p>
      ${imgs.map((src) => `<img alt="QR code" src="${src}" style="margin-right:40px">`).join('')}
      <p>Can't scan? Use the setup key instead.</p></body>`;
  }
  const server: Server = createServer((req, res) => {
    const body = html[req.url ?? ''];
    res
      .writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      .end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Opens the site page in its own tab and returns Chromium's screenshot of it: the user's "screen". */
async function screenshotOf(page: Page, url: string): Promise<Buffer> {
  const tab = await page.context().newPage();
  await tab.setViewportSize({ width: 1280, height: 800 });
  await tab.goto(url);
  const png = await tab.screenshot();
  await tab.close();
  return png;
}

async function openScan(page: Page) {
  await page.getByRole('button', { name: 'Scan QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scan QR code' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('scans an otpauth QR from the screen and adds the account only after confirmation', async ({
  harness,
  page,
}) => {
  const site = await qrSite({
    '/setup': `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example&algorithm=SHA1&digits=6`,
  });
  try {
    harness.qrSources.showOnScreens(await screenshotOf(page, site.url('/setup')));
    const dialog = await openScan(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();

    await expect(dialog.getByText('Add this account?')).toBeVisible();
    const summary = dialog.locator('dl');
    await expect(summary).toContainText('Example');
    await expect(summary).toContainText('alice@example.com');
    await expect(summary).toContainText('SHA1');
    await expect(summary).toContainText('6');
    // Nothing was stored by scanning.
    expect(await harness.api['accounts-list']({})).toEqual([]);
    expect(harness.qrSources.captures).toBe(1);

    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog).toBeHidden();
    const row = page
      .getByRole('list', { name: 'Accounts' })
      .getByRole('listitem')
      .filter({ hasText: 'Example' });
    await expect(row).toContainText('alice@example.com');
    await expect
      .poll(async () => row.getByRole('button', { name: /^Copy code/ }).getAttribute('data-code'))
      .toBe(oathTotp(SECRET, RFC_TIME_MS));
  } finally {
    await site.close();
  }
});

test('imports a Google Authenticator export split over 3 QR codes, showing "n of 3"', async ({
  harness,
  page,
}) => {
  const acc = (i: number): OtpParams => ({
    type: 'totp',
    secret: decodeBase32(SECRET),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    issuer: `Service ${i}`,
    label: `user${i}@example.com`,
  });
  const groups = [[acc(1), acc(2)], [acc(3), acc(4)], [acc(5)]];
  const parts = groups.map((g, i) =>
    formatMigrationUri(g, { batchSize: 3, batchIndex: i, batchId: 424242 }),
  );
  const site = await qrSite({
    '/export/1': parts[0]!,
    '/export/2': parts[1]!,
    '/export/3': parts[2]!,
  });
  try {
    const dialog = await openScan(page);
    // Scanned out of order, with one code scanned twice: order does not matter, repeats are ignored.
    for (const [path, have] of [
      ['/export/2', 1],
      ['/export/1', 2],
      ['/export/1', 2],
      ['/export/3', 3],
    ] as const) {
      harness.qrSources.showOnScreens(await screenshotOf(page, site.url(path)));
      await dialog.getByRole('button', { name: 'Scan screen' }).click();
      await expect(dialog.getByRole('status')).toHaveText(
        `${have} of 3 codes of the export scanned`,
      );
    }
    await expect(dialog.getByText('These 5 accounts will be imported')).toBeVisible();
    expect(await harness.api['accounts-list']({})).toEqual([]);
    await dialog.getByRole('button', { name: 'Import all 5 accounts' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('5 accounts imported.')).toBeVisible();
    const list = page.getByRole('list', { name: 'Accounts' });
    for (let i = 1; i <= 5; i++)
      await expect(list.getByRole('listitem').filter({ hasText: `Service ${i}` })).toBeVisible();
    expect((await harness.api['accounts-list']({})).map((a) => a.issuer).sort()).toEqual([
      'Service 1',
      'Service 2',
      'Service 3',
      'Service 4',
      'Service 5',
    ]);
  } finally {
    await site.close();
  }
});

test('an image without a QR code gives a clear message and offers the other sources', async ({
  harness,
  page,
}) => {
  const img = blank(800, 500);
  drawDesktop(img, rng(3));
  const dialog = await openScan(page);
  await dialog
    .getByLabel('Image file with a QR code')
    .setInputFiles({ name: 'desktop.png', mimeType: 'image/png', buffer: toPng(img) });
  await expect(dialog.getByRole('alert')).toContainText('No QR code was found in this image.');
  await expect(dialog.getByRole('alert')).toContainText('Try another way');
  for (const name of ['Scan screen', 'Use camera', 'Open image…', 'Image from clipboard']) {
    await expect(dialog.getByRole('button', { name })).toBeVisible();
  }
  expect(harness.qrSources.captures).toBe(0);
});

test('a QR code that is not an authenticator code shows its text and adds nothing', async ({
  harness,
  page,
}) => {
  const site = await qrSite({ '/text': 'https://example.com/just-a-link' });
  try {
    harness.qrSources.showOnScreens(await screenshotOf(page, site.url('/text')));
    const dialog = await openScan(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'This QR code is not an authenticator code. It contains:',
    );
    await expect(dialog.locator('pre')).toHaveText('https://example.com/just-a-link');
    expect(await harness.api['accounts-list']({})).toEqual([]);
  } finally {
    await site.close();
  }
});

test('several codes on the screen: the user picks one by what it is and where it is (no picture of a code)', async ({
  harness,
  page,
}) => {
  const site = await qrSite({
    '/two': [
      'https://example.com/app-download',
      `otpauth://totp/Picked:carol?secret=${SECRET}&issuer=Picked`,
    ],
  });
  try {
    harness.qrSources.showOnScreens(await screenshotOf(page, site.url('/two')));
    const dialog = await openScan(page);
    await dialog.getByRole('button', { name: 'Scan screen' }).click();
    await expect(dialog.getByText('2 codes were found. Choose one.')).toBeVisible();
    const choices = dialog.getByRole('listitem');
    await expect(choices).toHaveCount(2);
    // A map of the screen with the code's outline and words for the place — never an image of the code,
    // which would decode back to the secret (docs/qr.md).
    await expect(choices.locator('svg.scan-map')).toHaveCount(2);
    await expect(choices.locator('svg.scan-map polygon')).toHaveCount(2);
    await expect(dialog.locator('img')).toHaveCount(0);
    await expect(choices.first()).toContainText('Test screen 1, top left');
    const raw = JSON.stringify(await harness.api['qr-scan-screen']({}));
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toMatch(/data:image|iVBOR/);
    await dialog.getByRole('button', { name: 'Picked (carol)' }).click();
    await expect(dialog.locator('dl')).toContainText('Picked');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(
      page
        .getByRole('list', { name: 'Accounts' })
        .getByRole('listitem')
        .filter({ hasText: 'Picked' }),
    ).toBeVisible();
  } finally {
    await site.close();
  }
});
