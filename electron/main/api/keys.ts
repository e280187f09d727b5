import { FaktorError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import type { KeyCredentialGroup, KeyList, KeyView } from '../../../shared/ipc/keys-schemas';
import { KeepaliveStatus } from '../../../shared/ctap/hid-frame';
import type { Ports } from '../ports';
import type { RpCredentials } from '../services/fido/credential-client';
import { KeyManager, type KeySummary } from '../services/fido/key-manager';
import { KeyWatcher } from '../services/fido/key-watcher';
import type { HandlersOf } from './handlers';

/** The security-key channels of the contract (docs/keys.md). */
export type KeysChannel = Extract<Channel, `keys-${string}`>;

/** How long a reset waits for the user to unplug and replug the key. */
export const REPLUG_TIMEOUT_MS = 60_000;

const KNOWN_CODES = new Set<string>(ERROR_CODES);
const clip = (s: string | undefined, n: number): string | undefined => (s === undefined ? undefined : s.slice(0, n));
const clamp = (v: number | undefined, lo: number, hi: number): number | undefined => (v === undefined ? undefined : Math.min(hi, Math.max(lo, v)));

/** A key's summary as the renderer may see it; device strings are clipped so a hostile key cannot break the schema. */
export function keyView(k: KeySummary): KeyView {
  return {
    path: k.device.path,
    product: clip(k.device.product, 200),
    manufacturer: clip(k.device.manufacturer, 200),
    vendorId: k.device.vendorId,
    productId: k.device.productId,
    ctap2: k.ctap2,
    u2f: k.u2f,
    wink: k.wink,
    aaguid: k.aaguid,
    versions: k.versions.slice(0, 16).map((v) => v.slice(0, 32)),
    pinSet: k.pinSet,
    pinRetries: clamp(k.pinRetries, 0, 255),
    minPinLength: k.ctap2 ? clamp(k.minPinLength ?? 4, 4, 63) : undefined,
    credMgmt: k.credMgmt,
    error: k.error === undefined ? undefined : KNOWN_CODES.has(k.error) ? (k.error as ErrorCode) : 'internal',
  };
}

/** Resident credentials as the renderer sees them: public ids (base64url) and user names only. */
export function credentialGroups(list: readonly RpCredentials[]): KeyCredentialGroup[] {
  return list.map(({ rp, credentials }) => ({
    rpId: rp.id.slice(0, 255),
    rpName: clip(rp.name, 255),
    credentials: credentials.slice(0, 1000).map((c) => ({
      credentialId: Buffer.from(c.credentialId).toString('base64url'),
      userName: clip(c.user.name, 255),
      userDisplayName: clip(c.user.displayName, 255),
    })),
  }));
}

/** The OS family for the permission hint. */
export function platformFamily(p: string = process.platform): KeyList['platform'] {
  return p === 'linux' || p === 'win32' || p === 'darwin' ? p : 'other';
}

/**
 * One function per security-key channel, on the KeyManager facade over `ports.keys` (node-hid in the
 * app, the software authenticator in the harness). Key operations run one at a time, so a list that
 * the plug watcher triggers never interleaves with a reset. The watcher starts with the first list and
 * stops at quit; it emits `keys-changed`. PINs are passed through to the key and dropped.
 */
export function createKeyHandlers(deps: { ports: Pick<Ports, 'keys' | 'emit' | 'onQuit'>; replugTimeoutMs?: number; platform?: string }): HandlersOf<KeysChannel> {
  const { ports } = deps;
  const source = ports.keys;
  const manager = source ? new KeyManager({ list: source.list, open: source.open }) : null;
  let watcher: KeyWatcher | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let current: AbortController | null = null;

  const keys = (): KeyManager => {
    if (!manager) throw new FaktorError('key-removed', 'no security-key source on this platform');
    return manager;
  };
  /** Runs key operations one after another. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const watch = (): void => {
    if (watcher || !source) return;
    watcher = new KeyWatcher(source.list, () => ports.emit('keys-changed', {}));
    watcher.start();
    ports.onQuit?.(async () => watcher?.stop());
  };

  return {
    'keys-list': () =>
      serial(async () => {
        watch();
        const list = manager ? await manager.listKeys() : [];
        return { keys: list.slice(0, 64).map(keyView), platform: platformFamily(deps.platform) };
      }),
    'keys-set-pin': ({ path, pin }) => serial(async () => (await keys().setPin(path, pin), {})),
    'keys-change-pin': ({ path, current: old, next }) => serial(async () => (await keys().changePin(path, old, next), {})),
    'keys-credentials': ({ path, pin }) => serial(async () => credentialGroups(await keys().listCredentials(path, pin))),
    'keys-delete-credential': ({ path, pin, credentialId }) =>
      serial(async () => (await keys().deleteCredential(path, pin, new Uint8Array(Buffer.from(credentialId, 'base64url'))), {})),
    'keys-wink': ({ path }) => serial(async () => (await keys().wink(path), {})),
    'keys-reset': ({ path }) =>
      serial(async () => {
        const m = keys();
        const plugged = await source!.list();
        if (!plugged.some((d) => d.path === path)) throw new FaktorError('key-removed', 'the key to reset is not plugged in');
        if (plugged.length > 1) throw new FaktorError('key-several-plugged', 'unplug every other key before a reset');
        const ctl = new AbortController();
        current = ctl;
        try {
          ports.emit('keys-progress', { stage: 'replug' });
          const device = await m.waitForReplug(deps.replugTimeoutMs ?? REPLUG_TIMEOUT_MS, 250, ctl.signal);
          let asked = false;
          await m.reset(device.path, {
            signal: ctl.signal,
            onKeepalive: (status) => {
              if (status !== KeepaliveStatus.UP_NEEDED || asked) return;
              asked = true;
              ports.emit('keys-progress', { stage: 'touch' });
            },
          });
          return { path: device.path };
        } finally {
          current = null;
        }
      }),
    'keys-cancel': async () => {
      current?.abort();
      return {};
    },
  };
}
