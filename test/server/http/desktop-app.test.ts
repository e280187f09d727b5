/**
 * The desktop-app means over real HTTP (issue #9): pairing QR (§4.2 level, one-time token bound to the
 * web session, ≤ 5 min), enrollment → pending, confirmation in the same session → active
 * (substanziell), and the offline QR login (once, within 2 minutes, 3 consecutive failures across
 * transactions block the means, TR-03107-1 W4).
 */
import { describe, expect, it } from 'vitest';
import { Client, advance, newAccount, serverNow, totpNow } from './client';
import { useTestServer, uniqueNamer } from './use-test-server';
import { DesktopPeer, wrongCode } from './desktop-app-peer';
import { parsePairingPayload } from '../../../shared/servicekonto/pairing-payload';
import { parseLoginPayload } from '../../../shared/servicekonto/login-payload';

const t = useTestServer();
const uniq = uniqueNamer();

type Qr = { payload: string; qrSvg: string; expiresAt: number };
type Overview = {
  maxLevel: string;
  means: { id: string; kind: string; status: string; level: string }[];
};

async function pairingQr(c: Client): Promise<Qr & { level: string }> {
  const r = await c.post<Qr & { level: string }>('/api/means/desktop-app');
  expect(r.status).toBe(201);
  return r.body;
}

/** Pairs and confirms a desktop app for a logged-in client; returns the peer. */
async function pairedPeer(c: Client): Promise<DesktopPeer> {
  const peer = new DesktopPeer();
  expect(
    (await peer.enroll(t.url, (await pairingQr(c)).payload, await serverNow(t.url))).status,
  ).toBe(201);
  const id = peer.enrolled!.means;
  const ch = await c.post<Qr & { kind: string }>(`/api/means/${id}/challenge`);
  expect(ch.body.kind).toBe('desktop-app');
  expect(
    (
      await c.post(`/api/means/${id}/authenticate`, {
        code: peer.code(ch.body.payload, await serverNow(t.url)),
      })
    ).status,
  ).toBe(200);
  return peer;
}

async function offlineLogin(
  username: string,
  peer: DesktopPeer,
  mutate: (code: string) => string = (x) => x,
): Promise<{ status: number; level?: string; tx: string }> {
  const b = new Client(t.url);
  const qr = await b.post<Qr & { tx: string }>('/api/login/desktop-app', { username });
  expect(qr.status).toBe(201);
  const r = await b.post<{ session?: { level: string } }>('/api/login/desktop-app/code', {
    tx: qr.body.tx,
    code: mutate(peer.code(qr.body.payload, await serverNow(t.url))),
  });
  return {
    status: r.status,
    ...(r.body.session ? { level: r.body.session.level } : {}),
    tx: qr.body.tx,
  };
}

describe('pairing (§4.2)', () => {
  it('shows a QR naming this server, the account and the desktop-app level; the token expires in 5 minutes', async () => {
    const u = uniq('pair');
    const c = await newAccount(t.url, u);
    const qr = await pairingQr(c);
    const now = await serverNow(t.url);
    const p = parsePairingPayload(qr.payload, now);
    expect(p).toMatchObject({ origin: t.server.origin, accountName: u, level: 'substanziell' });
    expect(p.exp * 1000).toBeLessThanOrEqual(now + 5 * 60_000);
    expect(qr.qrSvg).toContain('<svg');
    expect(qr.level).toBe('substanziell');
  });

  it('enrols a pending means, single use; confirmation in the same session activates it at substanziell', async () => {
    const c = await newAccount(t.url, uniq('pair'));
    const qr = await pairingQr(c);
    const peer = new DesktopPeer('Erikas Laptop');
    const now = await serverNow(t.url);
    const first = await peer.enroll(t.url, qr.payload, now);
    expect(first.status).toBe(201);
    expect(peer.enrolled).toMatchObject({
      status: 'pending',
      level: 'substanziell',
      ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH40-S064',
      origin: t.server.origin,
    });
    expect((await new DesktopPeer().enroll(t.url, qr.payload, now)).status).toBe(410); // replayed token
    let o = await c.get<Overview>('/api/account');
    expect(o.body.means.find((m) => m.id === peer.enrolled!.means)).toMatchObject({
      kind: 'desktop-app',
      status: 'pending',
      level: 'substanziell',
    });
    expect(o.body.maxLevel).toBe('niedrig');

    const id = peer.enrolled!.means;
    const ch = await c.post<Qr & { kind: string }>(`/api/means/${id}/challenge`);
    const login = parseLoginPayload(ch.body.payload, await serverNow(t.url));
    expect(login.service).toBe('Servicekonto: Desktop-App bestätigen');
    const ok = await c.post<{ session: { level: string } }>(`/api/means/${id}/authenticate`, {
      code: peer.code(ch.body.payload, await serverNow(t.url)),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.session.level).toBe('substanziell');
    o = await c.get<Overview>('/api/account');
    expect(o.body.means.find((m) => m.id === id)?.status).toBe('active');
    expect(o.body.maxLevel).toBe('substanziell');
  });

  it('refuses an expired token, a token whose session logged out, and a malformed request — storing nothing', async () => {
    const c = await newAccount(t.url, uniq('pair'));
    const expired = await pairingQr(c);
    const body = new DesktopPeer().enrollBody(expired.payload, await serverNow(t.url));
    await advance(t.url, 301);
    const late = await fetch(`${t.url}/api/pairing/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(late.status).toBe(410);

    const qr = await pairingQr(c);
    const bad = new DesktopPeer().enrollBody(qr.payload, await serverNow(t.url));
    const offCurve = {
      ...bad,
      approvalKey: `${String(bad.approvalKey).slice(0, 86)}${String(bad.approvalKey).endsWith('A') ? 'B' : 'A'}`,
    };
    const r = await fetch(`${t.url}/api/pairing/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(offCurve),
    });
    expect(r.status).toBe(400);
    expect((await c.post('/api/logout')).status).toBe(204);
    expect((await new DesktopPeer().enroll(t.url, qr.payload, await serverNow(t.url))).status).toBe(
      410,
    );
    const c2 = new Client(t.url);
    expect(
      (
        await c2.post('/api/login', {
          username: `pair${uniq.count}`,
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
    expect((await c2.get<Overview>('/api/account')).body.means.map((m) => m.kind)).toEqual([
      'password',
    ]);
  });

  it('a pending desktop app cannot be confirmed from another session (§4.2 "in derselben Sitzung")', async () => {
    const u = uniq('pair');
    const c = await newAccount(t.url, u);
    const peer = new DesktopPeer();
    expect(
      (await peer.enroll(t.url, (await pairingQr(c)).payload, await serverNow(t.url))).status,
    ).toBe(201);
    const other = new Client(t.url);
    expect(
      (await other.post('/api/login', { username: u, password: 'correct horse battery' })).status,
    ).toBe(200);
    const id = peer.enrolled!.means;
    const ch = await other.post<Qr>(`/api/means/${id}/challenge`);
    const r = await other.post<{ error: { code: string } }>(`/api/means/${id}/authenticate`, {
      code: peer.code(ch.body.payload, await serverNow(t.url)),
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('wrong-session');
  });

  it('needs the level §4.2 demands: a niedrig session of an account at substanziell may not pair', async () => {
    const u = uniq('pair');
    const c = await newAccount(t.url, u);
    const totp = await c.post<{ meansId: string; totp: { secret: string } }>('/api/means', {
      kind: 'password+totp',
    });
    expect(
      (
        await c.post(`/api/means/${totp.body.meansId}/authenticate`, {
          code: await totpNow(t.url, totp.body.totp.secret),
        })
      ).status,
    ).toBe(200);
    const low = new Client(t.url);
    expect(
      (await low.post('/api/login', { username: u, password: 'correct horse battery' })).status,
    ).toBe(200);
    const r = await low.post<{ error: { code: string } }>('/api/means/desktop-app');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('insufficient-level');
    expect((await c.post('/api/means/desktop-app')).status).toBe(201);
  });
});

describe('offline QR login', () => {
  it('logs in at substanziell with the code the app shows, once', async () => {
    const u = uniq('off');
    const peer = await pairedPeer(await newAccount(t.url, u));
    const b = new Client(t.url);
    const qr = await b.post<Qr & { tx: string }>('/api/login/desktop-app', { username: u });
    const p = parseLoginPayload(qr.body.payload, await serverNow(t.url));
    expect(p).toMatchObject({
      origin: t.server.origin,
      accountName: u,
      tx: qr.body.tx,
      service: 'Servicekonto',
      level: 'substanziell',
    });
    expect(p.exp * 1000 - (await serverNow(t.url))).toBeLessThanOrEqual(120_000);
    const code = peer.code(qr.body.payload, await serverNow(t.url));
    const ok = await b.post<{ session: { level: string } }>('/api/login/desktop-app/code', {
      tx: qr.body.tx,
      code,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.session.level).toBe('substanziell');
    expect((await b.get<{ maxLevel: string }>('/api/account')).status).toBe(200);
    expect(
      (await new Client(t.url).post('/api/login/desktop-app/code', { tx: qr.body.tx, code }))
        .status,
    ).toBe(401); // replay
  });

  it('refuses a code after the QR expired', async () => {
    const u = uniq('off');
    const peer = await pairedPeer(await newAccount(t.url, u));
    const b = new Client(t.url);
    const qr = await b.post<Qr & { tx: string }>('/api/login/desktop-app', { username: u });
    const code = peer.code(qr.body.payload, await serverNow(t.url));
    await advance(t.url, 121);
    expect((await b.post('/api/login/desktop-app/code', { tx: qr.body.tx, code })).status).toBe(
      401,
    );
  });

  it('blocks the means after 3 consecutive wrong codes, counted across transactions; then the right code fails too', async () => {
    const u = uniq('off');
    const c = await newAccount(t.url, u);
    const peer = await pairedPeer(c);
    expect((await offlineLogin(u, peer, wrongCode)).status).toBe(401);
    expect((await offlineLogin(u, peer, wrongCode)).status).toBe(401);
    expect((await offlineLogin(u, peer)).status).toBe(200); // a success resets the counter
    expect((await offlineLogin(u, peer, wrongCode)).status).toBe(401);
    expect((await offlineLogin(u, peer, wrongCode)).status).toBe(401);
    expect((await offlineLogin(u, peer, wrongCode)).status).toBe(401);
    const o = await c.get<Overview>('/api/account');
    expect(o.body.means.find((m) => m.kind === 'desktop-app')?.status).toBe('blocked');
    expect((await offlineLogin(u, peer)).status).toBe(401);
  });

  it('answers an unknown username with a QR of the same shape and then the generic 401', async () => {
    const b = new Client(t.url);
    const qr = await b.post<Qr & { tx: string }>('/api/login/desktop-app', {
      username: uniq('nobody'),
    });
    expect(qr.status).toBe(201);
    expect(Object.keys(qr.body).sort()).toEqual(['expiresAt', 'payload', 'qrSvg', 'tx']);
    const r = await b.post<{ error: { code: string } }>('/api/login/desktop-app/code', {
      tx: qr.body.tx,
      code: '12345678',
    });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('authentication-failed');
  });

  it('documents the routes in /openapi.json', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    for (const p of [
      '/api/means/desktop-app',
      '/api/pairing/enroll',
      '/api/login/desktop-app',
      '/api/login/desktop-app/code',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
