import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blank, drawQr, qrMatrix, type Rgba } from '../../bench/qr/synth';
import config from '../../playwright.config';
import { expect, test } from './support/fixtures';

/** A Y4M (4:2:0) video of one still picture, for Chromium's fake camera. */
function y4m(img: Rgba, frames = 5): Buffer {
  const { width: w, height: h, data } = img;
  const y = Buffer.alloc(w * h);
  const chroma = Buffer.alloc((w / 2) * (h / 2), 128);
  for (let i = 0; i < w * h; i++)
    y[i] = Math.round(0.299 * data[i * 4]! + 0.587 * data[i * 4 + 1]! + 0.114 * data[i * 4 + 2]!);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${w} H${h} F5:1 Ip A1:1 C420jpeg\n`),
    ...Array.from({ length: frames }, () => frame),
  ]);
}

const CAMERA_URI =
  'otpauth://totp/Camera%20Co:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Camera%20Co';
const cameraFile = join(tmpdir(), `faktor-fake-camera-${process.pid}.y4m`);
const picture = blank(640, 480, 200);
drawQr(picture, qrMatrix(CAMERA_URI), { cx: 320, cy: 240, module: 5, rotation: 8 });
writeFileSync(cameraFile, y4m(picture));

// Chromium's fake camera plays the Y4M above (a QR code held slightly tilted); the fake UI answers the
// permission prompt (the app's own permission policy is unit-tested in electron/main/security).
test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [
      ...(config.use?.launchOptions?.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${cameraFile}`,
    ],
  },
});

test('decodes a camera picture, releases the camera at once, and adds after confirmation', async ({
  harness,
  page,
}) => {
  // Record the streams the app opens, to check they are stopped.
  await page.evaluate(() => {
    const w = window as unknown as { __streams: MediaStream[] };
    w.__streams = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const stream = await original(c);
      w.__streams.push(stream);
      return stream;
    };
  });
  await page.getByRole('button', { name: 'Scan QR code' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scan QR code' });
  await dialog.getByRole('button', { name: 'Use camera' }).click();
  await expect(dialog.getByText('Add this account?')).toBeVisible({ timeout: 20_000 });
  await expect(dialog.locator('dl')).toContainText('Camera Co');
  const tracks = await page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) =>
      s.getTracks().map((t) => `${t.kind}:${t.readyState}`),
    ),
  );
  expect(tracks).toEqual(['video:ended']);
  expect(harness.qrSources.captures).toBe(0);
  expect(await harness.api['accounts-list']({})).toEqual([]);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(
    page
      .getByRole('list', { name: 'Accounts' })
      .getByRole('listitem')
      .filter({ hasText: 'Camera Co' }),
  ).toBeVisible();
});
