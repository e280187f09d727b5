import { describe, expect, it, vi } from 'vitest';
import { buildFaktorApi, type Subscribe } from '../../../electron/preload/faktor-api';
import { contract, events, methodName } from '../../../shared/ipc/contract';

/** A fake transport standing in for ipcRenderer (the Electron binary cannot run here). */
function fakeTransport() {
  let handler: ((name: unknown, payload: unknown) => void) | null = null;
  const invoke = vi.fn(async (channel: string, request: unknown) => ({
    ok: true,
    value: { channel, request },
  }));
  const unsubscribe = vi.fn(() => {
    handler = null;
  });
  const subscribe = vi.fn<Subscribe>((h) => {
    handler = h;
    return unsubscribe;
  });
  const push = (name: unknown, payload: unknown) => handler?.(name, payload);
  return { invoke, subscribe, unsubscribe, push, isSubscribed: () => handler !== null };
}

describe('buildFaktorApi', () => {
  it('exposes exactly one method per contract channel plus on — nothing generic', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    const expected = [...Object.keys(contract).map(methodName), 'on'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const forbidden of [
      'invoke',
      'send',
      'sendSync',
      'ipcRenderer',
      'removeAllListeners',
      'off',
      'emit',
    ]) {
      expect(api).not.toHaveProperty(forbidden);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(Object.keys(contract))(
    '%s: the method invokes only its own channel with the request as given',
    async (channel) => {
      const t = fakeTransport();
      const api = buildFaktorApi(t.invoke, t.subscribe) as unknown as Record<
        string,
        (r: unknown) => Promise<unknown>
      >;
      const request = { probe: channel };
      await expect(api[methodName(channel)]!(request)).resolves.toEqual({
        ok: true,
        value: { channel, request },
      });
      expect(t.invoke).toHaveBeenCalledTimes(1);
      expect(t.invoke).toHaveBeenCalledWith(channel, request);
    },
  );

  it('does not subscribe to IPC until someone listens', () => {
    const t = fakeTransport();
    buildFaktorApi(t.invoke, t.subscribe);
    expect(t.subscribe).not.toHaveBeenCalled();
  });

  it('delivers a known event with only its payload, to the right listeners', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    const status = vi.fn();
    const changed = vi.fn();
    api.on('vault-status', status);
    api.on('vault-changed', changed);
    const payload = { state: 'locked', hasPassword: true, error: null };
    t.push('vault-status', payload);
    expect(status).toHaveBeenCalledWith(payload);
    expect(status.mock.calls[0]).toHaveLength(1);
    expect(changed).not.toHaveBeenCalled();
    expect(t.subscribe).toHaveBeenCalledTimes(1);
  });

  it('drops pushed events whose name is not in the contract', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    const listener = vi.fn();
    api.on('vault-changed', listener);
    t.push('secret-leak', {});
    t.push('__proto__', {});
    t.push(42, {});
    t.push(undefined, {});
    expect(listener).not.toHaveBeenCalled();
  });

  it.each(['no-such-event', '__proto__', 'toString', 'faktor:event', ''])(
    'on(%j) throws: only contract events',
    (name) => {
      const t = fakeTransport();
      const api = buildFaktorApi(t.invoke, t.subscribe);
      expect(() => (api.on as (n: string, l: () => void) => void)(name, () => {})).toThrow(
        TypeError,
      );
      expect(t.subscribe).not.toHaveBeenCalled();
    },
  );

  it('on() with a non-function listener throws', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    expect(() => (api.on as (n: string, l: unknown) => void)('vault-changed', 'alert(1)')).toThrow(
      TypeError,
    );
  });

  it('unsubscribe stops delivery, is idempotent, and releases the IPC listener when the last one goes', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    const a = vi.fn();
    const b = vi.fn();
    const offA = api.on('vault-changed', a);
    const offB = api.on('vault-changed', b);
    offA();
    offA();
    t.push('vault-changed', {});
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    expect(t.unsubscribe).not.toHaveBeenCalled();
    offB();
    expect(t.unsubscribe).toHaveBeenCalledTimes(1);
    expect(t.isSubscribed()).toBe(false);
    api.on('vault-changed', a);
    expect(t.subscribe).toHaveBeenCalledTimes(2);
  });

  it('the same function registered twice is two subscriptions', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    const l = vi.fn();
    const off1 = api.on('vault-changed', l);
    api.on('vault-changed', l);
    off1();
    t.push('vault-changed', {});
    expect(l).toHaveBeenCalledTimes(1);
  });

  it('a throwing listener does not stop the others', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    api.on('vault-changed', () => {
      throw new Error('renderer bug');
    });
    api.on('vault-changed', good);
    t.push('vault-changed', {});
    expect(good).toHaveBeenCalledTimes(1);
    err.mockRestore();
  });

  it('every contract event can be subscribed', () => {
    const t = fakeTransport();
    const api = buildFaktorApi(t.invoke, t.subscribe);
    for (const e of Object.keys(events))
      expect(typeof (api.on as (n: string, l: () => void) => () => void)(e, () => {})).toBe(
        'function',
      );
  });
});
