import { readFile } from 'node:fs/promises';
import { resolveAppFile } from '../security/protocol-path';
import { appResponseHeaders, contentTypeFor } from '../security/response-headers';

/**
 * The one answer to a request for a renderer file: only GET/HEAD, only files the path guard admits
 * (security/protocol-path.ts), every response with the CSP and hardening headers. The app:// handler
 * (platform/protocol.ts) and the test harness's loopback server both return exactly this, so the
 * headers and path checks the e2e suite runs under are the app's own.
 */
export async function rendererResponse(
  rootDir: string,
  rawPath: string,
  method: string,
  csp: string,
): Promise<Response> {
  const headers = appResponseHeaders(csp);
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers });
  const file = await resolveAppFile(rootDir, rawPath);
  const body = file === null ? null : await readFile(file).catch(() => null);
  if (file === null || body === null) {
    return new Response('Not found', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...headers, 'Content-Type': contentTypeFor(file) },
  });
}
