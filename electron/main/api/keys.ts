import { FaktorError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import type { Ports } from '../ports';
import { KeyManager } from '../services/fido/key-manager';
import { credentialGroups, keyView, platformFamily } from '../services/fido/key-views';
import { KeyWatcher } from '../services/fido/key-watcher';
import { requireConsent } from '../security/destructive-consent';
import type { HandlersOf } from './handlers';
import {
  createSecurityKeyService,
  type SecurityKeyService,
} from '../services/servicekonto/security-keys';
import type { ServicekontoService } from '../services/servicekonto/servicekonto-service';
import type { Vault } from '../services/vault';

/** The security-key channels of the contract (docs/keys.md). */
export type KeysChannel = Extract<Channel, `keys-${string}`>;

/** How long a reset waits for the user to unplug and replug the key. */
export const REPLUG_TIMEOUT_MS = 60_000;

/** What the key handlers are built from. */
interface KeyHandlerDeps {
  ports: Pick<Ports, 'keys' | 'emit' | 'onQuit'> & { readonly dialogs?: Ports['dialogs'] };
  /** The language of main's native reset question (absent: English). */
  language?: () => 'de' | 'en';
  replugTimeoutMs?: number;
  platform?: string;
  /** The paired accounts (registration at a Servicekonto, which means a key is); absent: those channels say not-found. */
  servicekonto?: ServicekontoService;
  vault?: Vault;
  /** The app clock (device-signed requests carry its time). */
  now?: () => number;
}

/**
 * One function per security-key channel, on the KeyManager facade over `ports.keys` (node-hid in the
 * app, the software authenticator in the harness). Key operations run one at a time, so a list that
 * the plug watcher triggers never interleaves with a reset. The watcher starts with the first list and
 * stops at quit; it emits `keys-changed`. PINs are passed through to the key and dropped.
 */
export function createKeyHandlers(deps: KeyHandlerDeps): HandlersOf<KeysChannel> {
  const { ports } = deps;
  const source = ports.keys;
  const manager = source ? new KeyManager({ list: source.list, open: source.open }) : null;
  let watcher: KeyWatcher | null = null;
  const { serial, cancellable, cancel } = createKeyQueue();

  const keys = (): KeyManager => {
    if (!manager) throw new FaktorError('key-removed', 'no security-key source on this platform');
    return manager;
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
    'keys-change-pin': ({ path, current: old, next }) =>
      serial(async () => (await keys().changePin(path, old, next), {})),
    'keys-credentials': ({ path, pin }) =>
      serial(async () => credentialGroups(await keys().listCredentials(path, pin))),
    'keys-delete-credential': ({ path, pin, credentialId }) =>
      serial(
        async () => (
          await keys().deleteCredential(
            path,
            pin,
            new Uint8Array(Buffer.from(credentialId, 'base64url')),
          ),
          {}
        ),
      ),
    'keys-wink': ({ path }) => serial(async () => (await keys().wink(path), {})),
    'keys-reset': async ({ path }) => {
      // Erasing every passkey needs main's own native yes: the renderer's two steps can be skipped by a compromised renderer.
      await requireConsent(ports.dialogs, 'reset-key', deps.language?.() ?? 'en');
      return cancellable(async (signal) => {
        const after = await keys().resetAfterReplug(path, {
          replugTimeoutMs: deps.replugTimeoutMs ?? REPLUG_TIMEOUT_MS,
          signal,
          onStage: (stage) => ports.emit('keys-progress', { stage }),
        });
        return { path: after };
      });
    },
    ...servicekontoKeyHandlers(deps, keys, { serial, cancellable }),
    'keys-cancel': async () => {
      cancel();
      return {};
    },
  };
}

/**
 * Runs key operations one after another; the long ones (a reset, a registration) get an AbortSignal
 * that `cancel` (keys-cancel) fires while they run.
 */
function createKeyQueue() {
  let queue: Promise<unknown> = Promise.resolve();
  let current: AbortController | null = null;
  /** Runs key operations one after another. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  /** Like `serial`, with the signal `cancel` aborts while `fn` runs. */
  const cancellable = <T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> =>
    serial(async () => {
      const ctl = new AbortController();
      current = ctl;
      try {
        return await fn(ctl.signal);
      } finally {
        current = null;
      }
    });
  return { serial, cancellable, cancel: (): void => current?.abort() };
}

/** The key at a paired Servicekonto: register it there, and tell which means it is (docs/keys.md). */
function servicekontoKeyHandlers(
  deps: Pick<KeyHandlerDeps, 'ports' | 'servicekonto' | 'vault' | 'now'>,
  keys: () => KeyManager,
  queue: Pick<ReturnType<typeof createKeyQueue>, 'serial' | 'cancellable'>,
): HandlersOf<'keys-servicekonto-register' | 'keys-servicekonto-means'> {
  const atServicekonto = (): SecurityKeyService => {
    if (!deps.servicekonto || !deps.vault)
      throw new FaktorError('not-found', 'no paired accounts here');
    return createSecurityKeyService({
      vault: deps.vault,
      keys: keys(),
      servicekonto: deps.servicekonto,
      now: deps.now,
    });
  };
  return {
    'keys-servicekonto-register': ({ path, pairing, pin, password, keyPin, label }) =>
      queue.cancellable(async (signal) => {
        const r = await atServicekonto().register({
          path,
          pairing,
          pin,
          password,
          keyPin,
          label,
          signal,
          onStage: (stage) => deps.ports.emit('keys-progress', { stage }),
        });
        return { meansId: r.meansId, label: r.label, level: r.level, status: r.status };
      }),
    'keys-servicekonto-means': ({ path, keyPin }) =>
      queue.serial(async () => atServicekonto().matches(path, keyPin)),
  };
}
