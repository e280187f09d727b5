import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME } from '../security/app-origin';
import { resolveAppFile } from '../security/protocol-path';
import { appResponseHeaders, contentTypeFor } from '../security/response-headers';

/**
 * Checklist item 18: declares `app:` a standard, secure scheme. Must run before `app` is ready
 * (Electron throws otherwise), so index.ts calls it at module load.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the renderer build from `rendererDir` on app://faktor/ — only files the path guard admits,
 * only GET/HEAD, every response with the CSP and hardening headers.
 */
export function serveAppProtocol(rendererDir: string, csp: string): void {
  const headers = appResponseHeaders(csp);
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers });
    }
    const file = await resolveAppFile(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
    const upstream = await net.fetch(pathToFileURL(file).toString());
    if (!upstream.ok) return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
    return new Response(request.method === 'HEAD' ? null : upstream.body, {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeFor(file) },
    });
  });
}
