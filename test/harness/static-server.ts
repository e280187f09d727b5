import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { productionCsp } from '../../electron/main/security/csp';

/** Where `npm run build` (electron-vite build) puts the renderer; the harness serves it as built. */
export const DEFAULT_RENDERER_DIR = resolve(process.env.FAKTOR_RENDERER_DIR ?? 'out/renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A running loopback server for the built renderer. */
export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on http://127.0.0.1:<ephemeral> with the app's own CSP header (the same
 * productionCsp() the app:// handler sends), so a CSP violation in the UI fails here as it would in the app.
 * Paths are confined to `root` like the app:// path guard.
 */
export async function startStaticServer(root = DEFAULT_RENDERER_DIR): Promise<StaticServer> {
  const base = resolve(root);
  await stat(join(base, 'index.html')).catch(() => {
    throw new Error(`no built renderer in ${base}: run \`npm run build\` first`);
  });
  const csp = productionCsp();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(base, path === '/' ? 'index.html' : path));
      if (!file.startsWith(base + sep) || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
