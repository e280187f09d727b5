/**
 * Regression (security review, low, test mode): `/test/clock` took form bodies without CSRF, so any
 * website could move the clock (erasing accounts due for deletion, ending sessions), and the Host
 * header was never checked, so a DNS-rebound page could read the SMS/e-mail outboxes. Now /test/*
 * takes application/json only and every request must name this server in its Host header (test mode:
 * localhost / 127.0.0.1 / [::1] with the listening port; normal mode: the bound names or
 * --allowed-hosts). Raw node:http so the Host header and path go out exactly as written.
 */
import { testStoreOptions } from '../store/test-store';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type CreateServerOptions } from '../../../server/main';
import { TEST_DATA_KEYS } from './client';
import { allowedHostEntries, hostAllowed } from '../../../server/http/host-check';
import { DEFAULT_CONFIG } from '../../../server/config';
import { newAccount, serverNow, startTestServer, type TestServer } from './client';

let t: TestServer;
let port: string;

beforeAll(async () => {
  t = await startTestServer({ argon2MemoryKiB: 1024 });
  port = new URL(t.url).port;
});
afterAll(async () => t.stop());

/** A raw request; `noHost` sends no Host header at all. */
function raw(
  base: string,
  method: string,
  rawPath: string,
  headers: Record<string, string> & { host?: string },
  body = '',
  noHost = false,
): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: rawPath,
        setHost: !noHost,
        headers: {
          ...headers,
          ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
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

describe('/test/clock cannot be moved cross-site', () => {
  it('form, text and multipart bodies are 415 and leave the clock alone; JSON still works', async () => {
    const before = await serverNow(t.url);
    const cases: [string, string][] = [
      ['application/x-www-form-urlencoded', 'advanceSeconds=31536000'],
      ['application/x-www-form-urlencoded', 'set=2099-01-01T00%3A00%3A00Z'], // a string field: no coercion needed
      ['text/plain', '{"advanceSeconds":31536000}'],
      [
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="advanceSeconds"\r\n\r\n31536000\r\n--b--\r\n',
      ],
    ];
    for (const p of ['/test/clock', '/%74est/clock', '/test/%63lock']) {
      for (const [type, body] of cases) {
        const r = await raw(
          t.url,
          'POST',
          p,
          { 'content-type': type, origin: 'https://evil.example' },
          body,
        );
        expect(r.status, `${p} ${type}`).toBe(415);
      }
    }
    expect(await serverNow(t.url)).toBeLessThan(before + 60_000);
    const ok = await raw(
      t.url,
      'POST',
      '/test/clock',
      { 'content-type': 'application/json' },
      '{"advanceSeconds":1}',
    );
    expect(ok.status).toBe(200);
  });

  it('an account scheduled for deletion survives a cross-site clock jump', async () => {
    const u = `sched${Date.now()}`;
    const c = await newAccount(t.url, u);
    expect((await c.post('/api/account/delete', { mode: 'delayed' })).status).toBe(200);
    await raw(
      t.url,
      'POST',
      '/test/clock',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'set=2099-01-01T00%3A00%3A00Z',
    );
    expect(
      t.server.db.prepare('SELECT count(*) AS n FROM accounts WHERE username = ?').get(u),
    ).toEqual({ n: 1 });
  });
});

describe('Host header (DNS rebinding)', () => {
  it('test mode answers only localhost / 127.0.0.1 / [::1] with the listening port', async () => {
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      `LOCALHOST:${port}`,
    ]) {
      expect((await raw(t.url, 'GET', '/test/outbox/sms', { host })).status, host).toBe(200);
    }
    for (const host of [
      `rebind.evil.example:${port}`,
      'rebind.evil.example',
      `localhost:${Number(port) + 1}`,
      'localhost',
      `127.0.0.2:${port}`,
      `localhost.evil.example:${port}`,
      `[::2]:${port}`,
      'x y',
    ]) {
      for (const p of [
        '/test/outbox/sms',
        '/test/outbox/email',
        '/api/session',
        '/login',
        '/openapi.json',
      ]) {
        const r = await raw(t.url, 'GET', p, { host });
        expect(r.status, `${host} ${p}`).toBe(421);
        expect(r.body).not.toContain('messages');
      }
    }
    const clock = await raw(
      t.url,
      'POST',
      '/test/clock',
      { host: `rebind.evil.example:${port}`, 'content-type': 'application/json' },
      '{"advanceSeconds":31536000}',
    );
    expect(clock.status).toBe(421);
    // No Host at all: node's HTTP/1.1 parser already answers 400; either way nothing is read.
    expect([400, 421]).toContain((await raw(t.url, 'GET', '/test/clock', {}, '', true)).status);
  });

  async function normal(
    options: CreateServerOptions,
  ): Promise<{ url: string; stop: () => Promise<void> }> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-host-'));
    const s = await createServer({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      argon2MemoryKiB: 1024,
      dataKeys: TEST_DATA_KEYS,
      ...testStoreOptions(dataDir),
      ...options,
      dataDir,
    });
    return {
      url: s.url,
      stop: async () => {
        await s.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  it('normal mode defaults to the bound names; --allowed-hosts replaces them; * turns the check off', async () => {
    const d = await normal({});
    try {
      const p = new URL(d.url).port;
      expect((await raw(d.url, 'GET', '/api/session', { host: `localhost:${p}` })).status).toBe(
        401,
      );
      expect((await raw(d.url, 'GET', '/api/session', { host: `127.0.0.1:${p}` })).status).toBe(
        401,
      );
      expect((await raw(d.url, 'GET', '/api/session', { host: `evil.example:${p}` })).status).toBe(
        421,
      );
    } finally {
      await d.stop();
    }
    const o = await normal({ origin: 'https://konto.example' });
    try {
      expect((await raw(o.url, 'GET', '/api/session', { host: 'konto.example' })).status).toBe(401);
      expect((await raw(o.url, 'GET', '/api/session', { host: 'konto.example:8443' })).status).toBe(
        421,
      );
    } finally {
      await o.stop();
    }
    const a = await normal({ allowedHosts: ['sk.example', 'other.example:9000'] });
    try {
      const p = new URL(a.url).port;
      expect((await raw(a.url, 'GET', '/api/session', { host: `sk.example:${p}` })).status).toBe(
        401,
      );
      expect((await raw(a.url, 'GET', '/api/session', { host: 'other.example:9000' })).status).toBe(
        401,
      );
      expect((await raw(a.url, 'GET', '/api/session', { host: 'other.example:9001' })).status).toBe(
        421,
      );
      expect((await raw(a.url, 'GET', '/api/session', { host: `localhost:${p}` })).status).toBe(
        421,
      );
    } finally {
      await a.stop();
    }
    const any = await normal({ allowedHosts: ['*'] });
    try {
      expect((await raw(any.url, 'GET', '/api/session', { host: 'whatever.example' })).status).toBe(
        401,
      );
    } finally {
      await any.stop();
    }
  });

  it('bound to all interfaces, the default list holds the loopback names and the interface addresses', () => {
    const entries = allowedHostEntries({ ...DEFAULT_CONFIG, host: '0.0.0.0' }, 8787);
    expect(hostAllowed(entries, 'localhost:8787')).toBe(true);
    expect(hostAllowed(entries, '127.0.0.1:8787')).toBe(true);
    expect(hostAllowed(entries, 'evil.example:8787')).toBe(false);
    // Test mode ignores --allowed-hosts: loopback only.
    const tm = allowedHostEntries({ ...DEFAULT_CONFIG, testMode: true, allowedHosts: ['*'] }, 8787);
    expect(hostAllowed(tm, 'evil.example:8787')).toBe(false);
    expect(hostAllowed(tm, '[::1]:8787')).toBe(true);
  });
});
