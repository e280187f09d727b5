/**
 * The paired app's own API over real HTTP (issue #9 "the user's Servicekonto in the app"): requests
 * signed with the device key (no cookie, no bearer secret; replay, stale time and tampering refused),
 * the account view with this device marked, blocking any means (§4.4), removing itself, and
 * re-pairing after a reinstall (a new means; the old one stays listed for removal).
 */
import { describe, expect, it } from 'vitest';
import { Client, advance, newAccount, serverNow } from './client';
import { useTestServer } from './use-test-server';
import { DesktopPeer, pairedPeer, wrongCode } from './desktop-app-peer';

const t = useTestServer();
let n = 0;

type View = {
  account: string;
  accountName: string;
  maxLevel: string;
  thisDevice: { means: string; status: string };
  means: {
    id: string;
    kind: string;
    status: string;
    level: string;
    thisDevice: boolean;
    registeredAt: number;
    lastUsedAt: number | null;
  }[];
  attributes: { name: string; value: string; level: string }[];
};

const paired = (c: Client, name = 'Laptop'): Promise<DesktopPeer> => pairedPeer(t.url, c, name);

const view = async (peer: DesktopPeer): Promise<{ status: number; body: View }> => {
  const r = await peer.signed(t.url, 'GET', '/api/device/account', await serverNow(t.url));
  return { status: r.status, body: r.body as View };
};

describe('device-authenticated API', () => {
  it('shows the account: maximum level, every means with this device marked, attributes with levels', async () => {
    const u = `dev${++n}`;
    const c = await newAccount(t.url, u, { givenNames: 'Erika' });
    const peer = await paired(c);
    const r = await view(peer);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      accountName: u,
      maxLevel: 'substanziell',
      thisDevice: { means: peer.enrolled!.means, status: 'active' },
    });
    expect(r.body.means.map((m) => [m.kind, m.status, m.level, m.thisDevice])).toEqual([
      ['password', 'active', 'niedrig', false],
      ['desktop-app', 'active', 'substanziell', true],
    ]);
    expect(r.body.attributes).toEqual([
      { name: 'givenNames', value: 'Erika', level: 'basisregistrierung' },
    ]);
  });

  it('refuses a replayed header, a tampered path, a stale timestamp, a foreign key and no header — all 401', async () => {
    const c = await newAccount(t.url, `dev${++n}`);
    const peer = await paired(c);
    const now = await serverNow(t.url);
    const first = await peer.signed(t.url, 'GET', '/api/device/account', now);
    expect(first.status).toBe(200);
    expect((await peer.signed(t.url, 'GET', '/api/device/account', now, first.header)).status).toBe(
      401,
    );
    const other = peer.authorization(peer.enrolled!.origin, 'GET', '/api/device/other', '', now);
    expect((await peer.signed(t.url, 'GET', '/api/device/account', now, other)).status).toBe(401);
    expect((await peer.signed(t.url, 'GET', '/api/device/account', now - 180_000)).status).toBe(
      401,
    );
    const stranger = new DesktopPeer();
    stranger.enrolled = peer.enrolled;
    expect((await stranger.signed(t.url, 'GET', '/api/device/account', now)).status).toBe(401);
    expect((await fetch(`${t.url}/api/device/account`)).status).toBe(400); // the schema requires the header
  });

  it('blocks any means of the account (§4.4) and shows its own block after 3 wrong codes', async () => {
    const u = `dev${++n}`;
    const c = await newAccount(t.url, u);
    const peer = await paired(c);
    const pw = (await view(peer)).body.means.find((m) => m.kind === 'password')!.id;
    expect(
      (await peer.signed(t.url, 'POST', `/api/device/means/${pw}/block`, await serverNow(t.url)))
        .status,
    ).toBe(204);
    expect((await view(peer)).body.means.find((m) => m.id === pw)?.status).toBe('blocked');

    for (let i = 0; i < 3; i++) {
      const b = new Client(t.url);
      const qr = await b.post<{ tx: string; payload: string }>('/api/login/desktop-app', {
        username: u,
      });
      expect(
        (
          await b.post('/api/login/desktop-app/code', {
            tx: qr.body.tx,
            code: wrongCode(peer.code(qr.body.payload, await serverNow(t.url))),
          })
        ).status,
      ).toBe(401);
    }
    expect((await view(peer)).body.thisDevice.status).toBe('blocked');
  });

  it('re-pairing after a reinstall adds a new means; the old one stays listed until removed, then its key is refused', async () => {
    const c = await newAccount(t.url, `dev${++n}`);
    const old = await paired(c, 'Laptop (alt)');
    await advance(t.url, 1);
    const fresh = await paired(c, 'Laptop (neu)');
    const listed = (
      await c.get<{ means: { id: string; label: string | null; status: string }[] }>('/api/account')
    ).body.means;
    expect(
      listed.filter((m) => m.label?.startsWith('Laptop')).map((m) => [m.label, m.status]),
    ).toEqual([
      ['Laptop (alt)', 'active'],
      ['Laptop (neu)', 'active'],
    ]);
    expect((await c.req('DELETE', `/api/means/${old.enrolled!.means}`)).status).toBe(204);
    expect((await view(old)).status).toBe(401);
    expect((await view(fresh)).body.means.filter((m) => m.kind === 'desktop-app')).toHaveLength(1);
  });

  it('removes itself, but never the last usable means', async () => {
    const c = await newAccount(t.url, `dev${++n}`);
    const peer = await paired(c);
    expect(
      (await peer.signed(t.url, 'POST', '/api/device/remove', await serverNow(t.url))).status,
    ).toBe(204);
    expect(
      (await c.get<{ means: { kind: string }[] }>('/api/account')).body.means.map((m) => m.kind),
    ).toEqual(['password']);
    expect((await view(peer)).status).toBe(401);

    const solo = await newAccount(t.url, `dev${++n}`);
    const last = await paired(solo);
    const pw = (await view(last)).body.means.find((m) => m.kind === 'password')!.id;
    expect((await solo.req('DELETE', `/api/means/${pw}`)).status).toBe(204);
    const r = await last.signed(t.url, 'POST', '/api/device/remove', await serverNow(t.url));
    expect(r.status).toBe(409);
    expect((r.body as { error: { code: string } }).error.code).toBe('last-means');
  });
});
