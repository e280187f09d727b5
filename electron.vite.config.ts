import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * renderer/index.html carries the production CSP as a <meta> fallback. In `electron-vite dev` Vite needs
 * an inline preamble and a WebSocket, which the main process allows with its dev CSP header; a meta
 * policy would still block them (both policies apply), so it is removed from the dev server's HTML only.
 */
const dropCspMetaInDev: Plugin = {
  name: 'faktor-drop-csp-meta-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
};

/** The three bundles: main (Node, keeps native modules external), preload (sandboxed), renderer. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The QR decoder's worker_threads entry; services/qr-decoder.ts loads it next to index.js.
          'qr-decoder-worker': resolve('electron/main/services/qr-decoder-worker.ts'),
        },
      },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // sandbox: true allows the preload to require only 'electron' — zod and shared/ must be bundled in.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve('electron/preload/index.ts') }, output: { format: 'cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), dropCspMetaInDev],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified; the renderer ships minified (bench:ui reports its gzip size).
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
