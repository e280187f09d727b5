import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf } from '../../../../shared/ipc/contract';
import { isUserActivity, uiLanguage, type Api } from '../../../../electron/main/api';
import { createQuitTasks } from '../../../../electron/main/services/quit-tasks';
import type { FileFilter } from '../../../../electron/main/ports';
import { testPorts } from '../../../support/doubles';
import { outcome, sandbox, testApi } from '../../../support/sandbox';

/**
 * Issue #7 items 7 (names on manual entry and edit), 9, 10 and 11 through the real api: real
 * gnome-keyring, real files; only the platform ports are doubles (no Electron binary here). The
 * quit hook is the one Ports.onQuit that platform/bootstrap.ts runs from 'will-quit'.
 */

const SEED_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
let box: ReturnType<typeof sandbox>;
let ports: ReturnType<typeof testPorts>;
let quit: ReturnType<typeof createQuitTasks>;
let api: Api;

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
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

const code = <C extends Channel>(c: C, req: RequestOf<C>): Promise<string> =>
  outcome(() => api[c](req));

beforeEach(() => {
  box = sandbox();
  ports = testPorts();
  quit = createQuitTasks();
  api = testApi(box, { ...ports, onQuit: (run) => quit.add(run) });
});
afterEach(async () => {
  await box.close();
});

describe('item 7: names with controls are refused on manual entry and edit', () => {
  it('refuses C0/C1 and bidi controls in issuer and label; nothing is stored', async () => {
    for (const bad of [
      manual({ label: 'al\u0000ice' }),
      manual({ issuer: '\u202emoc.lapyap' }),
      manual({ label: 'bob\u2066' }),
      manual({ issuer: 'Evil\nCorp' }),
      manual({ label: 'x\u0085' }),
    ]) {
      expect(await code('accounts-add-manual', bad)).toBe('unsafe-name');
    }
    expect(await api['accounts-list']({})).toEqual([]);
    const a = await api['accounts-add-manual'](manual({ label: 'שלום alice' }));
    expect(await code('accounts-update', { id: a.id, patch: { issuer: 'ACME\u200f' } })).toBe(
      'unsafe-name',
    );
    expect(await code('accounts-update', { id: a.id, patch: { label: '\u001b[31mred' } })).toBe(
      'unsafe-name',
    );
    expect((await api['accounts-list']({})).map((x) => [x.issuer, x.label])).toEqual([
      ['ACME', 'שלום alice'],
    ]);
    expect(
      await code('accounts-add-uri', {
        uri: `otpauth://totp/x?secret=${SEED_B32}&issuer=%E2%80%AEmoc.lapyap`,
      }),
    ).toBe('unsafe-name');
  });
});

describe('item 9: camera frames are not user activity', () => {
  it('classifies calls: a camera frame is not activity, a picked image is', () => {
    expect(isUserActivity('qr-decode-image', { base64: 'AA==', source: 'camera' })).toBe(false);
    expect(isUserActivity('qr-decode-image', { base64: 'AA==', source: 'image' })).toBe(true);
    expect(isUserActivity('codes-current', {})).toBe(false);
    expect(isUserActivity('vault-activity', {})).toBe(true);
  });

  it('an open camera scan (a frame every 250 ms) does not keep the app from auto-locking', async () => {
    await api['settings-set']({ autoLockMinutes: 1 });
    await api['vault-set-password']({ current: null, next: 'long enough' });
    const frame = Buffer.from('not really a jpeg').toString('base64');
    for (let ms = 0; ms < 59_000; ms += 250) {
      ports.clock.advance(250);
      await code('qr-decode-image', { base64: frame, source: 'camera' });
    }
    ports.clock.advance(1000);
    await settle();
    expect((await api['vault-status']({})).state).toBe('locked');
  });
});

describe('item 10: the clipboard on lock and quit, concealment hints', () => {
  it('writes codes with the concealment hints', async () => {
    const a = await api['accounts-add-manual'](manual());
    await api['codes-copy']({ id: a.id });
    expect(ports.clipboard.concealed).toBe(true);
  });

  it('clears a copied code on lock even with timed clearing off, but leaves what the user copied since', async () => {
    const a = await api['accounts-add-manual'](manual());
    await api['settings-set']({ clipboardClearSeconds: 0 });
    await api['vault-set-password']({ current: null, next: 'long enough' });
    await api['codes-copy']({ id: a.id });
    expect(ports.clipboard.text).toMatch(/^\d{8}$/);
    await api['vault-lock']({});
    await settle();
    expect(ports.clipboard.text).toBe('');

    await api['vault-unlock']({ password: 'long enough' });
    await api['codes-copy']({ id: a.id });
    ports.clipboard.writeText('the user copied this');
    await api['vault-lock']({});
    await settle();
    expect(ports.clipboard.text).toBe('the user copied this');
  });

  it('clears a copied code on quit (only if still ours), without an app password too', async () => {
    const a = await api['accounts-add-manual'](manual());
    await api['codes-copy']({ id: a.id });
    await quit.run(2000);
    expect(ports.clipboard.text).toBe('');

    const other = createQuitTasks();
    api = testApi(box, { ...ports, onQuit: (run) => other.add(run) });
    await api['codes-copy']({ id: a.id });
    ports.clipboard.writeText('mine');
    await other.run(2000);
    expect(ports.clipboard.text).toBe('mine');
  });

  it('a hung quit task cannot hold the exit', async () => {
    const tasks = createQuitTasks();
    tasks.add(() => new Promise<void>(() => undefined));
    await tasks.run(20);
    expect(tasks.started).toBe(true);
  });
});

describe('item 11: compromised-renderer hardening', () => {
  it("plain export needs main's native consent; the renderer's boolean alone writes nothing", async () => {
    await api['accounts-add-manual'](manual());
    const file = join(box.dir, 'plain.txt');
    ports.dialogs.savePath = file;
    ports.dialogs.plainConsent = false;
    expect(await code('backup-export-plain', { acknowledgedUnencrypted: true })).toBe('cancelled');
    expect(existsSync(file)).toBe(false);
    expect(ports.dialogs.consentAsked).toEqual(['de']); // language 'system', OS locale de-DE
    await api['settings-set']({ language: 'en' });
    ports.dialogs.plainConsent = true;
    expect(await api['backup-export-plain']({ acknowledgedUnencrypted: true })).toEqual({
      count: 1,
      fileName: 'plain.txt',
    });
    expect(ports.dialogs.consentAsked).toEqual(['de', 'en']);
  });

  it('a port without the native question refuses plain export (fail closed)', async () => {
    // The same dialogs without confirmPlainExport (a spread of the class instance would drop its methods).
    const dialogs = {
      chooseSaveFile: (name: string) => ports.dialogs.chooseSaveFile(name),
      chooseOpenFile: (f: readonly FileFilter[]) => ports.dialogs.chooseOpenFile(f),
    };
    api = testApi(box, { ...ports, dialogs });
    await api['accounts-add-manual'](manual());
    ports.dialogs.savePath = join(box.dir, 'plain.txt');
    expect(await code('backup-export-plain', { acknowledgedUnencrypted: true })).toBe('cancelled');
    expect(existsSync(join(box.dir, 'plain.txt'))).toBe(false);
  });

  it('settings-set is refused while the vault is locked', async () => {
    await api['settings-set']({ autoLockMinutes: 5 });
    await api['vault-set-password']({ current: null, next: 'long enough' });
    await api['vault-lock']({});
    expect(await code('settings-set', { autoLockMinutes: 0 })).toBe('vault-locked');
    expect(await code('settings-set', { clipboardClearSeconds: 0 })).toBe('vault-locked');
    expect((await api['settings-get']({})).autoLockMinutes).toBe(5);
    await api['vault-unlock']({ password: 'long enough' });
    expect(await code('settings-set', { autoLockMinutes: 0 })).toBe('ok');
  });

  it('native dialogs speak the app language, else the OS one', () => {
    expect(uiLanguage('system', 'de-DE')).toBe('de');
    expect(uiLanguage('system', 'de')).toBe('de');
    expect(uiLanguage('system', 'en-US')).toBe('en');
    expect(uiLanguage('system', 'fr-FR')).toBe('en');
    expect(uiLanguage('en', 'de-DE')).toBe('en');
    expect(uiLanguage('de', 'en-US')).toBe('de');
  });
});
