import { build } from 'esbuild';
import { resolve } from 'node:path';

let cached: Promise<string> | null = null;

/**
 * The page-side half of the harness: the preload's own pure builder (electron/preload/faktor-api.ts,
 * `buildFaktorApi`) bundled for the page, wired to the Playwright binding instead of ipcRenderer. So
 * `window.faktor` has exactly the preload's shape; only the transport differs from Electron.
 * (Bundled in memory with esbuild; the renderer itself is served as `npm run build` made it.)
 */
export function bridgeInitScript(): Promise<string> {
  cached ??= (async () => {
    const out = await build({
      entryPoints: [resolve('electron/preload/faktor-api.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: '__faktorPreload',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const bundle = out.outputFiles[0]!.text;
    return `(() => {
${bundle}
  const invoke = (channel, request) => window.__faktorInvoke(channel, request);
  let handler = null;
  // The harness pushes main → renderer events through this (page.evaluate), like webContents.send.
  Object.defineProperty(window, '__faktorDeliver', {
    value: (name, payload) => { if (handler) handler(name, payload); },
    enumerable: false,
  });
  const subscribe = (h) => { handler = h; return () => { if (handler === h) handler = null; }; };
  Object.defineProperty(window, 'faktor', {
    value: __faktorPreload.buildFaktorApi(invoke, subscribe),
    enumerable: true,
    writable: false,
    configurable: false,
  });
})();`;
  })();
  return cached;
}
