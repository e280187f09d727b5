/**
 * The paired app's list of the account's web sessions over real HTTP (issue #9 "the current session's
 * level and remaining time per Table 2"): `GET /api/device/sessions`, signed with the device key. Each
 * session with its level, the idle and absolute time left of Table 2, its start, the browser/IP it was
 * issued to, and the most recent one marked; reading touches nothing; only an active device may ask.
 */
import { describe, expect, it } from 'vitest';
import { Client, PASSWORD, advance, newAccount, serverNow } from './client';
import { useTestServer } from './use-test-server';
import { DesktopPeer, pairedPeer } from './desktop-app-peer';
import type { DeviceSessionView, DeviceSessionsView } from '../../../server/app/device-service';

const t = useTestServer();
let n = 0;

type Row = DeviceSessionView;
type Sessions = DeviceSessionsView;

const sessions = async (peer: DesktopPeer): Promise<{ status: number; body: Sessions }> => {
  const r = await peer.signed(t.url, 'GET', '/api/device/sessions', await serverNow(t.url));
  return { status: r.status, body: r.body as Sessions };
};

/** A second browser logging in with the password, sending `userAgent`. */
async function browserLogin(username: string, userAgent: string): Promise<Client> {
  const b = new Client(t.url);
  const r = await b.req(
    'POST',
    '/api/login',
    { username, password: PASSWORD },
    { 'user-agent': userAgent },
  );
  expect(r.status).toBe(200);
  return b;
}

describe('GET /api/device/sessions', () => {
  it('lists each web session with its level, Table 2 idle and absolute time left, start, browser/IP, the most recent first and marked', async () => {
    const u = `ses${++n}`;
    const c = await newAccount(t.url, u);
    const peer = await pairedPeer(t.url, c); // the §4.2 confirmation authenticated this session with the desktop app: substanziell
    await advance(t.url, 60);
    // Control characters in a User-Agent never reach the app.
    await browserLogin(u, 'Mozilla/5.0\t(X11; Linux) Firefox/128.0');

    const r = await sessions(peer);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      v: 1,
      origin: peer.enrolled!.origin,
      account: peer.enrolled!.account,
    });
    expect(r.body.sessions).toHaveLength(2);
    const [second, first] = r.body.sessions as [Row, Row];
    // The password login a minute later: niedrig, its own full Table 2 limits (60 min idle, 12 h absolute).
    expect(second).toMatchObject({
      level: 'niedrig',
      downgradedFrom: null,
      latest: true,
      browser: 'Mozilla/5.0(X11; Linux) Firefox/128.0',
      ip: '127.0.0.1',
    });
    expect(second.idleRemainingSeconds).toBeLessThanOrEqual(3600);
    expect(second.idleRemainingSeconds).toBeGreaterThan(3500);
    expect(second.absoluteRemainingSeconds).toBeLessThanOrEqual(12 * 3600);
    expect(second.absoluteRemainingSeconds).toBeGreaterThan(12 * 3600 - 100);
    expect(second.endsInSeconds).toBe(second.idleRemainingSeconds);
    // The pairing session, idle for a minute: substanziell with 30 min idle / 2 h absolute less that minute;
    // when idle it ends only once niedrig's 60 min idle limit lapses (downgrade, §4.3).
    expect(first).toMatchObject({ level: 'substanziell', latest: false, ip: '127.0.0.1' });
    expect(first.idleRemainingSeconds).toBeLessThanOrEqual(30 * 60 - 60);
    expect(first.idleRemainingSeconds).toBeGreaterThan(30 * 60 - 160);
    expect(first.absoluteRemainingSeconds).toBeLessThanOrEqual(2 * 3600 - 60);
    expect(first.absoluteRemainingSeconds).toBeGreaterThan(2 * 3600 - 160);
    expect(first.endsInSeconds).toBeGreaterThan(first.idleRemainingSeconds);
    expect(first.startedAt).toBeLessThan(second.startedAt);

    // Reading is no user input: the idle clock of neither session moved.
    await advance(t.url, 30);
    const again = await sessions(peer);
    expect(again.body.sessions.map((s) => s.lastActivityAt)).toEqual(
      r.body.sessions.map((s) => s.lastActivityAt),
    );
    expect(again.body.sessions[0]!.idleRemainingSeconds).toBeLessThanOrEqual(
      second.idleRemainingSeconds - 30,
    );
  });

  it('leaves out a logged-out session and one whose level lapsed under Table 2', async () => {
    const u = `ses${++n}`;
    const c = await newAccount(t.url, u);
    const peer = await pairedPeer(t.url, c);
    const b = await browserLogin(u, 'Chromium test');
    expect((await sessions(peer)).body.sessions).toHaveLength(2);
    expect((await b.post('/api/logout')).status).toBe(204);
    expect((await sessions(peer)).body.sessions.map((s) => s.level)).toEqual(['substanziell']);
    // An hour and a minute without input: substanziell and then niedrig have lapsed, nothing is left.
    await advance(t.url, 61 * 60);
    expect((await sessions(peer)).body.sessions).toEqual([]);
  });

  it('answers only an active device: pending → 409 means-pending, blocked → 409 means-blocked, unsigned → 400/401', async () => {
    const u = `ses${++n}`;
    const c = await newAccount(t.url, u);
    const pending = new DesktopPeer('Pending');
    const qr = await c.post<{ payload: string }>('/api/means/desktop-app');
    expect((await pending.enroll(t.url, qr.body.payload, await serverNow(t.url))).status).toBe(201);
    expect(await sessions(pending)).toMatchObject({
      status: 409,
      body: { error: { code: 'means-pending' } },
    });

    const c2 = await newAccount(t.url, `ses${++n}`);
    const peer = await pairedPeer(t.url, c2);
    expect(
      (
        await peer.signed(
          t.url,
          'POST',
          `/api/device/means/${peer.enrolled!.means}/block`,
          await serverNow(t.url),
        )
      ).status,
    ).toBe(204);
    expect(await sessions(peer)).toMatchObject({
      status: 409,
      body: { error: { code: 'means-blocked' } },
    });

    expect((await fetch(`${t.url}/api/device/sessions`)).status).toBe(400); // the schema requires the header
    expect(
      (
        await fetch(`${t.url}/api/device/sessions`, {
          headers: { authorization: 'FaktorDevice nonsense' },
        })
      ).status,
    ).toBe(401);
  });

  it('is documented in /openapi.json with its answer schema', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    expect(doc.paths['/api/device/sessions']?.get?.responses['200']).toBeDefined();
  });
});
