import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { createApi, type Api } from '../../../../electron/main/api';
import { createOsKeychain } from '../../../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../../../electron/main/services/vault';
import { Client, newAccount, startTestServer, type TestServer } from '../../../server/http/client';
import { FakeClock, sandbox, TEST_KDF, testPorts } from '../services/doubles';

/**
 * The Servicekonto IPC channels on the real api: a QR image is decoded by the app's decoder (qr-decode-
 * image), the token goes to servicekonto-pair / servicekonto-offline-code, against the real server.
 * Platform ports are doubles (no Electron binary here); keychain, files, HTTP and the server are real.
 */

type Qr = { payload: string; tx: string };
let t: TestServer;
let box: ReturnType<typeof sandbox>;
let api: Api;

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
  api = createApi({ appDataDir: box.dir, keychainService: box.service, ports: testPorts(new FakeClock(Date.now())), testing: { kdf: TEST_KDF } });
});
afterEach(async () => {
  await createOsKeychain(box.service).delete(KEY_ACCOUNT).catch(() => false);
  box.cleanup();
});

describe('Servicekonto IPC channels', () => {
  it('pairs from a scanned pairing QR, then gives the offline code that logs the browser in', async () => {
    await api['vault-status']({});
    const c = await newAccount(t.url, 'ipc-erika');
    const pairing = await scan((await c.post<Qr>('/api/means/desktop-app')).body.payload);
    expect(pairing.kind).toBe('servicekonto-pairing');
    expect(await errorOf(api['servicekonto-pair']({ token: pairing.token, pin: '12345' }))).toBe('invalid-pin');
    const paired = await api['servicekonto-pair']({ token: pairing.token, pin: '975310' });
    expect(paired).toMatchObject({ origin: t.server.origin, accountName: 'ipc-erika', status: 'pending' });
    expect(JSON.stringify(paired)).not.toMatch(/sealed|deviceKey|ocra/i);
    expect((await api['servicekonto-list']({})).map((p) => p.meansId)).toEqual([paired.meansId]);

    const confirm = await scan((await c.post<Qr>(`/api/means/${paired.meansId}/challenge`)).body.payload);
    const { code } = await api['servicekonto-offline-code']({ token: confirm.token, pin: '975310' });
    expect((await c.post(`/api/means/${paired.meansId}/authenticate`, { code })).status).toBe(200);

    const browser = new Client(t.url);
    const qr = (await browser.post<Qr>('/api/login/desktop-app', { username: 'ipc-erika' })).body;
    const login = await scan(qr.payload);
    const shown = await api['servicekonto-offline-code']({ token: login.token, pin: '975310' });
    expect((await browser.post('/api/login/desktop-app/code', { tx: qr.tx, code: shown.code })).status).toBe(200);
  }, 60_000);

  it('refuses a login QR of an unpaired server, and a pairing token used as a login token', async () => {
    await api['vault-status']({});
    const other = await startTestServer();
    try {
      await newAccount(other.url, 'ipc-max');
      const login = await scan((await new Client(other.url).post<Qr>('/api/login/desktop-app', { username: 'ipc-max' })).body.payload);
      expect(await errorOf(api['servicekonto-offline-code']({ token: login.token, pin: '975310' }))).toBe('not-paired');
      const c = await newAccount(other.url, 'ipc-max2');
      const pairing = await scan((await c.post<Qr>('/api/means/desktop-app')).body.payload);
      expect(await errorOf(api['servicekonto-offline-code']({ token: pairing.token, pin: '975310' }))).toBe('unsupported-payload');
      expect(await api['servicekonto-list']({})).toEqual([]);
    } finally {
      await other.stop();
    }
  }, 60_000);
});
