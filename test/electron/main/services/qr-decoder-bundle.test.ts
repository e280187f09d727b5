import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import type * as QrDecoderModule from '../../../../electron/main/services/qr-decoder';
import {
  createQrDecoder,
  workerBundlePath,
  type QrDecoder,
} from '../../../../electron/main/services/qr-decoder';
import { bundleQrWorker, QR_WORKER_FILE } from '../../../../scripts/qr-worker-bundle';
import { blank, drawQr, qrMatrix, toPng } from '../../../../bench/qr/synth';

/**
 * The built app's path of the QR decoder: main reads the worker's single-file bundle (which sits inside
 * app.asar when packaged) and evaluates it, handing over the wasm bytes. Here both halves are built the
 * way electron-vite builds them — the worker with scripts/qr-worker-bundle.ts, the facade as an ES
 * module — into a temp folder, and the built facade decodes a PNG through the built worker.
 */
const root = resolve(import.meta.dirname, '../../../..');
// Under node_modules/.cache so the built facade resolves zxing-wasm's wasm like out/main/index.js does.
const cacheDir = join(root, 'node_modules/.cache');
mkdirSync(cacheDir, { recursive: true });
const dir = mkdtempSync(join(cacheDir, 'faktor-qr-bundle-'));
let decoder: QrDecoder | null = null;
afterAll(async () => {
  await decoder?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built QR decoder worker', () => {
  it('is one self-contained file: nothing but Node built-ins is required at run time', async () => {
    const { code, inputs } = await bundleQrWorker(root);
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    for (const r of required) expect(isBuiltin(r), r).toBe(true);
    // Its dependencies are inlined, not loaded from node_modules at run time.
    const packages = new Set(
      inputs
        .filter((f) => f.includes('node_modules/'))
        .map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)![1]),
    );
    expect([...packages].sort()).toEqual(['jpeg-js', 'pngjs', 'zxing-wasm']);
    expect(code).not.toMatch(/\bimport\(/);
  });

  it('is found next to the main bundle, inside app.asar when packaged', () => {
    expect(workerBundlePath('file:///opt/Faktor/resources/app.asar/out/main/index.js')).toBe(
      `/opt/Faktor/resources/app.asar/out/main/${QR_WORKER_FILE}`,
    );
    expect(workerBundlePath('file:///work/faktor/out/main/index.js')).toBe(
      `/work/faktor/out/main/${QR_WORKER_FILE}`,
    );
  });

  it('decodes a PNG when the built facade starts it from its source text', async () => {
    writeFileSync(join(dir, QR_WORKER_FILE), (await bundleQrWorker(root)).code);
    const facade = await build({
      entryPoints: [resolve(root, 'electron/main/services/qr-decoder.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: join(dir, 'index.mjs'),
      logLevel: 'silent',
    });
    expect(facade.errors).toEqual([]);
    const mod = (await import(
      pathToFileURL(join(dir, 'index.mjs')).href
    )) as typeof QrDecoderModule;
    decoder = mod.createQrDecoder();
    const img = blank(300, 300);
    drawQr(img, qrMatrix('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP'), {
      cx: 150,
      cy: 150,
      module: 5,
    });
    const hits = await decoder.decodeImage(new Uint8Array(toPng(img)));
    expect(hits.map((h) => h.text)).toEqual(['otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP']);
  });

  it("runs the built worker file it is given even from sources (the e2e harness runs out/main's this way)", async () => {
    const built = join(dir, `given-${QR_WORKER_FILE}`);
    writeFileSync(built, (await bundleQrWorker(root)).code);
    const img = blank(300, 300);
    drawQr(img, qrMatrix('hello built worker'), { cx: 150, cy: 150, module: 5 });
    const fromBuilt = createQrDecoder({ workerBundle: built });
    try {
      expect((await fromBuilt.decodeImage(new Uint8Array(toPng(img)))).map((h) => h.text)).toEqual([
        'hello built worker',
      ]);
    } finally {
      await fromBuilt.close();
    }
    // Control: a broken file in its place fails the decode, so the given file (not tsx) is what runs.
    writeFileSync(built, 'throw new Error("not the worker");');
    const broken = createQrDecoder({ workerBundle: built, timeoutMs: 10_000 });
    try {
      await expect(broken.decodeImage(new Uint8Array(toPng(img)))).rejects.toThrow();
    } finally {
      await broken.close();
    }
  });
});
