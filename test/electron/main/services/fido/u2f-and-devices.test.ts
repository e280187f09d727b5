import { p256 } from '@noble/curves/nist.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CtapError } from '../../../../../shared/ctap/errors';
import { U2fClient } from '../../../../../electron/main/services/fido/u2f-client';
import { KeyWatcher, type KeyChange } from '../../../../../electron/main/services/fido/key-watcher';
import {
  classifyHidError,
  listKeyDevices,
  UDEV_RULE,
  type KeyDevice,
} from '../../../../../electron/main/services/fido/node-hid-transport';
import { connectSoftKey } from '../../../../support/soft-authenticator/connect';

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('U2F fallback for keys without CTAP2', () => {
  it('a U2F-only key: no CTAP2; register and authenticate verify with its keys', async () => {
    const key = await connectSoftKey({ ctap2: false });
    stop = key.stop;
    expect(key.ctap.supportsCtap2).toBe(false);
    expect(key.ctap.supportsU2f).toBe(true);
    await expect(key.ctap.info()).rejects.toMatchObject({ code: 'key-unsupported' });
    const u2f = new U2fClient(key.channel);
    expect(await u2f.version()).toBe('U2F_V2');
    const chal = new Uint8Array(32).fill(1);
    const app = new Uint8Array(32).fill(2);
    const reg = await u2f.register(chal, app);
    // The certificate is parsed by Node's X.509 (OpenSSL), an independent reader of what we extracted.
    const cert = new X509Certificate(reg.certificate);
    const certKey = new Uint8Array(cert.publicKey.export({ format: 'der', type: 'spki' })).slice(
      -65,
    );
    expect(
      p256.verify(
        reg.signature,
        concatBytes(Uint8Array.of(0), app, chal, reg.keyHandle, reg.publicKey),
        certKey,
        { format: 'der' },
      ),
    ).toBe(true);
    const auth = await u2f.authenticate(chal, app, reg.keyHandle);
    expect(auth.userPresence).toBe(1);
    const counter = Uint8Array.of(0, 0, 0, auth.counter);
    expect(
      p256.verify(
        auth.signature,
        concatBytes(app, Uint8Array.of(1), counter, chal),
        reg.publicKey,
        { format: 'der' },
      ),
    ).toBe(true);
    await expect(u2f.authenticate(chal, app, new Uint8Array(32))).rejects.toMatchObject({
      kind: 'u2f',
      status: 0x6a80,
    });
  });

  it('an untouched U2F key is polled until the deadline, then key-timeout', async () => {
    const key = await connectSoftKey({ ctap2: false }, { touch: { mode: 'never' } });
    stop = key.stop;
    let asked = 0;
    let t = 0;
    const error = await new U2fClient(key.channel)
      .register(new Uint8Array(32), new Uint8Array(32), {
        clock: { now: () => (t += 5000) },
        pollMs: 1,
        onTouchNeeded: () => asked++,
      })
      .catch((e: unknown) => e);
    expect((error as CtapError).code).toBe('key-timeout');
    expect(asked).toBeGreaterThan(0);
  });
});

describe('USB HID devices', () => {
  it('node-hid against the real OS: zero FIDO devices here is a valid, empty answer', async () => {
    const devices = await listKeyDevices();
    expect(Array.isArray(devices)).toBe(true);
    expect(devices.every((d) => typeof d.path === 'string')).toBe(true);
  });

  it('permission denied on Linux names the uaccess udev rule; other failures are key-removed', () => {
    const denied = classifyHidError(
      new Error('cannot open device with path /dev/hidraw3'),
      'linux',
    );
    expect(denied.code).toBe('key-permission-denied');
    expect(denied.detail).toContain(UDEV_RULE);
    expect(UDEV_RULE).toContain('TAG+="uaccess"');
    expect(classifyHidError(new Error('could not read from HID device'), 'linux').code).toBe(
      'key-removed',
    );
    expect(classifyHidError(new Error('Access denied'), 'win32').detail).toContain('Windows');
  });

  it('hotplug: the watcher reports keys that come and go, and ignores a failed listing', async () => {
    const a: KeyDevice = { path: '/dev/hidraw1', vendorId: 0x1050, productId: 0x0407 };
    const b: KeyDevice = { path: '/dev/hidraw2', vendorId: 0x20a0, productId: 0x42b1 };
    let plugged: KeyDevice[] | Error = [];
    const changes: KeyChange[] = [];
    const watcher = new KeyWatcher(
      async () => {
        if (plugged instanceof Error) throw plugged;
        return plugged;
      },
      (c) => changes.push(c),
    );
    await watcher.poll();
    plugged = [a];
    await watcher.poll();
    plugged = [a, b];
    await watcher.poll();
    plugged = new Error('EIO');
    await watcher.poll();
    plugged = [b];
    await watcher.poll();
    expect(changes.map((c) => [c.added.map((d) => d.path), c.removed.map((d) => d.path)])).toEqual([
      [['/dev/hidraw1'], []],
      [['/dev/hidraw2'], []],
      [[], ['/dev/hidraw1']],
    ]);
  });
});
