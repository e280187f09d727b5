import jsQR from 'jsqr';
import { afterAll, describe, expect, it } from 'vitest';
import { createQrHandlers } from '../../../../electron/main/api/qr';
import { systemClock, type Ports } from '../../../../electron/main/ports';
import { decodeAny } from '../../../../electron/main/services/qr-decode-core';
import { createQrDecoder } from '../../../../electron/main/services/qr-decoder';
import { decodeEncodedImage } from '../../../../electron/main/services/qr-image';
import { formatMigrationUri } from '../../../../shared/otp/migration';
import { ScanResult, type QrPosition } from '../../../../shared/qr/found-code';
import {
  blank,
  drawDesktop,
  drawQr,
  qrMatrix,
  rng,
  toJpeg,
  toPng,
  type Rgba,
} from '../../../../bench/qr/synth';
import { formatPairingPayload } from '../../../../shared/servicekonto/pairing-payload';

/**
 * Security regression (review finding "QR thumbnails carry the seed to the renderer"): whatever any QR
 * channel returns to the renderer, no image in it may decode back to a secret-bearing payload. The
 * check looks for images ANYWHERE in the response (data URLs, bare base64 PNG/JPEG) and runs both the
 * app's own decoder and an independent one (jsQR) over each, so a thumbnail field reintroduced under
 * any name fails here. The last test shows the check is not vacuous: an old-style crop is caught.
 */

const SECRET_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_PAYLOADS = [
  `otpauth://totp/ACME%20Corp:alice%40example.com?secret=${SECRET_B32}&issuer=ACME%20Corp&algorithm=SHA1&digits=6&period=30`,
  formatMigrationUri(
    [
      {
        type: 'totp',
        secret: new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6]),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'Svc',
        label: 'bob',
      },
    ],
    { batchSize: 2, batchIndex: 0, batchId: 4711 },
  ),
  // Damaged (digits out of range) but still holding a seed: shown as `invalid`, must not leak either.
  `otpauth://totp/Broken:eve?secret=${SECRET_B32}&digits=99`,
  // Servicekonto pairing carries a one-time enrollment token.
  formatPairingPayload({
    origin: 'https://konto.example',
    account: 'acc-1',
    accountName: 'alice',
    token: 'Zm9vYmFyYmF6cXV4cXV1eFpt9vYmFyYmF6cXV4cXV1e',
    exp: 9_999_999_999,
    level: 'substanziell',
  }),
];

/** A desktop-like picture with every payload as a crisp code with large modules (the worst case for a crop). */
function screenWith(payloads: readonly string[], module = 8): Rgba {
  const img = blank(640 * payloads.length, 640);
  drawDesktop(img, rng(7));
  payloads.forEach((p, i) => drawQr(img, qrMatrix(p), { cx: 320 + 640 * i, cy: 320, module }));
  return img;
}

/** Every image hidden anywhere in a response: data URLs and bare base64 that starts like PNG/JPEG. */
function imagesIn(value: unknown, found: Uint8Array[] = []): Uint8Array[] {
  if (typeof value === 'string') {
    const m = /^data:[^,]*;base64,(.*)$/s.exec(value);
    const b64 = m ? m[1]! : /^[A-Za-z0-9+/_-]{32,}={0,2}$/.test(value) ? value : null;
    if (b64 !== null) {
      const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
      const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
      const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
      if (m || png || jpeg) found.push(bytes);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) imagesIn(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) imagesIn(v, found);
  }
  return found;
}

/** What the app's decoder and jsQR read from an encoded image (an image that is not PNG/JPEG reads as nothing). */
async function decodeBoth(bytes: Uint8Array): Promise<string[]> {
  let img;
  try {
    img = decodeEncodedImage(bytes);
  } catch {
    return [];
  }
  const ours = (await decodeAny(img)).map((h) => h.text);
  const js = jsQR(new Uint8ClampedArray(img.data), img.width, img.height, {
    inversionAttempts: 'attemptBoth',
  });
  return js ? [...ours, js.data] : ours;
}

/** The old (leaking) thumbnail: a nearest-neighbour crop of the code to ≤ 128 px, as a PNG. */
function oldStyleCrop(img: Rgba, p: QrPosition): Buffer {
  const xs = [p.topLeft.x, p.topRight.x, p.bottomRight.x, p.bottomLeft.x];
  const ys = [p.topLeft.y, p.topRight.y, p.bottomRight.y, p.bottomLeft.y];
  const margin = (Math.max(...xs) - Math.min(...xs)) * 0.12;
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const side = Math.ceil(Math.max(Math.max(...xs) - x0, Math.max(...ys) - y0) + margin);
  const scale = Math.min(1, 128 / side);
  const out = blank(Math.round(side * scale), Math.round(side * scale));
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const s =
        (Math.min(img.height - 1, y0 + Math.floor(y / scale)) * img.width +
          Math.min(img.width - 1, x0 + Math.floor(x / scale))) *
        4;
      out.data.set(img.data.subarray(s, s + 4), (y * out.width + x) * 4);
    }
  }
  return toPng(out);
}

const decoder = createQrDecoder();
afterAll(() => decoder.close());

function handlers(screens: Rgba[], clipboard: Rgba) {
  const ports: Ports = {
    clipboard: { writeText: () => undefined, readText: () => '' },
    dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => null },
    clock: systemClock,
    locale: () => 'en-US',
    emit: () => undefined,
    qrSources: {
      captureScreens: async () =>
        screens.map((s, i) => ({
          id: String(i + 1),
          label: `Display ${i + 1}`,
          image: { ...s, data: s.data.slice() },
        })),
      readClipboardImage: async () => toPng(clipboard),
    },
  };
  const vault = {
    list: async () => [],
    add: async () => Promise.reject(new Error('unused')),
    importAccounts: async () => Promise.reject(new Error('unused')),
  };
  return createQrHandlers({ vault, ports, decoder });
}

describe('no QR channel hands the renderer a picture that decodes to a secret', () => {
  it('screen, clipboard, image file (PNG and JPEG) and camera frame: no image at all, no payload, every code found', async () => {
    const img = screenWith(SECRET_PAYLOADS);
    const h = handlers([img, screenWith(SECRET_PAYLOADS.slice(0, 1), 12)], img);
    const responses = {
      screen: await h['qr-scan-screen']({}),
      clipboard: await h['qr-scan-clipboard']({}),
      image: await h['qr-decode-image']({ base64: toPng(img).toString('base64'), source: 'image' }),
      jpeg: await h['qr-decode-image']({
        base64: toJpeg(img, 92).toString('base64'),
        source: 'image',
      }),
      camera: await h['qr-decode-image']({
        base64: toJpeg(img, 85).toString('base64'),
        source: 'camera',
      }),
    };
    for (const [channel, res] of Object.entries(responses)) {
      expect(() => ScanResult.parse(res), channel).not.toThrow();
      // The scan itself worked: every secret-bearing code was found (so the checks below are not about an empty answer).
      expect([...new Set(res.codes.map((c) => c.route.kind))].sort(), channel).toEqual([
        'add-account',
        'invalid',
        'migration-part',
        'servicekonto-pairing',
      ]);
      const images = imagesIn(res);
      for (const bytes of images) expect(await decodeBoth(bytes), channel).toEqual([]);
      expect(images, channel).toEqual([]);
      const json = JSON.stringify(res);
      expect(json, channel).not.toContain(SECRET_B32);
      for (const p of SECRET_PAYLOADS) expect(json, channel).not.toContain(p.slice(0, 40));
      expect(json, channel).not.toContain('Zm9vYmFyYmF6cXV4');
    }
    expect(
      responses.screen.codes.filter(
        (c) => c.source.kind === 'screen' && c.source.displayId === '2',
      ),
    ).toHaveLength(1);
  });

  it('the check is not vacuous: an old-style crop of the code in a response is found and decodes to the payload', async () => {
    const img = screenWith(SECRET_PAYLOADS.slice(0, 1));
    const [hit] = await decodeAny({ ...img, data: img.data.slice() });
    const leaky = {
      codes: [
        {
          token: 'x'.repeat(24),
          thumbnail: `data:image/png;base64,${oldStyleCrop(img, hit!.position).toString('base64')}`,
        },
      ],
    };
    const images = imagesIn(leaky);
    expect(images).toHaveLength(1);
    expect(await decodeBoth(images[0]!)).toContain(SECRET_PAYLOADS[0]);
  });
});
