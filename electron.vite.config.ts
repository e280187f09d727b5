import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { bundleQrWorker, QR_WORKER_FILE } from './scripts/qr-worker-bundle';

/**
 * renderer/index.html carries the production CSP as a <meta> fallback. In `electron-vite dev` Vite needs
 * an inline preamble and a WebSocket, which the main process allows with its dev CSP header; a meta
 * policy would still block them (both policies apply), so it is removed from the dev server's HTML only.
 */
const dropCspMetaInDev: Plugin = {
  name: 'faktor-drop-csp-meta-in-dev',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
};

/**
 * Emits the QR decoder's worker as one self-contained file next to index.js (scripts/qr-worker-bundle.ts):
 * main reads it from inside app.asar and evaluates it, so no main-process code has to be unpacked.
 */
const qrWorkerBundle: Plugin = {
  name: 'faktor-qr-worker-bundle',
  async generateBundle() {
    const { code } = await bundleQrWorker(resolve('.'));
    this.emitFile({ type: 'asset', fileName: QR_WORKER_FILE, source: code });
  },
};

/** The three bundles: main (Node, keeps native modules external), preload (sandboxed), renderer. */
export default defineConfig({
  main: {
    plugins: [qrWorkerBundle],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // sandbox: true allows the preload to require only 'electron' — zod and shared/ must be bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs' },
      },
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
