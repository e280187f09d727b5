import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * The QR decoder's worker as ONE self-contained CommonJS file (zxing-wasm's JS, pngjs, jpeg-js and our
 * own modules inlined; only Node built-ins stay `require`s). The main process reads it from inside
 * app.asar and starts it with `new Worker(source, { eval: true })` (services/qr-decoder.ts), because a
 * Worker cannot load a script file from inside the archive — so nothing the app runs has to be unpacked
 * and escape the asar integrity check. electron.vite.config.ts emits it as out/main/qr-decoder-worker.cjs;
 * the packaging test uses the same function to see what the bundle contains.
 */
export interface QrWorkerBundle {
  readonly code: string;
  /** Every source file inlined, relative to `root` (node_modules paths included). */
  readonly inputs: string[];
}

/** Output file name next to out/main/index.js. */
export const QR_WORKER_FILE = 'qr-decoder-worker.cjs';

/** Bundles electron/main/services/qr-decoder-worker.ts under `root`. */
export async function bundleQrWorker(root: string): Promise<QrWorkerBundle> {
  const out = await build({
    entryPoints: [resolve(root, 'electron/main/services/qr-decoder-worker.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'error',
    // qr-reader-wasm.ts uses import.meta.url to find the wasm file; in the worker that path is never
    // taken (the main process hands it the wasm bytes), so the empty import.meta of a CJS bundle is fine.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return { code: out.outputFiles[0]!.text, inputs: Object.keys(out.metafile.inputs) };
}
