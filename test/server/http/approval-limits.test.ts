/**
 * Online approval's per-address limit (issue #9 review item 1): the process holds a bounded number of
 * requests, and one client address may fill only its own share of it, so nobody can deny online
 * approval to everyone with requests for made-up names. The limit counts unknown and real names alike
 * (same 201s, same 429 at the same point); the per-name limit of 3 unanswered still holds. A second
 * client address is a real one: the loopback 127.0.0.2 as the request's source.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { advance } from './client';
import { useTestServer } from './use-test-server';
import { pairedAccount } from './desktop-app-peer';

const PER_ADDRESS = 5;
const t = useTestServer({ options: { maxPushesPerAddress: PER_ADDRESS } });

/** POST /api/login/desktop-app/push from the local address `from` (127.0.0.1 or 127.0.0.2). */
function pushFrom(from: string, username: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(`${t.url}/api/login/desktop-app/push`);
  const body = JSON.stringify({ username });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('online approval: requests held per client address', () => {
  it('one address gets its share and then 429 for real and made-up names alike; another address is not affected', async () => {
    const real = 'limit-real';
    await pairedAccount(t.url, real);
    const a = '127.0.0.1';
    const b = '127.0.0.2';
    const names = ['ghost-1', 'ghost-2', real, 'ghost-3', 'ghost-4'];
    for (const name of names) expect((await pushFrom(a, name)).status, name).toBe(201);
    const refusedReal = await pushFrom(a, real);
    const refusedGhost = await pushFrom(a, 'ghost-5');
    expect(refusedReal.status).toBe(429);
    expect(refusedGhost).toEqual(refusedReal);

    // The other address still gets its own share, for the same names.
    expect((await pushFrom(b, 'ghost-5')).status).toBe(201);
    expect((await pushFrom(b, real)).status).toBe(201);
    // The per-name limit still holds: the real name's 3rd unanswered request passes, its 4th is 429 …
    expect((await pushFrom(b, real)).status).toBe(201);
    expect((await pushFrom(b, real)).status).toBe(429);
    // … while the address had room left (3 of 5 held; a refused request holds nothing).
    expect((await pushFrom(b, 'ghost-6')).status).toBe(201);
    expect((await pushFrom(b, 'ghost-7')).status).toBe(201);
    expect((await pushFrom(b, 'ghost-8')).status).toBe(429);

    // Held requests leave 2 minutes after they expired; then the address has its share again.
    await advance(t.url, 241);
    expect((await pushFrom(a, 'ghost-9')).status).toBe(201);
  });
});
