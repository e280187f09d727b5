import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionCsp } from '../../../../electron/main/security/csp';
import { appResponseHeaders } from '../../../../electron/main/security/response-headers';
import { rendererResponse } from '../../../../electron/main/services/renderer-response';
import { startStaticServer, type StaticServer } from '../../../harness/static-server';

let root: string;
let server: StaticServer;
const csp = productionCsp();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faktor-renderer-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, '.env'), 'SECRET=1');
  server = await startStaticServer(root);
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** Raw GET over loopback (fetch would normalise the path before sending it). */
function rawGet(
  path: string,
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const url = new URL(server.origin);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('rendererResponse (the app:// answer)', () => {
  it('serves a file with every hardening header and its content type', async () => {
    const r = await rendererResponse(root, '/assets/app.js', 'GET', csp);
    expect(r.status).toBe(200);
    for (const [k, v] of Object.entries(appResponseHeaders(csp))) expect(r.headers.get(k)).toBe(v);
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await r.text()).toBe('console.log(1)');
  });

  it('answers 405 to anything but GET/HEAD, 404 to what the path guard refuses, and HEAD without a body', async () => {
    expect((await rendererResponse(root, '/index.html', 'POST', csp)).status).toBe(405);
    expect((await rendererResponse(root, '/..%2f..%2fetc%2fpasswd', 'GET', csp)).status).toBe(404);
    expect((await rendererResponse(root, '/.env', 'GET', csp)).status).toBe(404);
    const head = await rendererResponse(root, '/', 'HEAD', csp);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('the harness static server answers exactly like the app:// handler', () => {
  it.each([
    '/',
    '/assets/app.js',
    '/missing.js',
    '/.env',
    '/..%2f.env',
    '/assets/..%5c..%5c.env',
    '/%252e%252e/.env',
  ])('%s', async (path) => {
    const viaHarness = await rawGet(path);
    const direct = await rendererResponse(root, path, 'GET', csp);
    expect(viaHarness.status).toBe(direct.status);
    expect(viaHarness.body).toBe(await direct.text());
    for (const [k, v] of direct.headers) expect(viaHarness.headers[k]).toBe(v);
  });

  it('refuses a non-GET method like the app does', async () => {
    expect((await rawGet('/index.html', 'DELETE')).status).toBe(405);
  });
});
