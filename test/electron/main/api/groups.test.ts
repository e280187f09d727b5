import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type ChannelHandlers } from '../../../../electron/main/ipc';
import { APP_ORIGIN } from '../../../../electron/main/security/app-origin';
import { createSenderPolicy } from '../../../../electron/main/security/sender-policy';
import type { Api } from '../../../../electron/main/api';
import { testPorts } from '../../../support/doubles';
import { sandbox, testApi } from '../../../support/sandbox';

/**
 * The groups-* channels through the ONE validating dispatcher on the real API (real vault file, real
 * gnome-keyring): malformed payloads are refused before the vault is touched, semantic mistakes come
 * back as typed codes, and a rename/dissolve/undo round trip works and reaches the renderer as an event.
 */

const APP = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
const SEED_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let box: ReturnType<typeof sandbox>;
let ports: ReturnType<typeof testPorts>;
let api: Api;
let dispatch: ReturnType<typeof createDispatcher>;

beforeEach(async () => {
  box = sandbox();
  ports = testPorts();
  api = testApi(box, ports);
  dispatch = createDispatcher({
    api: api as unknown as ChannelHandlers,
    isTrustedSender: createSenderPolicy([APP_ORIGIN]),
    log: () => undefined,
  });
  for (const [label, tags] of [
    ['a', ['Work']],
    ['b', ['work', 'Home']],
  ] as const) {
    const acc = await api['accounts-add-manual']({
      type: 'totp',
      issuer: 'Ex',
      label,
      secret: SEED_B32,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
    await api['accounts-update']({ id: acc.id, patch: { tags: [...tags] } });
  }
});
afterEach(() => box.close());

const call = (channel: string, payload: unknown) => dispatch(APP, channel, payload);
const errorOf = async (channel: string, payload: unknown) => {
  const r = await call(channel, payload);
  return r.ok ? 'ok' : r.error.code;
};

describe('groups-* over the validating dispatcher', () => {
  it('refuses malformed requests as invalid-request without changing anything', async () => {
    const bad: Array<[string, unknown]> = [
      ['groups-rename', { from: 'Work' }],
      ['groups-rename', { from: 'Work', to: 5 }],
      ['groups-rename', { from: '', to: 'Office' }],
      ['groups-rename', { from: 'x'.repeat(33), to: 'Office' }],
      ['groups-rename', { from: 'Work', to: 'y'.repeat(257) }],
      ['groups-rename', { from: 'Work', to: 'Office', extra: true }],
      ['groups-dissolve', {}],
      ['groups-dissolve', { name: ['Work'] }],
      ['groups-restore', { undoToken: 'short' }],
      ['groups-list', { all: true }],
    ];
    for (const [c, p] of bad)
      expect([c, p, await errorOf(c, p)]).toEqual([c, p, 'invalid-request']);
    expect(await api['groups-list']({})).toEqual([
      { name: 'Work', count: 2 },
      { name: 'Home', count: 1 },
    ]);
  });

  it('turns semantic mistakes into typed codes', async () => {
    expect(await errorOf('groups-rename', { from: 'Work', to: 'a,b' })).toBe('invalid-group-name');
    expect(await errorOf('groups-rename', { from: 'Work', to: 'x'.repeat(40) })).toBe(
      'invalid-group-name',
    );
    expect(await errorOf('groups-rename', { from: 'Work', to: 'Bad\u2066name' })).toBe(
      'unsafe-name',
    );
    expect(await errorOf('groups-dissolve', { name: 'Nobody' })).toBe('group-not-found');
    expect(await errorOf('groups-restore', { undoToken: 'AAAAAAAAAAAAAAAA' })).toBe('not-found');
  });

  it('renames, dissolves and undoes in one write each; every change tells the renderer', async () => {
    const before = ports.events.length;
    const renamed = await call('groups-rename', { from: 'work', to: 'Office' });
    expect(renamed).toMatchObject({ ok: true, value: { changed: 2 } });
    expect((await api['accounts-list']({})).map((a) => a.tags)).toEqual([
      ['Office'],
      ['Office', 'Home'],
    ]);
    expect(ports.events.slice(before).filter((e) => e.event === 'vault-changed')).toHaveLength(1); // ONE write

    const dissolved = await call('groups-dissolve', { name: 'home' });
    expect(dissolved).toMatchObject({ ok: true, value: { changed: 1 } });
    expect((await api['accounts-list']({})).map((a) => a.tags)).toEqual([['Office'], ['Office']]);

    const token = dissolved.ok ? (dissolved.value as { undoToken: string }).undoToken : '';
    expect(await call('groups-restore', { undoToken: token })).toEqual({
      ok: true,
      value: { restored: 1 },
    });
    expect(await api['groups-list']({})).toEqual([
      { name: 'Office', count: 2 },
      { name: 'Home', count: 1 },
    ]);
  });

  it('every groups-* call is refused while the vault is locked', async () => {
    const r = await call('groups-dissolve', { name: 'Home' });
    const token = r.ok ? (r.value as { undoToken: string }).undoToken : '';
    await api['vault-set-password']({ current: null, next: 'long enough' });
    await api['vault-lock']({});
    for (const [c, p] of [
      ['groups-list', {}],
      ['groups-rename', { from: 'Work', to: 'Office' }],
      ['groups-dissolve', { name: 'Work' }],
      ['groups-restore', { undoToken: token }],
    ] as const) {
      expect([c, await errorOf(c, p)]).toEqual([c, 'vault-locked']);
    }
    await api['vault-unlock']({ password: 'long enough' });
    expect(await errorOf('groups-restore', { undoToken: token })).toBe('not-found'); // the lock dropped the undo
  });
});
