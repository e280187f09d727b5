import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../../shared/ipc/contract';
import type { DesktopAction } from '../../../../../shared/ipc/desktop-schemas';
import {
  formatLoginPayload,
  parseLoginPayload,
} from '../../../../../shared/servicekonto/login-payload';
import { formatSameDeviceLink } from '../../../../../shared/servicekonto/same-device-link';
import { createMainProcess, type MainProcess } from '../../../../../electron/main/main-process';
import { createOsKeychain } from '../../../../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../../../../electron/main/services/vault-lock';
import {
  Client,
  newAccount,
  startTestServer,
  type TestServer,
} from '../../../../server/http/client';
import {
  ManualClock,
  MemoryClipboard,
  ScriptedDialogs,
  TEST_KDF,
} from '../../../../support/doubles';
import { sandbox } from '../../../../support/sandbox';
import { pairConfirmed } from '../../../../support/paired-desktop';

/**
 * Same-device approval end to end below the UI: the real main process (createMainProcess, as the
 * Electron bootstrap and the harness build it), the real server, a paired desktop; a `faktor://` link
 * goes to `desktop.openLink` exactly as the second-instance / open-url glue hands it over. Hostile
 * links are refused with the error said in the window; a good one opens the confirm step whose code
 * logs the browser in. Also: a notification click opens its request. Doubles: window/quit (no
 * Electron binary here).
 */

type Qr = { payload: string; tx: string };
const PIN = '975310';
let t: TestServer;
let box: ReturnType<typeof sandbox>;
let main: MainProcess;
let clock: ManualClock;
let events: Array<{ name: EventName; payload: unknown }>;
let shown: number;
let notes: Array<{ title: string; onClick?: () => void }>;

const actions = (): DesktopAction[] =>
  events.filter((e) => e.name === 'desktop-action').map((e) => e.payload as DesktopAction);
const lastAction = (): DesktopAction | undefined => actions().at(-1);

/** Pairs the app with a fresh account and confirms the pairing (§4.2). */
const pairedAccount = (name: string): Promise<void> => pairConfirmed(main.api, t.url, name, PIN);

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.stop());
beforeEach(() => {
  box = sandbox();
  clock = new ManualClock(Date.now());
  events = [];
  shown = 0;
  notes = [];
  main = createMainProcess({
    ports: {
      clipboard: new MemoryClipboard(),
      dialogs: new ScriptedDialogs(),
      clock,
      locale: () => 'en-US',
      notify: (n) => void notes.push(n),
    },
    eventSink: (name, payload) => void events.push({ name, payload }),
    appDataDir: box.dir,
    keychainService: box.service,
    trustedOrigins: ['app://faktor'],
    log: () => undefined,
    desktop: { showWindow: () => void shown++, quit: () => undefined },
    testing: { kdf: TEST_KDF },
  });
});
afterEach(async () => {
  main.desktop.dispose();
  await createOsKeychain(box.service)
    .delete(KEY_ACCOUNT)
    .catch(() => false);
  box.cleanup();
});

describe('faktor:// same-device link', () => {
  it('opens the confirm step of a paired login, whose code logs the browser in; the same link again is refused', async () => {
    await main.api['vault-status']({});
    await pairedAccount('link-erika');
    const browser = new Client(t.url);
    const qr = (await browser.post<Qr>('/api/login/desktop-app', { username: 'link-erika' })).body;
    const link = formatSameDeviceLink(qr.payload);

    await main.desktop.openLink(link);
    const opened = lastAction();
    expect(shown).toBe(1);
    if (opened?.kind !== 'show-scan')
      throw new Error(`expected show-scan, got ${JSON.stringify(opened)}`);
    const [code] = opened.result.codes;
    expect(code).toMatchObject({
      source: { kind: 'link' },
      route: {
        kind: 'servicekonto-login',
        login: { origin: t.server.origin, accountName: 'link-erika', tx: qr.tx },
      },
    });
    const shownCode = await main.api['servicekonto-offline-code']({ token: code!.token, pin: PIN });
    expect(
      (await browser.post('/api/login/desktop-app/code', { tx: qr.tx, code: shownCode.code }))
        .status,
    ).toBe(200);

    await main.desktop.openLink(link);
    expect(lastAction()).toEqual({ kind: 'error', code: 'protocol-replayed' });
  }, 90_000);

  it('refuses foreign, expired, tampered, oversize, unknown-version and junk links before showing anything', async () => {
    await main.api['vault-status']({});
    await pairedAccount('link-max');
    const qr = (
      await new Client(t.url).post<Qr>('/api/login/desktop-app', { username: 'link-max' })
    ).body;
    const login = parseLoginPayload(qr.payload, clock.now());
    const { v: _v, ...fields } = login;
    const other = await startTestServer();
    let foreign: string;
    try {
      await newAccount(other.url, 'link-max');
      foreign = (
        await new Client(other.url).post<Qr>('/api/login/desktop-app', { username: 'link-max' })
      ).body.payload;
    } finally {
      await other.stop();
    }
    const cases: Array<[string, string]> = [
      [formatSameDeviceLink(foreign), 'not-paired'],
      [
        formatSameDeviceLink(formatLoginPayload({ ...fields, origin: 'https://evil.example' })),
        'not-paired',
      ],
      [
        formatSameDeviceLink(formatLoginPayload({ ...fields, account: 'someone-else' })),
        'not-paired',
      ],
      [
        formatSameDeviceLink(qr.payload.replace('"level":"substanziell"', '"level":"ultra"')),
        'protocol-malformed',
      ],
      [formatSameDeviceLink(qr.payload.replace('{"v":1', '{"v":2')), 'protocol-version'],
      [formatSameDeviceLink(qr.payload).replace('v=1', 'v=9'), 'protocol-version'],
      [`faktor://login?v=1&p=${'x'.repeat(20_000)}`, 'protocol-oversize'],
      [formatSameDeviceLink('otpauth://totp/evil?secret=JBSWY3DPEHPK3PXP'), 'unsupported-payload'],
      ['faktor://%%%', 'protocol-malformed'],
      ['--no-sandbox', 'protocol-malformed'],
    ];
    for (const [link, expected] of cases) {
      await main.desktop.openLink(link);
      expect([link.slice(0, 50), lastAction()]).toEqual([
        link.slice(0, 50),
        { kind: 'error', code: expected },
      ]);
    }
    // Expired: the same, otherwise good link after its two minutes.
    clock.advance(3 * 60_000);
    await main.desktop.openLink(formatSameDeviceLink(qr.payload));
    expect(lastAction()).toEqual({ kind: 'error', code: 'protocol-expired' });
    expect(actions().every((a) => a.kind === 'error')).toBe(true);
  }, 90_000);

  it('a link that arrives while the vault is locked opens right after the unlock', async () => {
    await main.api['vault-status']({});
    await pairedAccount('link-lena');
    await main.api['vault-set-password']({ current: null, next: 'app password 1' });
    await main.api['vault-lock']({});
    const qr = (
      await new Client(t.url).post<Qr>('/api/login/desktop-app', { username: 'link-lena' })
    ).body;
    await main.desktop.openLink(formatSameDeviceLink(qr.payload));
    expect(actions()).toEqual([]);
    await main.api['vault-unlock']({ password: 'app password 1' });
    await expect.poll(() => lastAction()?.kind).toBe('show-scan');
  }, 90_000);
});

describe('approval notification', () => {
  it('clicking it opens that request in the window', async () => {
    await main.api['vault-status']({});
    await pairedAccount('note-erika');
    await main.api['servicekonto-list']({});
    const push = (
      await new Client(t.url).post<{ tx: string }>('/api/login/desktop-app/push', {
        username: 'note-erika',
      })
    ).body;
    await expect.poll(() => notes.length, { timeout: 20_000 }).toBe(1);
    expect(actions()).toEqual([]);
    notes[0]!.onClick?.();
    expect(lastAction()).toEqual({ kind: 'open-request', tx: push.tx });
    expect((await main.api['servicekonto-requests']({})).map((r) => r.tx)).toEqual([push.tx]);
  }, 90_000);
});
