import { afterAll, describe, expect, it } from 'vitest';
import { decodePixels } from '../../../../electron/main/services/qr-decode-core';
import { createQrDecoder } from '../../../../electron/main/services/qr-decoder';
import {
  assertEncodedDimensions,
  decodeEncodedImage,
  readImageSize,
} from '../../../../electron/main/services/qr-image';
import { isFaktorError } from '../../../../shared/errors';
import {
  blank,
  corpus,
  drawDesktop,
  drawQr,
  qrMatrix,
  renderVariant,
  rng,
  toJpeg,
  toPng,
} from '../../../../bench/qr/synth';

const decoder = createQrDecoder();
afterAll(() => decoder.close());

const texts = (hits: { text: string }[]) => hits.map((h) => h.text).sort();

async function expectUnreadable(p: Promise<unknown>): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => isFaktorError(e, 'image-unreadable'));
}

describe('QR decoder (zxing-wasm, local wasm, worker thread)', () => {
  it('finds every code in one image, with positions', async () => {
    const img = blank(1200, 500);
    drawDesktop(img, rng(1));
    drawQr(img, qrMatrix('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP'), {
      cx: 200,
      cy: 250,
      module: 5,
    });
    drawQr(img, qrMatrix('second code'), { cx: 600, cy: 250, module: 4 });
    drawQr(img, qrMatrix('third code'), { cx: 1000, cy: 250, module: 6 });
    const hits = await decoder.decodeImage(img);
    expect(texts(hits)).toEqual([
      'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP',
      'second code',
      'third code',
    ]);
    const second = hits.find((h) => h.text === 'second code')!;
    expect(second.position.topLeft.x).toBeGreaterThan(500);
    expect(second.position.bottomRight.x).toBeLessThan(700);
  });

  it('finds inverted (dark-mode), rotated, tiny-module and huge codes', async () => {
    const cases = [
      { name: 'inverted', style: { module: 4, dark: 240, light: 20 } },
      { name: 'rotated', style: { module: 5, rotation: -17 } },
      { name: '2px modules', style: { module: 2 } },
      { name: 'huge', style: { module: 24 } },
    ];
    for (const c of cases) {
      const m = qrMatrix(`payload ${c.name}`);
      const side = (m.size + 8) * c.style.module * 1.5;
      const img = blank(
        Math.max(400, Math.ceil(side * 1.2)),
        Math.max(300, Math.ceil(side * 1.2)),
        128,
      );
      drawQr(img, m, { cx: img.width / 2, cy: img.height / 2, ...c.style });
      expect(texts(await decoder.decodeImage(img)), c.name).toEqual([`payload ${c.name}`]);
    }
  });

  it('accepts PNG and JPEG files and returns the image size with each code, never pixels', async () => {
    const img = blank(640, 480);
    drawQr(img, qrMatrix('from a file'), { cx: 320, cy: 240, module: 6 });
    for (const bytes of [toPng(img), toJpeg(img, 80)]) {
      const hits = await decoder.decodeImage(new Uint8Array(bytes));
      expect(texts(hits)).toEqual(['from a file']);
      expect(Object.keys(hits[0]!).sort()).toEqual(['imageSize', 'position', 'text']);
      expect(hits[0]!.imageSize).toEqual({ width: 640, height: 480 });
    }
  });

  it('returns an empty list for an image without a code', async () => {
    const img = blank(800, 600);
    drawDesktop(img, rng(5));
    expect(await decoder.decodeImage(new Uint8Array(toPng(img)))).toEqual([]);
  });

  it('refuses corrupt, foreign, empty, tiny and oversized images with image-unreadable', async () => {
    const png = toPng(blank(100, 100));
    await expectUnreadable(decoder.decodeImage(new Uint8Array(png.subarray(0, 60))));
    await expectUnreadable(decoder.decodeImage(new TextEncoder().encode('GIF89a not supported')));
    await expectUnreadable(decoder.decodeImage(new Uint8Array(0)));
    await expectUnreadable(decoder.decodeImage(new Uint8Array(toPng(blank(10, 10)))));
    // A PNG header claiming 100000×100000 is refused before anything is inflated.
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    expect(readImageSize(bomb, 'png')).toEqual({ width: 100_000, height: 100_000 });
    expect(() => decodeEncodedImage(bomb)).toThrow(/image-unreadable/);
    await expectUnreadable(decoder.decodeImage(new Uint8Array(bomb)));
    await expectUnreadable(
      decoder.decodeImage({ width: 100, height: 100, data: new Uint8Array(10) }),
    );
  });

  it('issue #7 item 8: a tiny JPEG claiming 6000×6000 is refused from its header, before decoding', async () => {
    const jpg = Buffer.from(toJpeg(blank(32, 32)));
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    jpg.writeUInt16BE(6000, sof + 5); // height
    jpg.writeUInt16BE(6000, sof + 7); // width
    expect(jpg.length).toBeLessThan(1024);
    expect(readImageSize(jpg, 'jpeg')).toEqual({ width: 6000, height: 6000 });
    expect(() => decodeEncodedImage(jpg)).toThrow(
      expect.objectContaining({
        code: 'image-unreadable',
        detail: 'too large for a file 6000x6000',
      }),
    );
    await expectUnreadable(decoder.decodeImage(new Uint8Array(jpg)));
    // Screen-sized files still pass the header check (a 4K screenshot; a 12 MP phone photo is 4032×3024).
    expect(() => assertEncodedDimensions(3840, 2160)).not.toThrow();
    expect(() => assertEncodedDimensions(4032, 3024)).not.toThrow();
    expect(() => assertEncodedDimensions(5120, 2880)).toThrow(/image-unreadable/);
  });

  it('issue #7 item 8: a job past its time limit fails as image-unreadable; the next job gets a fresh worker', async () => {
    const own = createQrDecoder();
    try {
      const img = blank(640, 480);
      drawQr(img, qrMatrix('after the timeout'), { cx: 320, cy: 240, module: 6 });
      // 1 ms: the worker cannot even start in that time, so the limit always fires first.
      await expect(own.decodeImage(new Uint8Array(toPng(img)), { timeoutMs: 1 })).rejects.toSatisfy(
        (e: unknown) => isFaktorError(e, 'image-unreadable') && e.detail === 'decode timed out',
      );
      expect(texts(await own.decodeImage(new Uint8Array(toPng(img))))).toEqual([
        'after the timeout',
      ]);
    } finally {
      await own.close();
    }
  });

  it('reads JPEG dimensions from the frame header', () => {
    const jpg = toJpeg(blank(333, 222));
    expect(readImageSize(jpg, 'jpeg')).toEqual({ width: 333, height: 222 });
  });

  it('detects every code of a small fixed corpus sample (one of each kind and module size)', async () => {
    const sample = corpus(66).filter((_, i) => i % 3 === 0);
    for (const v of sample) {
      const hits = await decodePixels(renderVariant(v));
      expect(texts(hits), `variant ${v.id}`).toContain(v.payload);
    }
  });
});
