import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import type { Api } from '../../../../electron/main/api';
import {
  Client,
  PASSWORD,
  newAccount,
  startTestServer,
  type TestServer,
} from '../../../server/http/client';
import { ManualClock, testPorts } from '../../../support/doubles';
import { sandbox, testApi } from '../../../support/sandbox';

/**
 * The Servicekonto IPC channels on the real api: a QR image is decoded by the app's decoder (qr-decode-
 * image), the token goes to servicekonto-pair / servicekonto-offline-code, against the real server.
 * Platform ports are doubles (no Electron binary here); keychain, files, HTTP and the server are real.
 */

type Qr = { payload: string; tx: string };
let t: TestServer;
let box: ReturnType<typeof sandbox>;
let api: Api;
let testPortsOf: ReturnType<typeof testPorts>;

async function scan(payload: string): Promise<{ token: string; kind: string }> {
  const base64 = (await QRCode.toBuffer(payload, { margin: 4, scale: 5 })).toString('base64');
  const found = await api['qr-decode-image']({ base64, source: 'image' });
  expect(found.codes).toHaveLength(1);
  return { token: found.codes[0]!.token, kind: found.codes[0]!.route.kind };
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isFaktorError(e) ? e.code : 'thrown';
  }
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.stop());
beforeEach(() => {
  box = sandbox();
  testPortsOf = testPorts(new ManualClock(Date.now()));
  api = testApi(box, testPortsOf);
});
afterEach(async () => {
  await box.close();
});

describe('Servicekonto IPC channels', () => {
  it('pairs from a scanned pairing QR, then gives the offline code that logs the browser in', async () => {
    await api['vault-status']({});
    const c = await newAccount(t.url, 'ipc-erika');
    const pairing = await scan((await c.post<Qr>('/api/means/desktop-app')).body.payload);
    expect(pairing.kind).toBe('servicekonto-pairing');
    expect(await errorOf(api['servicekonto-pair']({ token: pairing.token, pin: '12345' }))).toBe(
      'invalid-pin',
    );
    const paired = await api['servicekonto-pair']({ token: pairing.token, pin: '975310' });
    expect(paired).toMatchObject({
      origin: t.server.origin,
      accountName: 'ipc-erika',
      status: 'pending',
    });
    expect(JSON.stringify(paired)).not.toMatch(/sealed|deviceKey|ocra/i);
    expect((await api['servicekonto-list']({})).map((p) => p.meansId)).toEqual([paired.meansId]);

    const confirm = await scan(
      (await c.post<Qr>(`/api/means/${paired.meansId}/challenge`)).body.payload,
    );
    const { code } = await api['servicekonto-offline-code']({
      token: confirm.token,
      pin: '975310',
    });
    expect((await c.post(`/api/means/${paired.meansId}/authenticate`, { code })).status).toBe(200);

    const browser = new Client(t.url);
    const qr = (await browser.post<Qr>('/api/login/desktop-app', { username: 'ipc-erika' })).body;
    const login = await scan(qr.payload);
    const shown = await api['servicekonto-offline-code']({ token: login.token, pin: '975310' });
    expect(
      (await browser.post('/api/login/desktop-app/code', { tx: qr.tx, code: shown.code })).status,
    ).toBe(200);
  }, 60_000);

  it('refuses a login QR of an unpaired server, and a pairing token used as a login token', async () => {
    await api['vault-status']({});
    const other = await startTestServer();
    try {
      await newAccount(other.url, 'ipc-max');
      const login = await scan(
        (await new Client(other.url).post<Qr>('/api/login/desktop-app', { username: 'ipc-max' }))
          .body.payload,
      );
      expect(
        await errorOf(api['servicekonto-offline-code']({ token: login.token, pin: '975310' })),
      ).toBe('not-paired');
      const c = await newAccount(other.url, 'ipc-max2');
      const pairing = await scan((await c.post<Qr>('/api/means/desktop-app')).body.payload);
      expect(
        await errorOf(api['servicekonto-offline-code']({ token: pairing.token, pin: '975310' })),
      ).toBe('unsupported-payload');
      expect(await api['servicekonto-list']({})).toEqual([]);
    } finally {
      await other.stop();
    }
  }, 60_000);

  it('shows the account as the server does, blocks a means from the desktop (§4.4) and removes this desktop', async () => {
    await api['vault-status']({});
    const c = await newAccount(t.url, 'ipc-view', { email: 'view@example.org' });
    const paired = await api['servicekonto-pair']({
      token: (await scan((await c.post<Qr>('/api/means/desktop-app')).body.payload)).token,
      pin: '975310',
    });
    const pending = await api['servicekonto-account']({ id: paired.id });
    expect(pending).toMatchObject({
      pairingId: paired.id,
      accountName: 'ipc-view',
      thisDevice: { means: paired.meansId, status: 'pending' },
    });
    // A pending desktop may read but not block (§4.2): the server refuses, nothing changes.
    expect(
      await errorOf(api['servicekonto-block']({ id: paired.id, meansId: paired.meansId })),
    ).toBe('server-refused');
    const confirm = await scan(
      (await c.post<Qr>(`/api/means/${paired.meansId}/challenge`)).body.payload,
    );
    const { code } = await api['servicekonto-offline-code']({
      token: confirm.token,
      pin: '975310',
    });
    expect((await c.post(`/api/means/${paired.meansId}/authenticate`, { code })).status).toBe(200);

    const view = await api['servicekonto-account']({ id: paired.id });
    expect(JSON.stringify(view)).not.toMatch(/sealed|deviceKey|ocra|secret/i);
    expect(view.maxLevel).toBe('substanziell');
    expect(view.attributes).toContainEqual({
      name: 'email',
      value: 'view@example.org',
      level: 'basisregistrierung',
    });
    const server = (
      await c.get<{
        maxLevel: string;
        means: Array<{ id: string; kind: string; level: string; status: string }>;
      }>('/api/account')
    ).body;
    expect(view.means.map((m) => [m.id, m.kind, m.level, m.status]).sort()).toEqual(
      server.means.map((m) => [m.id, m.kind, m.level, m.status]).sort(),
    );
    expect(view.means.filter((m) => m.thisDevice).map((m) => m.id)).toEqual([paired.meansId]);

    const password = view.means.find((m) => m.kind === 'password')!;
    // Main's native question is the consent: a "no" there blocks and removes nothing at the server.
    const dialogs = testPortsOf.dialogs;
    dialogs.nextDestructiveConsent(false);
    dialogs.nextDestructiveConsent(false);
    expect(
      await errorOf(api['servicekonto-block']({ id: paired.id, meansId: paired.meansId })),
    ).toBe('cancelled');
    expect(await errorOf(api['servicekonto-remove']({ id: paired.id }))).toBe('cancelled');
    expect(dialogs.destructiveAsked.slice(-2)).toEqual([
      { action: 'block-means', language: 'de' },
      { action: 'remove-device', language: 'de' },
    ]);
    expect((await api['servicekonto-account']({ id: paired.id })).thisDevice.status).toBe('active');
    expect(await api['servicekonto-list']({})).toHaveLength(1);
    expect(
      await errorOf(api['servicekonto-block']({ id: paired.id, meansId: 'no-such-means' })),
    ).toBe('server-refused');
    await api['servicekonto-block']({ id: paired.id, meansId: paired.meansId });
    const blocked = await api['servicekonto-account']({ id: paired.id });
    expect(blocked.thisDevice.status).toBe('blocked');
    expect(blocked.means.find((m) => m.id === password.id)?.status).toBe('active');

    await api['servicekonto-remove']({ id: paired.id });
    expect(await api['servicekonto-list']({})).toEqual([]);
    const after = (await c.get<{ means: Array<{ id: string; status: string }> }>('/api/account'))
      .body;
    expect(after.means.find((m) => m.id === paired.meansId)?.status ?? 'removed').toBe('removed');
  }, 90_000);
  it('lists the web sessions of the paired account with level and Table 2 time left, the newest marked; a pending desktop is refused', async () => {
    await api['vault-status']({});
    const c = await newAccount(t.url, 'ipc-sessions');
    const paired = await api['servicekonto-pair']({
      token: (await scan((await c.post<Qr>('/api/means/desktop-app')).body.payload)).token,
      pin: '975310',
    });
    const refused = await api['servicekonto-sessions']({ id: paired.id }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'server-refused',
      params: { serverCode: 'means-pending' },
    });
    const confirm = await scan(
      (await c.post<Qr>(`/api/means/${paired.meansId}/challenge`)).body.payload,
    );
    const { code } = await api['servicekonto-offline-code']({
      token: confirm.token,
      pin: '975310',
    });
    expect((await c.post(`/api/means/${paired.meansId}/authenticate`, { code })).status).toBe(200);
    const other = new Client(t.url);
    expect(
      (
        await other.req(
          'POST',
          '/api/login',
          { username: 'ipc-sessions', password: PASSWORD },
          { 'user-agent': 'Firefox/128.0 (ipc test)' },
        )
      ).status,
    ).toBe(200);

    const list = await api['servicekonto-sessions']({ id: paired.id });
    expect(list).toMatchObject({ pairingId: paired.id, origin: t.server.origin });
    expect(list.sessions.map((s) => [s.level, s.latest, s.browser])).toEqual([
      ['niedrig', true, 'Firefox/128.0 (ipc test)'],
      ['substanziell', false, expect.any(String)],
    ]);
    const pairingSession = list.sessions[1]!;
    expect(pairingSession.idleRemainingSeconds).toBeLessThanOrEqual(30 * 60);
    expect(pairingSession.absoluteRemainingSeconds).toBeLessThanOrEqual(2 * 3600);
    expect(pairingSession.absoluteRemainingSeconds).toBeGreaterThan(
      pairingSession.idleRemainingSeconds,
    );
    expect(await errorOf(api['servicekonto-sessions']({ id: 'no-such-pairing' }))).toBe(
      'not-found',
    );
  }, 60_000);
});
