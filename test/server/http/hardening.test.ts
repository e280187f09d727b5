/**
 * Issue #7 item 15 through the real server: asset names that are Object.prototype members are 404;
 * outside test mode the outbox keeps no usable code or link; an oversize upload gets its 413 without
 * the client hitting EPIPE/ECONNRESET (raw socket, RFC 9112 §9.6 staged close).
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BLOCK_PASSWORD,
  Client,
  PASSWORD,
  TEST_DATA_KEYS,
  startTestServer,
  totpNow,
  type TestServer,
} from './client';
import { useTestServer } from './use-test-server';

const t = useTestServer();

/** Sends `size` bytes of JSON body over a raw socket, writing until done or the socket fails. */
function oversizePost(
  url: string,
  size: number,
): Promise<{ response: string; error: string | null }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let response = '';
    let error: string | null = null;
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => resolve({ response, error }));
    socket.on('connect', () => {
      socket.write(
        `POST /api/login HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`,
      );
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < size) {
          const n = Math.min(chunk.length, size - sent);
          sent += n;
          if (!socket.write(chunk.subarray(0, n))) {
            socket.once('drain', pump);
            return;
          }
        }
        socket.end();
      };
      pump();
    });
  });
}

describe('smaller server points (issue #7 item 15)', () => {
  it('GET /assets/constructor and /assets/__proto__ are 404', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect((await fetch(`${t.url}/assets/${name}`)).status, name).toBe(404);
    }
    expect((await fetch(`${t.url}/assets/pages.css`)).status).toBe(200);
  });

  it('a 16 MB body gets its 413 and the client can finish the upload (no EPIPE/ECONNRESET)', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await oversizePost(t.url, 16 * 1024 * 1024);
      expect(r.error).toBeNull();
      expect(r.response.startsWith('HTTP/1.1 413')).toBe(true);
    }
  });

  it('outside test mode the outbox stores hashes instead of codes and links', async () => {
    const normal = await startTestServer({ testMode: false, allowedHosts: ['*'] });
    try {
      const c = new Client(normal.url);
      expect(
        (
          await c.post('/api/accounts', {
            username: 'outbox-user',
            password: PASSWORD,
            blockPassword: BLOCK_PASSWORD,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await c.post('/api/verifications', {
            attribute: 'email',
            value: 'o@example.org',
            method: 'email-code',
          })
        ).status,
      ).toBe(201);
      const rows = normal.server.db.prepare('SELECT body FROM outbox').all() as { body: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]?.body).toContain('[sha256:');
      // No run of digits outside the hash tags and the verification id (a hex hash may hold digit runs).
      const rest = (rows[0]?.body ?? '')
        .replace(/\[sha256:[0-9a-f]+\]/g, '')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');
      expect(rest).not.toMatch(/\d{6}/);
      expect(rows[0]?.body).not.toContain('code=');
    } finally {
      await normal.stop();
    }
  });

  it('TOTP seeds are sealed at rest under FAKTOR_DATA_KEYS and re-sealed when the key is rotated', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-keys-'));
    const rows = (s: TestServer): { data: string }[] =>
      s.server.db.prepare('SELECT data FROM means_credentials').all() as { data: string }[];
    try {
      const first = await startTestServer({ dataDir, dataKeys: TEST_DATA_KEYS });
      const c = new Client(first.url);
      await c.post('/api/accounts', {
        username: 'sealed-user',
        password: PASSWORD,
        blockPassword: BLOCK_PASSWORD,
      });
      const reg = await c.post<{ meansId: string; totp: { secret: string } }>('/api/means', {
        kind: 'password+totp',
      });
      expect(
        (
          await c.post(`/api/means/${reg.body.meansId}/authenticate`, {
            code: await totpNow(first.url, reg.body.totp.secret),
          })
        ).status,
      ).toBe(200);
      expect(
        rows(first).every(
          (r) => r.data.startsWith('enc:v1:t1:') && !r.data.includes(reg.body.totp.secret),
        ),
      ).toBe(true);
      await first.stop();
      // Rotation: the new key first, the old one still listed; start-up re-seals every row with t2.
      const rotated = `t2:${Buffer.alloc(32, 9).toString('base64')},${TEST_DATA_KEYS}`;
      const second = await startTestServer({ dataDir, dataKeys: rotated });
      expect(rows(second).every((r) => r.data.startsWith('enc:v1:t2:'))).toBe(true);
      const login = await new Client(second.url).post('/api/login', {
        username: 'sealed-user',
        password: PASSWORD,
        totp: await totpNow(second.url, reg.body.totp.secret, 1),
      });
      expect(login.status).toBe(200);
      await second.stop();
      // Without the key that sealed them the rows cannot be read: start-up refuses instead of guessing.
      await expect(
        startTestServer({ dataDir, dataKeys: `t3:${Buffer.alloc(32, 3).toString('base64')}` }),
      ).rejects.toThrow(/unknown data key/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
