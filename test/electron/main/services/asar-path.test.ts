import { describe, expect, it } from 'vitest';
import { toAsarUnpacked } from '../../../../electron/main/services/asar-path';
import { workerScriptUrl } from '../../../../electron/main/services/qr-decoder';

describe('toAsarUnpacked', () => {
  it('moves a path inside app.asar to app.asar.unpacked (POSIX, Windows, file: URL)', () => {
    expect(toAsarUnpacked('/opt/Faktor/resources/app.asar/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')).toBe(
      '/opt/Faktor/resources/app.asar.unpacked/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm',
    );
    expect(toAsarUnpacked('C:\\Program Files\\Faktor\\resources\\app.asar\\out\\main\\qr-decoder-worker.js')).toBe(
      'C:\\Program Files\\Faktor\\resources\\app.asar.unpacked\\out\\main\\qr-decoder-worker.js',
    );
    expect(toAsarUnpacked('file:///Applications/Faktor.app/Contents/Resources/app.asar/out/main/index.js')).toBe(
      'file:///Applications/Faktor.app/Contents/Resources/app.asar.unpacked/out/main/index.js',
    );
  });

  it('leaves everything else alone', () => {
    for (const p of [
      '/opt/Faktor/resources/app.asar.unpacked/out/main/qr-decoder-worker.js',
      '/work/faktor/out/main/qr-decoder-worker.js',
      '/home/me/myapp.asar/x.js',
      '/home/me/app.asar.backup/x.js',
      'file:///work/faktor/node_modules/zxing-wasm/dist/reader/zxing_reader.wasm',
    ]) {
      expect(toAsarUnpacked(p)).toBe(p);
    }
  });
});

describe('workerScriptUrl', () => {
  it('packaged: the worker next to the main bundle, taken from app.asar.unpacked', () => {
    expect(workerScriptUrl('file:///opt/Faktor/resources/app.asar/out/main/index.js').href).toBe(
      'file:///opt/Faktor/resources/app.asar.unpacked/out/main/qr-decoder-worker.js',
    );
    expect(workerScriptUrl('file:///C:/Program%20Files/Faktor/resources/app.asar/out/main/index.js').href).toBe(
      'file:///C:/Program%20Files/Faktor/resources/app.asar.unpacked/out/main/qr-decoder-worker.js',
    );
  });

  it('unpackaged (npm start, out/ on disk): right next to the main bundle', () => {
    expect(workerScriptUrl('file:///work/faktor/out/main/index.js').href).toBe('file:///work/faktor/out/main/qr-decoder-worker.js');
  });
});
