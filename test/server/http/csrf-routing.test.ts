/**
 * Regression (security review, High): the JSON-only and CSRF checks used to test the raw
 * `request.url.startsWith('/api/')`, but the router decodes the path, so `POST /%61pi/account/delete`
 * with a form body and no token erased the account. Now the checks belong to the matched route. Every
 * spelling of a state-changing API path is refused (403/404/415) and never acts. Requests go out over
 * node:http so the path reaches the server byte for byte (fetch would normalise it).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestServer, type TestServer } from './client';

let t: TestServer;
let n = 0;
const uniq = (p: string): string => `${p}${++n}`;

beforeAll(async () => {
  t = await startTestServer({
    // A route added from outside the API plugin, with no csrf flag: checked by default.
    plugins: [(app) => void app.post('/extra/act', async () => ({ acted: true }))],
  });
});
afterAll(async () => t.stop());

/** Sends a raw request with the path exactly as given. */
function raw(
  method: string,
  rawPath: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  const u = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: rawPath,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const DELETE_SPELLINGS = [
  '/api/account/delete',
  '/%61pi/account/delete',
  '/%61%70%69/account/delete',
  '/%41PI/account/delete',
  '/api%2Faccount/delete',
  '/api/account%2Fdelete',
  '/api/%61ccount/delete',
  '/%2561pi/account/delete',
  '//api/account/delete',
  '/API/account/delete',
  '/Api/account/delete',
  '/api/account/delete/',
  '/api/./account/delete',
  '/x/../api/account/delete',
  '/api/account/delete?mode=immediate',
  '/api/account/delete;x',
];

const BODIES: { type: string | undefined; body: string }[] = [
  { type: 'application/x-www-form-urlencoded', body: 'mode=immediate' },
  { type: 'text/plain', body: '{"mode":"immediate"}' },
  {
    type: 'multipart/form-data; boundary=b',
    body: '--b\r\nContent-Disposition: form-data; name="mode"\r\n\r\nimmediate\r\n--b--\r\n',
  },
  { type: 'application/json', body: '{"mode":"immediate"}' }, // not sendable cross-site without CORS, but no token either
  { type: undefined, body: '' },
];

describe('CSRF and JSON-only are decided on the matched route, not the URL text', () => {
  it('no spelling of POST /api/account/delete acts without the CSRF token', async () => {
    const u = uniq('victim');
    const c = await newAccount(t.url, u);
    for (const path of DELETE_SPELLINGS) {
      for (const { type, body } of BODIES) {
        const headers: Record<string, string> = {
          cookie: c.cookie as string,
          origin: 'https://evil.example',
        };
        if (type) headers['content-type'] = type;
        const r = await raw('POST', path, headers, body);
        expect([403, 404, 415], `${path} ${type ?? 'no body'} → ${r.status} ${r.body}`).toContain(
          r.status,
        );
        expect(r.body).not.toContain('erased');
      }
    }
    // Still there and still usable with its token.
    expect(
      t.server.db.prepare('SELECT count(*) AS n FROM accounts WHERE username = ?').get(u),
    ).toEqual({ n: 1 });
    expect((await c.get('/api/account')).status).toBe(200);
  });

  it('a form body to a decoded API path is 415 even on a public route; a JSON body is CSRF-checked', async () => {
    const c = await newAccount(t.url, uniq('eve'));
    const form = await raw(
      'POST',
      '/%61pi/means',
      { cookie: c.cookie as string, 'content-type': 'application/x-www-form-urlencoded' },
      'kind=password%2Btotp',
    );
    expect(form.status).toBe(415);
    const pub = await raw(
      'POST',
      '/%61pi/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'username=a&password=b',
    );
    expect(pub.status).toBe(415);
    const json = await raw(
      'POST',
      '/%61pi/means',
      { cookie: c.cookie as string, 'content-type': 'application/json' },
      '{"kind":"password+totp"}',
    );
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toMatchObject({ error: { code: 'csrf' } });
    // The same route with the token works, so the refusals above are the checks, not a missing route.
    const ok = await raw(
      'POST',
      '/%61pi/means',
      {
        cookie: c.cookie as string,
        'content-type': 'application/json',
        'x-csrf-token': c.csrf as string,
      },
      '{"kind":"password+totp"}',
    );
    expect(ok.status).toBe(201);
  });

  it('decoded DELETE and PUT paths are checked too', async () => {
    const c = await newAccount(t.url, uniq('del'));
    const put = await raw(
      'PUT',
      '/%61pi/account/attributes/familyName',
      { cookie: c.cookie as string, 'content-type': 'application/json' },
      '{"value":"Evil"}',
    );
    expect(put.status).toBe(403);
    const del = await raw('DELETE', '/%61pi/means/00000000-0000-0000-0000-000000000000', {
      cookie: c.cookie as string,
    });
    expect(del.status).toBe(403);
  });

  it('answers from decoded API paths are not cached', async () => {
    const r = await fetch(`${t.url}/%61pi/session`);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('a state-changing route outside the API plugin is CSRF-checked unless it opts out', async () => {
    const c = await newAccount(t.url, uniq('ext'));
    const no = await raw(
      'POST',
      '/extra/act',
      { cookie: c.cookie as string, 'content-type': 'application/json' },
      '{}',
    );
    expect(no.status).toBe(403);
    const yes = await raw(
      'POST',
      '/extra/act',
      {
        cookie: c.cookie as string,
        'content-type': 'application/json',
        'x-csrf-token': c.csrf as string,
      },
      '{}',
    );
    expect(yes.status).toBe(200);
  });
});
