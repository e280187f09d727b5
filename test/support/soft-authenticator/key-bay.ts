import { createMemoryPipe } from '../../../electron/main/services/fido/memory-transport';
import {
  classifyHidError,
  type KeyDevice,
} from '../../../electron/main/services/fido/node-hid-transport';
import type { HidTransport } from '../../../electron/main/services/fido/transport';
import { CtapError } from '../../../shared/ctap/errors';
import { SoftAuthenticator, type SoftAuthenticatorOptions } from './authenticator';
import type { TouchPolicy } from './presence';
import { SoftCtapHid, type SoftHidOptions } from './soft-ctaphid';

/**
 * TEST DOUBLE of the USB ports a security key is plugged into: it stands in for PHYSICAL USB KEYS,
 * which cannot exist on the build machines. Each "plugged" key is a software authenticator (validated
 * by python-fido2, docs/keys.md); `list`/`open` implement the same seam node-hid does (Ports.keys), and
 * every open is a fresh in-memory 64-byte-report pipe to the same simulated key, as reopening a hidraw
 * node is. Unplugging closes every open pipe, so an operation in flight sees the key vanish.
 */
export class SoftKeyBay {
  private readonly keys = new Map<
    string,
    { authenticator: SoftAuthenticator; device: KeyDevice; denied: boolean }
  >();
  private plugged: string[] = [];
  private readonly live = new Map<string, Set<SoftCtapHid<SoftAuthenticator>>>();
  /** How the simulated user touches keys opened from now on. */
  touch: TouchPolicy = { mode: 'auto' };

  constructor(private readonly hidOptions: Omit<SoftHidOptions, 'touch'> = {}) {}

  /** Plugs in a new simulated key at `path`. */
  plug(
    path: string,
    options: SoftAuthenticatorOptions = {},
    device: Partial<KeyDevice> = {},
  ): SoftAuthenticator {
    const authenticator = new SoftAuthenticator(options);
    this.keys.set(path, {
      authenticator,
      device: {
        path,
        vendorId: 0x1209,
        productId: 0x5070,
        product: 'Soft FIDO2 key',
        manufacturer: 'Faktor tests',
        ...device,
      },
      denied: false,
    });
    this.plugged.push(path);
    return authenticator;
  }

  /** The simulated key at `path`. */
  authenticator(path: string): SoftAuthenticator {
    const k = this.keys.get(path);
    if (!k) throw new Error(`no soft key at ${path}`);
    return k.authenticator;
  }

  /** From now on opening `path` fails as hidraw does without the udev rule (EACCES). */
  denyAccess(path: string): void {
    const k = this.keys.get(path);
    if (k) k.denied = true;
  }

  /** Pulls the key out: it leaves the list and every open pipe to it closes. */
  async unplug(path: string): Promise<void> {
    this.plugged = this.plugged.filter((p) => p !== path);
    const open = [...(this.live.get(path) ?? [])];
    this.live.delete(path);
    await Promise.all(open.map((h) => h.stop()));
  }

  /** Pulls the key out and, after `gapMs`, plugs it back in (power cycle: the reset window opens again). */
  async replug(path: string, gapMs = 600): Promise<void> {
    await this.unplug(path);
    await new Promise((r) => setTimeout(r, gapMs));
    this.authenticator(path).powerCycle();
    this.plugged.push(path);
  }

  /** The seam's device list: the keys plugged in now. */
  readonly list = async (): Promise<KeyDevice[]> =>
    this.plugged.map((p) => this.keys.get(p)!.device);

  /** The seam's open: a fresh pipe to the simulated key. */
  readonly open = async (path: string): Promise<HidTransport> => {
    const k = this.keys.get(path);
    if (!k || !this.plugged.includes(path))
      throw new CtapError('removed', 'the key was disconnected');
    if (k.denied)
      throw classifyHidError(new Error('cannot open device with path ' + path), 'linux');
    const { host, device } = createMemoryPipe();
    const hid = new SoftCtapHid(k.authenticator, device, { ...this.hidOptions, touch: this.touch });
    const set = this.live.get(path) ?? new Set();
    set.add(hid);
    this.live.set(path, set);
    const close = host.close.bind(host);
    return { ...host, close: async () => (set.delete(hid), await close(), await hid.stop()) };
  };

  /** Unplugs everything (test teardown). */
  async close(): Promise<void> {
    for (const p of [...this.plugged]) await this.unplug(p);
  }
}
