import { protocol } from 'electron';
import { APP_SCHEME } from '../security/app-origin';
import { appRequestPathname } from '../security/protocol-path';
import { appResponseHeaders } from '../security/response-headers';
import { rendererResponse } from '../services/renderer-response';

/**
 * Checklist item 18: declares `app:` a standard, secure scheme. Must run before `app` is ready
 * (Electron throws otherwise), so index.ts calls it at module load.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * Serves the renderer build from `rendererDir` on app://faktor/ through rendererResponse (the same
 * function the test harness serves with); any other app:// host is a 404.
 */
export function serveAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const rawPath = appRequestPathname(request.url);
    if (rawPath === null)
      return new Response('Not found', {
        status: 404,
        headers: { ...appResponseHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' },
      });
    return rendererResponse(rendererDir, rawPath, request.method, csp);
  });
}
