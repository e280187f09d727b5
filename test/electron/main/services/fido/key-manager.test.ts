import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeyManager } from '../../../../../electron/main/services/fido/key-manager';
import { createMemoryPipe } from '../../../../../electron/main/services/fido/memory-transport';
import type { KeyDevice } from '../../../../../electron/main/services/fido/node-hid-transport';
import {
  SoftAuthenticator,
  type SoftAuthenticatorOptions,
} from '../../../../support/soft-authenticator/authenticator';
import { SoftCtapHid } from '../../../../support/soft-authenticator/soft-ctaphid';
import { enrolResident } from '../../../../support/soft-authenticator/enrol';

// The key manager over "plugged-in" software authenticators: each open() is a fresh in-memory pipe to
// the same simulated key, as reopening a hidraw node is to a physical one (which cannot exist in CI).
function rig(keys: Record<string, SoftAuthenticatorOptions>) {
  const authenticators = new Map(
    Object.entries(keys).map(([path, o]) => [path, new SoftAuthenticator(o)] as const),
  );
  let plugged: KeyDevice[] = [...authenticators.keys()].map((path) => ({
    path,
    vendorId: 0x1209,
    productId: 0x5070,
    product: 'Soft key',
  }));
  const manager = new KeyManager({
    list: async () => plugged,
    open: async (path) => {
      const a = authenticators.get(path);
      if (!a) throw new Error('no such device');
      const { host, device } = createMemoryPipe();
      new SoftCtapHid(a, device);
      return host;
    },
  });
  return {
    manager,
    authenticators,
    unplug: (path: string) => (plugged = plugged.filter((d) => d.path !== path)),
    plug: (d: KeyDevice) => (plugged = [...plugged, d]),
  };
}

describe('KeyManager facade', () => {
  it('lists keys with info, PIN state and capabilities; a U2F-only key too', async () => {
    const { manager, authenticators } = rig({
      '/dev/hidraw1': { credMgmt: 'preview' },
      '/dev/hidraw2': { ctap2: false },
    });
    await manager.setPin('/dev/hidraw1', '2468');
    const [fido2, u2f] = await manager.listKeys();
    expect(fido2).toMatchObject({
      ctap2: true,
      u2f: true,
      wink: true,
      pinSet: true,
      pinRetries: 8,
      minPinLength: 4,
      credMgmt: true,
      versions: ['U2F_V2', 'FIDO_2_0', 'FIDO_2_1'],
    });
    expect(fido2!.aaguid).toBe(bytesToHex(authenticators.get('/dev/hidraw1')!.core.aaguid));
    expect(u2f).toMatchObject({ ctap2: false, u2f: true, versions: ['U2F_V2'], credMgmt: false });
  });

  it('a key that cannot be opened is listed with its error, not dropped', async () => {
    const { manager, plug } = rig({});
    plug({ path: '/dev/hidraw9', vendorId: 1, productId: 2 });
    expect(await manager.listKeys()).toMatchObject([{ error: 'internal', ctap2: false }]);
  });

  it('change PIN, list and delete resident credentials, wink, reset', async () => {
    const { manager, authenticators } = rig({ '/dev/hidraw1': {} });
    const a = authenticators.get('/dev/hidraw1')!;
    await manager.setPin('/dev/hidraw1', '2468');
    await manager.changePin('/dev/hidraw1', '2468', '97531');
    await enrolResident(a, '97531', 'konto.example', 'erika');
    await enrolResident(a, '97531', 'konto.example', 'max');
    const list = await manager.listCredentials('/dev/hidraw1', '97531');
    expect(list).toHaveLength(1);
    expect(list[0]!.credentials.map((c) => c.user.name).sort()).toEqual(['erika', 'max']);
    await manager.deleteCredential('/dev/hidraw1', '97531', list[0]!.credentials[0]!.credentialId);
    expect((await manager.listCredentials('/dev/hidraw1', '97531'))[0]!.credentials).toHaveLength(
      1,
    );
    await manager.wink('/dev/hidraw1');
    expect(a.winks).toBe(1);
    await manager.reset('/dev/hidraw1');
    expect((await manager.listKeys())[0]).toMatchObject({ pinSet: false });
  });

  it('reset outside the window after plug-in is refused with NOT_ALLOWED; replug is detected', async () => {
    const { manager, unplug, plug } = rig({ '/dev/hidraw1': { resetWindowMs: 0 } });
    await expect(manager.reset('/dev/hidraw1')).rejects.toMatchObject({
      params: { status: 'NOT_ALLOWED' },
    });
    const replug = manager.waitForReplug(5000, 5);
    setTimeout(() => unplug('/dev/hidraw1'), 20);
    setTimeout(() => plug({ path: '/dev/hidraw3', vendorId: 0x1209, productId: 0x5070 }), 60);
    expect((await replug).path).toBe('/dev/hidraw3');
  });
});
