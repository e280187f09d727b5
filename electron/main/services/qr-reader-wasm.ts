import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The zxing reader's wasm, resolved through the package's own export map (never a CDN). In the packaged
 * app it is read by the main process from inside app.asar (Electron's fs reads the archive there), so
 * it stays under the asar integrity check like every other file the app runs.
 */
export function readReaderWasm(): Uint8Array {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
}
