import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type Channel, type RequestOf } from '../../../../shared/ipc/contract';
import type { ChannelHandlers } from '../../../../electron/main/ipc';
import { createApi, type Api, type ApiDeps } from '../../../../electron/main/api';
import { testPorts } from '../../../support/doubles';
import { outcome, sandbox, testApi } from '../../../support/sandbox';
import { DEFAULT_SETTINGS } from '../../../../electron/main/services/settings';
import { blank, drawQr, qrMatrix, toPng } from '../../../../bench/qr/synth';

/**
 * The API end to end on real parts: real gnome-keyring, real files, real crypto and OTP code; only
 * the platform ports (clipboard, dialogs, clock, event sink) are doubles because Electron cannot run
 * here. Every response is checked against the contract's schema and scanned for the seeds, and so is
 * every error and every event.
 */

// RFC 6238/4226 seed "12345678901234567890" and another one.
const SEED_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SEED2_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SEEDS = [
  SEED_B32,
  SEED2_B32,
  Buffer.from('12345678901234567890').toString('base64'),
  Buffer.from('12345678901234567890').toString('hex'),
];

type Ports = ReturnType<typeof testPorts>;
let box: ReturnType<typeof sandbox>;
let ports: Ports;
let api: Api;
const leaks: string[] = [];

function scan(where: string, value: unknown): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  for (const s of SEEDS)
    if (text.includes(s) || text.toLowerCase().includes(s.toLowerCase()))
      leaks.push(`${where}: ${s}`);
}

/** The API as the dispatcher sees it, with every response schema-checked and scanned. */
function checked(inner: Api): Api {
  return Object.fromEntries(
    (Object.keys(contract) as Channel[]).map((c) => [
      c,
      async (req: unknown) => {
        try {
          const res = await (inner[c] as (r: unknown) => Promise<unknown>)(req);
          scan(`response ${c}`, res);
          contract[c].response.parse(res);
          return res;
        } catch (e) {
          scan(
            `error ${c}`,
            e instanceof Error ? `${e.message} ${e.stack} ${JSON.stringify(e)}` : e,
          );
          throw e;
        }
      },
    ]),
  ) as Api;
}

function build(extra: Partial<ApiDeps> = {}): Api {
  return checked(testApi(box, ports, extra));
}

const code = <C extends Channel>(c: C, req: RequestOf<C>, a: Api = api): Promise<string> =>
  outcome(() => a[c](req));

/** Lets timer callbacks (which run async work: clipboard reads, the vault's queue) finish. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

const manual = (
  over: Partial<RequestOf<'accounts-add-manual'>> = {},
): RequestOf<'accounts-add-manual'> => ({
  type: 'totp',
  issuer: 'ACME',
  label: 'alice',
  secret: SEED_B32,
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
  ...over,
});

beforeEach(() => {
  box = sandbox();
  ports = testPorts();
  api = build();
  leaks.length = 0;
});
afterEach(async () => {
  for (const e of ports.events) scan(`event ${e.event}`, e.payload);
  expect(leaks).toEqual([]);
  await box.close();
});

describe('api', () => {
  it('implements exactly the contract (and fits the dispatcher)', () => {
    const asHandlers: ChannelHandlers = createApi({
      appDataDir: box.dir,
      keychainService: box.service,
      ports,
    });
    expect(Object.keys(asHandlers).sort()).toEqual(Object.keys(contract).sort());
  });

  it('adds accounts and computes RFC 6238 / RFC 4226 codes without ever returning a seed', async () => {
    expect(await api['vault-status']({})).toEqual({
      state: 'ready',
      hasPassword: false,
      error: null,
    });
    ports.clock.t = 59_000; // RFC 6238 T=59 s
    const a = await api['accounts-add-manual'](
      manual({ secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq' }),
    );
    expect(a).toMatchObject({ issuer: 'ACME', label: 'alice', digits: 8, counter: 0, color: null });
    const b = await api['accounts-add-uri']({
      uri: `otpauth://hotp/Bank:bob?secret=${SEED_B32}&counter=0&issuer=Bank`,
    });
    expect(b).toMatchObject({ type: 'hotp', issuer: 'Bank', label: 'bob' });
    expect(await api['codes-current']({})).toEqual([
      { id: a.id, code: '94287082', validFrom: 30_000, validUntil: 60_000 },
    ]);
    expect(await api['codes-current']({ ids: [b.id] })).toEqual([]);

    expect((await api['codes-hotp-next']({ id: b.id })).code).toBe('755224');
    expect((await api['codes-hotp-next']({ id: b.id })).code).toBe('287082');
    const restarted = build();
    expect((await restarted['accounts-list']({})).find((x) => x.id === b.id)?.counter).toBe(2);
    expect((await restarted['codes-hotp-next']({ id: b.id })).code).toBe('359152');

    expect(await code('accounts-add-manual', manual({ secret: '1nv@lid!' }))).toBe(
      'invalid-secret',
    );
    expect(await code('accounts-add-manual', manual({ secret: SEED2_B32, period: 90_000 }))).toBe(
      'invalid-parameter',
    );
    expect(
      await code('accounts-add-manual', manual({ secret: 'gezdgnbvgy3tqojqgezdgnbvgy3tqojq' })),
    ).toBe('duplicate');
    expect(await code('accounts-add-uri', { uri: 'otpauth://totp/x?secret=' })).toBe(
      'invalid-secret',
    );
    expect(await code('accounts-add-uri', { uri: 'https://example.com' })).toBe('invalid-uri');
    expect(await code('codes-hotp-next', { id: a.id })).toBe('invalid-request');
    expect(await code('codes-current', { ids: ['missing-id-1'] })).toBe('not-found');
    expect((await api['accounts-list']({})).length).toBe(2);
    expect(ports.events.some((e) => e.event === 'vault-changed')).toBe(true);
  });

  it('copies in main and clears only if the clipboard still holds the code', async () => {
    ports.clock.t = 59_000;
    const a = await api['accounts-add-manual'](manual());
    expect(await api['codes-copy']({ id: a.id })).toEqual({ clearsAt: 89_000 });
    expect(ports.clipboard.text).toBe('94287082');
    // The copy is remembered for "sort by recent use" (issue #12).
    expect((await api['accounts-list']({})).find((x) => x.id === a.id)?.lastUsed).toBe(59_000);
    ports.clock.advance(30_000);
    await settle();
    expect(ports.clipboard.text).toBe('');

    await api['codes-copy']({ id: a.id });
    ports.clipboard.text = 'something the user copied';
    ports.clock.advance(30_000);
    await settle();
    expect(ports.clipboard.text).toBe('something the user copied');

    await api['settings-set']({ clipboardClearSeconds: 0 });
    expect(await api['codes-copy']({ id: a.id })).toEqual({ clearsAt: null });

    const h = await api['accounts-add-manual'](manual({ type: 'hotp', secret: SEED2_B32 }));
    expect(await code('codes-copy', { id: h.id })).toBe('invalid-request'); // no HOTP code shown yet
    const shown = await api['codes-hotp-next']({ id: h.id });
    await api['codes-copy']({ id: h.id });
    expect(ports.clipboard.text).toBe(shown.code);
  });

  it('settings persist atomically and survive a restart; bad values are refused', async () => {
    expect(await api['settings-get']({})).toEqual({ ...DEFAULT_SETTINGS });
    expect(await api['settings-set']({ language: 'de', autoLockMinutes: 10 })).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'de',
      autoLockMinutes: 10,
    });
    expect(await build()['settings-get']({})).toMatchObject({
      language: 'de',
      autoLockMinutes: 10,
    });
    expect(await code('settings-set', { autoLockMinutes: -1 })).toBe('invalid-parameter');
    writeFileSync(join(box.dir, 'settings.json'), '{"language":"xx","autoLockMinutes":3}');
    expect(await build()['settings-get']({})).toEqual({ ...DEFAULT_SETTINGS, autoLockMinutes: 3 });
    expect(await api['app-locale']({})).toEqual({ locale: 'de-DE' });
  });

  it('delete with undo: same id, same position, within 30 s only', async () => {
    const ids = [];
    for (const [i, s] of [SEED_B32, SEED2_B32, 'MFRGGZDFMZTWQ2LK'].entries())
      ids.push((await api['accounts-add-manual'](manual({ label: `n${i}`, secret: s }))).id);
    const { undoToken } = await api['accounts-delete']({ id: ids[1]! });
    expect((await api['accounts-list']({})).map((a) => a.id)).toEqual([ids[0], ids[2]]);
    await api['accounts-restore']({ undoToken });
    expect((await api['accounts-list']({})).map((a) => a.id)).toEqual(ids);
    const late = await api['accounts-delete']({ id: ids[0]! });
    ports.clock.advance(30_001);
    expect(await code('accounts-restore', { undoToken: late.undoToken })).toBe('not-found');
  });

  it('app lock: every secret-touching call is refused while locked; auto-lock ignores code polling', async () => {
    const a = await api['accounts-add-manual'](manual());
    await api['settings-set']({ autoLockMinutes: 1 });
    expect(await api['vault-set-password']({ current: null, next: 'long enough' })).toEqual({
      state: 'ready',
      hasPassword: true,
      error: null,
    });

    for (let s = 0; s < 59; s++) {
      ports.clock.advance(1000);
      await api['codes-current']({}); // the renderer's refresh is not user activity
    }
    expect((await api['vault-status']({})).state).toBe('ready');
    ports.clock.advance(1000);
    await settle();
    expect(ports.events.at(-1)).toEqual({
      event: 'vault-status',
      payload: { state: 'locked', hasPassword: true, error: null },
    });

    const refused: Array<[Channel, unknown]> = [
      ['accounts-list', {}],
      ['accounts-add-uri', { uri: `otpauth://totp/x?secret=${SEED2_B32}` }],
      ['accounts-add-manual', manual({ secret: SEED2_B32 })],
      ['accounts-update', { id: a.id, patch: { label: 'x' } }],
      ['accounts-delete', { id: a.id }],
      ['accounts-restore', { undoToken: 'whatever-token' }],
      ['accounts-reorder', { ids: [a.id] }],
      ['codes-current', {}],
      ['codes-hotp-next', { id: a.id }],
      ['codes-copy', { id: a.id }],
      ['backup-export', { password: 'long enough' }],
      ['backup-export-plain', { acknowledgedUnencrypted: true }],
      ['backup-import', { password: null }],
      ['vault-set-password', { current: 'long enough', next: null }],
    ];
    for (const [c, req] of refused)
      expect([c, await code(c, req as never)]).toEqual([c, 'vault-locked']);
    expect(ports.dialogs.lastFilters).toEqual([]); // import refused before any dialog opened

    // Still allowed while locked: status, settings, locale, activity.
    expect(await code('settings-get', {})).toBe('ok');
    expect(await code('vault-activity', {})).toBe('ok');
    expect(await code('vault-unlock', { password: 'wrong!!!' })).toBe('wrong-password');
    expect((await api['vault-unlock']({ password: 'long enough' })).state).toBe('ready');
    expect((await api['codes-current']({})).length).toBe(1);

    // Activity keeps it open; the lazy check locks even if a timer never fired.
    ports.clock.advance(50_000);
    await api['vault-activity']({});
    ports.clock.advance(50_000);
    expect((await api['vault-status']({})).state).toBe('ready');
    ports.clock.t += 61_000; // time jumps (e.g. the machine slept) without the timer running
    expect(await code('accounts-list', {})).toBe('vault-locked');
    expect((await api['vault-lock']({})).state).toBe('locked');
  });
});

describe('QR payloads and the lock', () => {
  it('locking the vault drops scanned payloads at once, not only on the next QR call', async () => {
    await api['vault-set-password']({ current: null, next: 'long enough' });
    const img = blank(300, 300);
    drawQr(img, qrMatrix(`otpauth://totp/Scanned:me?secret=${SEED2_B32}&issuer=Scanned`), {
      cx: 150,
      cy: 150,
      module: 4,
    });
    const { codes } = await api['qr-decode-image']({
      base64: toPng(img).toString('base64'),
      source: 'image',
    });
    expect(codes).toHaveLength(1);

    // Lock and unlock with no QR call in between: the token must already be gone.
    expect((await api['vault-lock']({})).state).toBe('locked');
    expect((await api['vault-unlock']({ password: 'long enough' })).state).toBe('ready');
    expect(await code('qr-add-account', { token: codes[0]!.token })).toBe('not-found');
    expect(await api['accounts-list']({})).toEqual([]);
  });

  it('a payload scanned while unlocked can still be added (the control case)', async () => {
    const img = blank(300, 300);
    drawQr(img, qrMatrix(`otpauth://totp/Scanned:me?secret=${SEED2_B32}&issuer=Scanned`), {
      cx: 150,
      cy: 150,
      module: 4,
    });
    const { codes } = await api['qr-decode-image']({
      base64: toPng(img).toString('base64'),
      source: 'image',
    });
    expect((await api['qr-add-account']({ token: codes[0]!.token })).issuer).toBe('Scanned');
  });
});

describe('backup through the api', () => {
  it('encrypted export → wipe → import round trip; tamper, wrong password, unknown version, cancel', async () => {
    ports.clock.t = 59_000;
    await api['accounts-add-manual'](manual());
    await api['accounts-add-uri']({
      uri: `otpauth://hotp/Bank:bob?secret=${SEED2_B32}&counter=7&issuer=Bank`,
    });
    const file = join(box.dir, 'export.faktor');
    ports.dialogs.savePath = file;
    expect(await api['backup-export']({ password: 'backup password' })).toEqual({
      count: 2,
      fileName: 'export.faktor',
    });
    const text = readFileSync(file, 'utf8');
    scan('backup file', text);
    expect(JSON.parse(text)).toMatchObject({
      format: 'faktor-backup',
      version: 1,
      kdf: { name: 'argon2id' },
      cipher: { name: 'aes-256-gcm' },
    });

    const other = sandbox();
    const fresh = checked(testApi(other, ports));
    try {
      ports.dialogs.openPath = file;
      expect(await code('backup-import', { password: 'wrong password' }, fresh)).toBe(
        'backup-wrong-password',
      );
      expect(await code('backup-import', { password: null }, fresh)).toBe('backup-wrong-password');
      expect(await fresh['backup-import']({ password: 'backup password' })).toEqual({
        imported: 2,
        duplicates: [],
      });
      const list = await fresh['accounts-list']({});
      expect(list.map((a) => [a.issuer, a.label, a.type, a.counter])).toEqual([
        ['ACME', 'alice', 'totp', 0],
        ['Bank', 'bob', 'hotp', 7],
      ]);
      expect((await fresh['codes-current']({}))[0]!.code).toBe('94287082');
      // importing the same file again doubles nothing
      expect(await fresh['backup-import']({ password: 'backup password' })).toEqual({
        imported: 0,
        duplicates: [
          { issuer: 'ACME', label: 'alice' },
          { issuer: 'Bank', label: 'bob' },
        ],
      });

      const env = JSON.parse(text) as { ciphertext: string; version: number };
      const ct = Buffer.from(env.ciphertext, 'base64');
      ct[5]! ^= 0x80;
      writeFileSync(file, JSON.stringify({ ...env, ciphertext: ct.toString('base64') }));
      expect(await code('backup-import', { password: 'backup password' }, fresh)).toBe(
        'backup-wrong-password',
      );
      writeFileSync(file, JSON.stringify({ ...env, version: 2 }));
      expect(await code('backup-import', { password: 'backup password' }, fresh)).toBe(
        'invalid-backup',
      );
      ports.dialogs.openPath = null;
      expect(await code('backup-import', { password: 'backup password' }, fresh)).toBe('cancelled');
      expect((await fresh['accounts-list']({})).length).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('plain otpauth export needs the acknowledgement; plain import is all-or-nothing with duplicates reported', async () => {
    await api['accounts-add-manual'](manual());
    expect(await code('backup-export-plain', { acknowledgedUnencrypted: false as never })).toBe(
      'invalid-request',
    );
    ports.dialogs.plainConsent = true;
    ports.dialogs.savePath = null;
    expect(await code('backup-export-plain', { acknowledgedUnencrypted: true })).toBe('cancelled');
    const file = join(box.dir, 'plain.txt');
    ports.dialogs.savePath = file;
    expect(await api['backup-export-plain']({ acknowledgedUnencrypted: true })).toEqual({
      count: 1,
      fileName: 'plain.txt',
    });
    leaks.length = 0; // the plain file contains the seed by design; the response did not
    const exported = readFileSync(file, 'utf8');
    expect(exported).toMatch(
      /^otpauth:\/\/totp\/ACME:alice\?.*secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ/,
    );

    const before = await api['accounts-list']({});
    writeFileSync(file, `${exported}otpauth://totp/New:one?secret=${SEED2_B32}\nnot a uri\n`);
    ports.dialogs.openPath = file;
    expect(await code('backup-import', { password: null })).toBe('invalid-backup');
    expect(await api['accounts-list']({})).toEqual(before);

    writeFileSync(file, `# my list\n${exported}\notpauth://totp/New:one?secret=${SEED2_B32}\r\n`);
    expect(await api['backup-import']({ password: null })).toEqual({
      imported: 1,
      duplicates: [{ issuer: 'ACME', label: 'alice' }],
    });
    expect((await api['accounts-list']({})).map((a) => a.label)).toEqual(['alice', 'one']);
  });
});
