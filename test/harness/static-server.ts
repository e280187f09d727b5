import { createServer, type Server } from 'node:http';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { productionCsp } from '../../electron/main/security/csp';
import { rendererResponse } from '../../electron/main/services/renderer-response';

/** Where `npm run build` (electron-vite build) puts the renderer; the harness serves it as built. */
export const DEFAULT_RENDERER_DIR = resolve(process.env.FAKTOR_RENDERER_DIR ?? 'out/renderer');

/** A running loopback server for the built renderer. */
export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves the built renderer on http://127.0.0.1:<ephemeral> through the app's own rendererResponse
 * (the function the app:// handler answers with): the same path guard, CSP and hardening headers, so
 * a CSP or Permissions-Policy violation in the UI fails here as it would in the app. Only this
 * loopback transport is the harness's own.
 */
export async function startStaticServer(root = DEFAULT_RENDERER_DIR): Promise<StaticServer> {
  const base = resolve(root);
  await stat(join(base, 'index.html')).catch(() => {
    throw new Error(`no built renderer in ${base}: run \`npm run build\` first`);
  });
  const csp = productionCsp();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const rawPath = new URL(req.url ?? '/', 'http://x').pathname;
      const response = await rendererResponse(base, rawPath, req.method ?? 'GET', csp);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
