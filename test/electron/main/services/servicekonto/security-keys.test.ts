import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../../shared/ipc/contract';
import type { Api } from '../../../../../electron/main/api';
import { KeyManager } from '../../../../../electron/main/services/fido/key-manager';
import { U2fClient } from '../../../../../electron/main/services/fido/u2f-client';
import { heldCredentials } from '../../../../../electron/main/services/fido/webauthn-ceremony';
import { assertCredentialU2f } from '../../../../../electron/main/services/fido/webauthn-over-u2f';
import { Client, PASSWORD, startTestServer, type TestServer } from '../../../../server/http/client';
import { ManualClock, testPorts } from '../../../../support/doubles';
import { pairConfirmed } from '../../../../support/paired-desktop';
import { sandbox, testApi } from '../../../../support/sandbox';
import { enrolResident } from '../../../../support/soft-authenticator/enrol';
import { SoftKeyBay } from '../../../../support/soft-authenticator/key-bay';

/**
 * Registering a security key at a paired Servicekonto and finding which means a plugged-in key is,
 * through the real api (the main-process service behind `keys-servicekonto-*`), the real server and
 * @simplewebauthn/server in it. The keys are software authenticators in a SoftKeyBay: the stand-in for
 * physical USB keys, which cannot exist in CI (the soft key is validated by python-fido2).
 */

const PIN = '975310';
const KEY = '/dev/hidraw1';
let t: TestServer;
let box: ReturnType<typeof sandbox>;
let api: Api;
let bay: SoftKeyBay;
let ports: ReturnType<typeof testPorts>;
let n = 0;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.stop());
beforeEach(() => {
  box = sandbox();
  bay = new SoftKeyBay({ keepaliveMs: 20 });
  ports = testPorts(new ManualClock(Date.now()));
  api = testApi(box, { ...ports, keys: bay });
});
afterEach(async () => {
  await bay.close();
  await box.close();
});

async function pairedAccount(): Promise<{ pairing: string; username: string }> {
  await api['vault-status']({});
  const username = `skey${++n}`;
  await pairConfirmed(api, t.url, username, PIN);
  const [p] = await api['servicekonto-list']({});
  return { pairing: p!.id, username };
}

type Session = { level: string };

describe('security keys at a paired Servicekonto (main-process service)', () => {
  it('registers a key with a PIN as password + security key (touch, then confirm), and then names the means on that key only', async () => {
    const { pairing, username } = await pairedAccount();
    bay.plug(KEY);
    bay.plug('/dev/hidraw2');
    await api['keys-set-pin']({ path: KEY, pin: '2468' });
    expect(
      contract['keys-servicekonto-means'].response.parse(
        await api['keys-servicekonto-means']({ path: KEY }),
      ),
    ).toEqual({ matches: [], unreachable: [] });

    const base = { path: KEY, pairing, pin: PIN, password: PASSWORD, label: 'Blauer Schlüssel' };
    await expect(api['keys-servicekonto-register'](base)).rejects.toMatchObject({
      code: 'key-pin-required',
    });
    bay.touch = { mode: 'after', ms: 60 }; // the simulated user touches a moment later (KEEPALIVE UPNEEDED meanwhile)
    ports.events.length = 0;
    const r = contract['keys-servicekonto-register'].response.parse(
      await api['keys-servicekonto-register']({ ...base, keyPin: '2468' }),
    );
    expect(r).toMatchObject({ label: 'Blauer Schlüssel', level: 'substanziell', status: 'active' });
    const stages = ports.events
      .filter((e) => e.event === 'keys-progress')
      .map((e) => (e.payload as { stage: string }).stage);
    expect(stages).toEqual(['touch', 'confirm']);

    const found = contract['keys-servicekonto-means'].response.parse(
      await api['keys-servicekonto-means']({ path: KEY }),
    );
    expect(found).toEqual({
      matches: [
        {
          pairing,
          origin: t.server.origin,
          accountName: username,
          meansId: r.meansId,
          label: 'Blauer Schlüssel',
          status: 'active',
        },
      ],
      unreachable: [],
    });
    // With the key PIN the resident credentials are read too; the answer is the same.
    expect(
      (await api['keys-servicekonto-means']({ path: KEY, keyPin: '2468' })).matches.map(
        (m) => m.meansId,
      ),
    ).toEqual([r.meansId]);
    expect((await api['keys-servicekonto-means']({ path: '/dev/hidraw2' })).matches).toEqual([]);
    // The silent check needs no touch: no new progress events.
    expect(ports.events.filter((e) => e.event === 'keys-progress')).toHaveLength(2);

    // The account view over IPC lists the means with its credential id.
    const view = await api['servicekonto-account']({ id: pairing });
    expect(view.means.find((m) => m.id === r.meansId)).toMatchObject({
      kind: 'password+security-key',
      status: 'active',
      credentialId: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
    });

    // Registering the same key again: the options exclude it, the key refuses before anything is sent.
    await expect(
      api['keys-servicekonto-register']({ ...base, keyPin: '2468' }),
    ).rejects.toMatchObject({ code: 'key-credential-excluded' });
  });

  it('a U2F-only key (no CTAP2): registered with U2F_REGISTER as fido-u2f, matched by check-only probes, and the browser logs in with it', async () => {
    const { pairing, username } = await pairedAccount();
    const U2F = '/dev/hidraw3';
    bay.plug(U2F, { ctap2: false }, { product: 'Soft U2F key' });
    bay.plug('/dev/hidraw4', { ctap2: false });
    bay.plug(KEY);
    ports.events.length = 0;
    // A key PIN typed anyway is not needed: U2F has none.
    const r = contract['keys-servicekonto-register'].response.parse(
      await api['keys-servicekonto-register']({
        path: U2F,
        pairing,
        pin: PIN,
        password: PASSWORD,
        keyPin: '2468',
        label: 'Alter U2F-Schlüssel',
      }),
    );
    expect(r).toMatchObject({
      label: 'Alter U2F-Schlüssel',
      level: 'substanziell',
      status: 'active',
    });
    expect(
      ports.events
        .filter((e) => e.event === 'keys-progress')
        .map((e) => (e.payload as { stage: string }).stage),
    ).toEqual(['touch', 'confirm']);
    // The server stored the key handle (32 bytes on this key) as the credential id.
    const view = await api['servicekonto-account']({ id: pairing });
    const credentialId = view.means.find((m) => m.id === r.meansId)?.credentialId ?? '';
    expect(Buffer.from(credentialId, 'base64url')).toHaveLength(32);

    // Matching: this key, not the other U2F key, not the CTAP2 key; no touch asked (no new progress events).
    const mine = contract['keys-servicekonto-means'].response.parse(
      await api['keys-servicekonto-means']({ path: U2F }),
    );
    expect(mine).toEqual({
      matches: [
        {
          pairing,
          origin: t.server.origin,
          accountName: username,
          meansId: r.meansId,
          label: 'Alter U2F-Schlüssel',
          status: 'active',
        },
      ],
      unreachable: [],
    });
    expect((await api['keys-servicekonto-means']({ path: '/dev/hidraw4' })).matches).toEqual([]);
    expect((await api['keys-servicekonto-means']({ path: KEY })).matches).toEqual([]);
    expect(ports.events.filter((e) => e.event === 'keys-progress')).toHaveLength(2);

    // The browser logs in: password (niedrig), then the key's U2F assertion as the means (substanziell).
    const browser = new Client(t.url);
    expect(
      (await browser.post<{ session: Session }>('/api/login', { username, password: PASSWORD }))
        .body.session.level,
    ).toBe('niedrig');
    const ch = await browser.post<{ kind: string; options: { challenge: string; rpId: string } }>(
      `/api/means/${r.meansId}/challenge`,
    );
    expect(ch.body.kind).toBe('webauthn');
    const keys = new KeyManager({ list: bay.list, open: bay.open });
    const response = await keys.use(U2F, (ctap) =>
      assertCredentialU2f(new U2fClient(ctap.channel), {
        origin: t.server.origin,
        rpId: ch.body.options.rpId,
        challenge: ch.body.options.challenge,
        credentialId,
      }),
    );
    expect((await browser.post(`/api/means/${r.meansId}/authenticate`, { response })).status).toBe(
      200,
    );
    expect((await browser.get<Session>('/api/session')).body.level).toBe('substanziell');

    // The same U2F key again: the options exclude its handle, the check-only probe finds it, nothing is sent.
    await expect(
      api['keys-servicekonto-register']({ path: U2F, pairing, pin: PIN, password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'key-credential-excluded' });
  });

  it('a wrong Faktor PIN or password is the server’s one refusal and registers nothing', async () => {
    const { pairing } = await pairedAccount();
    bay.plug(KEY);
    const base = { path: KEY, pairing, pin: PIN, password: PASSWORD };
    await expect(
      api['keys-servicekonto-register']({ ...base, pin: '135799' }),
    ).rejects.toMatchObject({
      code: 'server-refused',
      params: { serverCode: 'authentication-failed' },
    });
    await expect(
      api['keys-servicekonto-register']({ ...base, password: 'wrong horse battery' }),
    ).rejects.toMatchObject({
      code: 'server-refused',
      params: { serverCode: 'authentication-failed' },
    });
    expect(
      (await api['servicekonto-account']({ id: pairing })).means.some(
        (m) => m.kind === 'password+security-key',
      ),
    ).toBe(false);
    expect((await api['keys-servicekonto-means']({ path: KEY })).matches).toEqual([]);
    await expect(
      api['keys-servicekonto-register']({ ...base, pairing: 'nope' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('an unreachable Servicekonto is reported, not fatal', async () => {
    const other = await startTestServer();
    await api['vault-status']({});
    await pairConfirmed(api, other.url, `skey${++n}`, PIN);
    bay.plug(KEY);
    await other.stop();
    const r = await api['keys-servicekonto-means']({ path: KEY });
    // No account could be asked, so the key is not opened at all.
    expect(r.matches).toEqual([]);
    expect(r.unreachable).toEqual([expect.objectContaining({ error: 'server-unreachable' })]);
  });

  it('resident credentials listed by credential management count without asking the key again', async () => {
    const a = bay.plug(KEY);
    const keys = new KeyManager({ list: bay.list, open: bay.open });
    await keys.setPin(KEY, '2468');
    await enrolResident(a, '2468', 'localhost', 'erika');
    const [rp] = await keys.listCredentials(KEY, '2468');
    const idText = Buffer.from(rp!.credentials[0]!.credentialId).toString('base64url');
    expect(
      await keys.use(KEY, (ctap) => heldCredentials(ctap, 'localhost', [idText, 'AAAA'])),
    ).toEqual([idText]);
    expect(
      await keys.use(KEY, (ctap) =>
        heldCredentials(ctap, 'localhost', ['AAAA'], new Set(['AAAA'])),
      ),
    ).toEqual(['AAAA']);
  });
});
