import { describe, expect, it, vi } from 'vitest';
import {
  createDispatcher,
  createEventPublisher,
  type ChannelHandlers,
} from '../../../../electron/main/ipc';
import { createSenderPolicy } from '../../../../electron/main/security/sender-policy';
import { APP_ORIGIN } from '../../../../electron/main/security/app-origin';
import { FaktorError } from '../../../../shared/errors';
import { contract } from '../../../../shared/ipc/contract';

const APP = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
const SECRET = 'JBSWY3DPEHPK3PXPSECRETSEED';

const account = {
  id: 'acc_00000001',
  type: 'totp',
  issuer: 'Example',
  label: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  color: null,
  icon: null,
  createdAt: 1_700_000_000_000,
  pinned: false,
  tags: [],
  lastUsed: null,
} as const;

/** A test double of api.ts: only the handlers a test needs; a missing one is itself a tested path. */
function setup(handlers: Partial<Record<string, (req: unknown) => Promise<unknown>>>) {
  const log = vi.fn<(line: string) => void>();
  const dispatch = createDispatcher({
    api: handlers as unknown as ChannelHandlers,
    isTrustedSender: createSenderPolicy([APP_ORIGIN]),
    log,
  });
  return { dispatch, log, logged: () => log.mock.calls.map((c) => c[0]).join('\n') };
}

describe('createDispatcher — happy path', () => {
  it('validates the request, calls the api with the parsed data and returns the validated value', async () => {
    const handler = vi.fn(async () => [account]);
    const { dispatch } = setup({ 'accounts-list': handler });
    await expect(dispatch(APP, 'accounts-list', {})).resolves.toEqual({
      ok: true,
      value: [account],
    });
    expect(handler).toHaveBeenCalledWith({});
  });

  it('hands the api the parsed request (defaults/transforms applied, same data)', async () => {
    const handler = vi.fn(async () => account);
    const { dispatch } = setup({ 'accounts-update': handler });
    const res = await dispatch(APP, 'accounts-update', { id: account.id, patch: { label: 'bob' } });
    expect(res.ok).toBe(true);
    expect(handler).toHaveBeenCalledWith({ id: account.id, patch: { label: 'bob' } });
  });
});

describe('createDispatcher — sender guard (negative tests: the inverted-guard lesson)', () => {
  const untrusted: Array<[string, { url: string; isMainFrame: boolean }]> = [
    ['subframe of the app', { url: `${APP_ORIGIN}/index.html`, isMainFrame: false }],
    ['https page', { url: 'https://evil.example/', isMainFrame: true }],
    ['look-alike host (prefix)', { url: 'app://faktor.evil/index.html', isMainFrame: true }],
    ['credentials trick', { url: 'app://faktor@evil/index.html', isMainFrame: true }],
    ['other host on our scheme', { url: 'app://other/index.html', isMainFrame: true }],
    ['app origin with a port', { url: 'app://faktor:8080/index.html', isMainFrame: true }],
    [
      'file url',
      { url: 'file:///opt/Faktor/resources/app.asar/out/renderer/index.html', isMainFrame: true },
    ],
    ['about:blank', { url: 'about:blank', isMainFrame: true }],
    ['data url', { url: 'data:text/html,<script>1</script>', isMainFrame: true }],
    ['empty url', { url: '', isMainFrame: true }],
    ['garbage', { url: 'app:/\u0000faktor', isMainFrame: true }],
  ];
  it.each(untrusted)('refuses %s without calling the api', async (_name, sender) => {
    const handler = vi.fn(async () => [account]);
    const { dispatch } = setup({ 'accounts-list': handler });
    await expect(dispatch(sender, 'accounts-list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses when the sender policy throws', async () => {
    const handler = vi.fn(async () => [account]);
    const dispatch = createDispatcher({
      api: { 'accounts-list': handler } as unknown as ChannelHandlers,
      isTrustedSender: () => {
        throw new Error('boom');
      },
      log: () => {},
    });
    await expect(dispatch(APP, 'accounts-list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses when the sender policy returns a truthy non-boolean', async () => {
    const handler = vi.fn(async () => [account]);
    const dispatch = createDispatcher({
      api: { 'accounts-list': handler } as unknown as ChannelHandlers,
      isTrustedSender: (() => 'yes') as unknown as () => boolean,
      log: () => {},
    });
    await expect(dispatch(APP, 'accounts-list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('checks the sender before anything else (an untrusted caller cannot probe channels)', async () => {
    const { dispatch } = setup({});
    const evil = { url: 'https://evil.example/', isMainFrame: true };
    await expect(dispatch(evil, 'no-such-channel', {})).resolves.toMatchObject({
      error: { code: 'forbidden-sender' },
    });
    await expect(dispatch(evil, 'accounts-list', { junk: 1 })).resolves.toMatchObject({
      error: { code: 'forbidden-sender' },
    });
  });
});

describe('createDispatcher — channel guard', () => {
  it.each([
    'no-such-channel',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
    'ACCOUNTS-LIST',
    'accountsList',
  ])('refuses unknown channel %j', async (channel) => {
    const { dispatch } = setup({});
    await expect(dispatch(APP, channel, {})).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('refuses a non-string channel', async () => {
    const { dispatch } = setup({});
    await expect(dispatch(APP, 42 as unknown as string, {})).resolves.toMatchObject({
      error: { code: 'invalid-request' },
    });
  });

  it('answers internal (not a crash) when api.ts lacks a handler for a contract channel', async () => {
    const { dispatch, logged } = setup({});
    await expect(dispatch(APP, 'vault-status', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged()).toContain('no handler for vault-status');
  });

  it('does not pick up a handler inherited through the prototype', async () => {
    const proto = {
      'vault-status': async () => ({ state: 'ready', hasPassword: false, error: null }),
    };
    const api = Object.create(proto) as ChannelHandlers;
    const dispatch = createDispatcher({ api, isTrustedSender: () => true, log: () => {} });
    await expect(dispatch(APP, 'vault-status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('createDispatcher — request validation', () => {
  const bad: Array<[string, string, unknown]> = [
    ['undefined payload', 'accounts-list', undefined],
    ['null payload', 'accounts-list', null],
    ['array payload', 'accounts-list', []],
    ['string payload', 'accounts-list', 'x'],
    ['unknown key', 'accounts-list', { extra: true }],
    ['missing field', 'accounts-delete', {}],
    ['id with bad characters', 'accounts-delete', { id: '../../etc/passwd' }],
    ['too short password', 'vault-set-password', { current: null, next: 'short' }],
    ['wrong literal', 'backup-export-plain', { acknowledgedUnencrypted: false }],
    [
      'prototype pollution attempt',
      'settings-set',
      JSON.parse('{"__proto__": {"polluted": true}}'),
    ],
  ];
  it.each(bad)('refuses %s without calling the api', async (_name, channel, payload) => {
    const handler = vi.fn(async () => ({}));
    const { dispatch } = setup({ [channel]: handler });
    await expect(dispatch(APP, channel, payload)).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never logs the rejected payload (it may be a secret the user typed)', async () => {
    const { dispatch, logged } = setup({});
    await dispatch(APP, 'accounts-add-manual', { type: 'totp', secret: SECRET, junk: SECRET });
    await dispatch(APP, 'vault-unlock', { password: SECRET, extra: SECRET });
    expect(logged()).not.toContain(SECRET);
  });
});

describe('createDispatcher — response validation (nothing unexpected leaves main)', () => {
  it('maps a response with an extra field (e.g. a secret) to internal and logs no values', async () => {
    const { dispatch, logged } = setup({
      'accounts-list': async () => [{ ...account, secret: SECRET }],
    });
    await expect(dispatch(APP, 'accounts-list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
    expect(logged()).toContain('accounts-list');
    expect(logged()).not.toContain(SECRET);
  });

  it('maps a wrongly typed response to internal', async () => {
    const { dispatch } = setup({
      'codes-current': async () => [{ id: account.id, code: SECRET, validFrom: 0, validUntil: 1 }],
    });
    await expect(dispatch(APP, 'codes-current', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('maps an undefined response to internal', async () => {
    const { dispatch } = setup({ 'vault-status': async () => undefined });
    await expect(dispatch(APP, 'vault-status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('createDispatcher — errors', () => {
  it('maps a FaktorError to its code and params, without the detail', async () => {
    const { dispatch } = setup({
      'accounts-delete': async () => {
        throw new FaktorError('not-found', `detail with ${SECRET}`, { id: account.id });
      },
    });
    const res = await dispatch(APP, 'accounts-delete', { id: account.id });
    expect(res).toEqual({ ok: false, error: { code: 'not-found', params: { id: account.id } } });
    expect(JSON.stringify(res)).not.toContain(SECRET);
  });

  it('maps a FaktorError without params to just the code', async () => {
    const { dispatch } = setup({
      'vault-unlock': async () => {
        throw new FaktorError('wrong-password');
      },
    });
    await expect(dispatch(APP, 'vault-unlock', { password: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'wrong-password' },
    });
  });

  it.each([
    ['Error', () => new Error(`seed ${SECRET} broke`)],
    ['TypeError', () => new TypeError(SECRET)],
    ['a string', () => SECRET],
    ['an object', () => ({ code: 'not-found', secret: SECRET })],
    ['undefined', () => undefined],
  ])(
    'maps a thrown %s to internal: no message or stack to the renderer, no secret in the log',
    async (_n, make) => {
      const { dispatch, logged } = setup({
        'codes-copy': async () => {
          throw make();
        },
      });
      const res = await dispatch(APP, 'codes-copy', { id: account.id });
      expect(res).toEqual({ ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(res)).not.toContain(SECRET);
      expect(logged()).toContain('codes-copy');
      expect(logged()).not.toContain(SECRET);
    },
  );

  it('also catches a handler that throws synchronously', async () => {
    const { dispatch } = setup({
      'vault-lock': (() => {
        throw new Error(SECRET);
      }) as unknown as () => Promise<unknown>,
    });
    await expect(dispatch(APP, 'vault-lock', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('createDispatcher — covers the whole contract', () => {
  it.each(Object.keys(contract))(
    '%s is routed (sender ok + empty payload → only request validation or the handler decides)',
    async (channel) => {
      const handler = vi.fn(async () => {
        throw new FaktorError('cancelled');
      });
      const { dispatch } = setup({ [channel]: handler });
      const res = await dispatch(APP, channel, {});
      expect(res.ok).toBe(false);
      if (!res.ok) expect(['invalid-request', 'cancelled']).toContain(res.error.code);
    },
  );
});

describe('createEventPublisher', () => {
  it('sends a valid contract event', () => {
    const sink = vi.fn();
    const emit = createEventPublisher(sink, () => {});
    emit('vault-status', { state: 'locked', hasPassword: true, error: null });
    expect(sink).toHaveBeenCalledWith('vault-status', {
      state: 'locked',
      hasPassword: true,
      error: null,
    });
  });

  it('drops an unknown event name', () => {
    const sink = vi.fn();
    const log = vi.fn();
    const emit = createEventPublisher(sink, log);
    (emit as (n: string, p: unknown) => void)('secret-leak', { seed: SECRET });
    (emit as (n: string, p: unknown) => void)('__proto__', {});
    expect(sink).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('drops a payload that fails its schema and logs no values', () => {
    const sink = vi.fn();
    const lines: string[] = [];
    const emit = createEventPublisher(sink, (l) => lines.push(l));
    emit('vault-changed', { seed: SECRET } as unknown as Record<string, never>);
    expect(sink).not.toHaveBeenCalled();
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
