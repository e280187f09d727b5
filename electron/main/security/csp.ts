/**
 * Checklist item 7: the Content-Security-Policy header the app:// handler puts on every response.
 *
 * Trimmed to what the renderer does: bundled scripts/styles/fonts only, images from the bundle or
 * from data:/blob: (a pasted or opened QR image), camera video for QR scanning (mediastream:/blob:),
 * no network (`connect-src 'self'` only — the renderer talks to main over IPC), no frames, no forms,
 * no <base>. `'wasm-unsafe-eval'` and blob workers are added only when the renderer itself decodes
 * QR codes with zxing-wasm (option `rendererDecodesQr`); today decoding lives in main
 * (electron/main/services), so it is off. (object-src/frame-src fall back to default-src 'none'.)
 */
export function productionCsp(options: Readonly<{ rendererDecodesQr?: boolean }> = {}): string {
  const wasm = options.rendererDecodesQr === true;
  return [
    "default-src 'none'",
    wasm ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    "font-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "connect-src 'self'",
    ...(wasm ? ["worker-src 'self' blob:"] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The relaxed policy for `electron-vite dev` only (never when packaged): Vite injects an inline
 * React-refresh preamble and <style> tags and talks to its server over a WebSocket for HMR.
 */
export function devCsp(devServerUrl: string): string {
  const http = new URL(devServerUrl);
  const ws = `${http.protocol === 'https:' ? 'wss' : 'ws'}://${http.host}`;
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${http.origin}`,
    `style-src 'self' 'unsafe-inline' ${http.origin}`,
    `font-src 'self' ${http.origin}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self' ${http.origin} ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
