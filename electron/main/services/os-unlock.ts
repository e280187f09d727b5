import { FaktorError, isFaktorError } from '../../../shared/errors';
import type { OsUnlockStatus } from '../../../shared/ipc/os-unlock-schemas';
import type { VaultStatus } from '../../../shared/ipc/schemas';
import type { OsVerifier } from '../ports';
import type { Keychain } from './keychain';
import { createOsUnlockItemStore } from './os-unlock-item';
import { createSerial } from './serial';
import type { Vault } from './vault';

/*
 * Unlocking with the OS's user-verification prompt (issue #11; docs/desktop.md "OS unlock", the threat
 * analysis in docs/security.md). An option NEXT TO the app password, never instead of the keychain:
 *
 * - Enabling needs the vault unlocked, the app password once and one passed prompt. The vault key then
 *   goes into a SECOND keychain item (`vault-key-os-unlock`, same service), with the tag of the password
 *   item it belongs to. The keychain's own protection (OS login, per-app ACL on macOS) stays in front.
 * - Unlock = the prompt passes → the item is read → the vault opens with its key, but only while the tag
 *   still names the password item in force (a re-key, password change or reset makes it stale; the stale
 *   item is deleted). Cancel, failure or any error → a typed error, the password stays the way in.
 * - The prompt is NOT bound to the item (Electron's promptTouchID is a UI gate; docs/desktop.md): whoever
 *   can read this keychain item gets the key without the app password. That is the price of the option.
 * - Every prompt goes through the unlock throttle; a refused prompt counts as a failed attempt.
 */

/** Keychain account (under the vault's service) of the OS-unlock item. */
export { OS_UNLOCK_ACCOUNT } from './os-unlock-item';

/** What the service is built from. */
export interface OsUnlockDeps {
  readonly vault: Pick<Vault, 'open' | 'status' | 'unlockWithKey' | 'keyForPassword' | 'throttle'>;
  readonly keychain: Keychain;
  /** The platform prompt; absent → the option is never offered. */
  readonly verifier?: OsVerifier;
  /** The sentence the OS shows in its prompt, in the user's language ("unlock Faktor"). */
  readonly reason: () => string;
}

/** The OS-unlock service; the api (api/os-unlock.ts) maps one channel to each method. */
export interface OsUnlock {
  /** Which prompt is offered here and whether the option is on (an item exists while a password is set). */
  status(): Promise<OsUnlockStatus>;
  /** Turns it on: app password (throttled) + one passed prompt, vault unlocked. */
  enable(password: string): Promise<OsUnlockStatus>;
  /** Turns it off (deletes the item); only while unlocked. */
  disable(): Promise<OsUnlockStatus>;
  /** Prompt → item → vault. 'os-unlock-unavailable' / '-refused' / '-stale' / 'too-many-attempts' else. */
  unlock(): Promise<VaultStatus>;
  /** The vault's re-key hook: rewrites the item for the new key, or deletes it when no password remains. */
  afterRekey(next: { key: Buffer; itemTag: string } | null): Promise<void>;
}

/** Builds the service. Nothing is read until the first call. */
export function createOsUnlock(d: OsUnlockDeps): OsUnlock {
  const serial = createSerial();
  const method = async () => (d.verifier ? await d.verifier.available().catch(() => null) : null);
  const verify = async () =>
    d.verifier
      ? await d.verifier.verify(d.reason()).then(
          (ok) => ok === true,
          () => false,
        )
      : false;
  const item = createOsUnlockItemStore(d.keychain);
  const status = async (): Promise<OsUnlockStatus> => {
    const m = await method();
    const vault = await d.vault.open();
    if (!vault.hasPassword) return { method: m, enabled: false };
    const enabled = await item.exists();
    return { method: m, enabled };
  };
  const needUnlocked = (): void => {
    if (d.vault.status().state !== 'ready') throw new FaktorError('vault-locked');
  };

  return {
    status,
    enable: (password) =>
      serial(async () => {
        needUnlocked();
        const m = await method();
        if (m === null)
          throw new FaktorError('os-unlock-unavailable', 'no prompt on this computer');
        const { key, itemTag } = await d.vault.keyForPassword(password);
        try {
          // One passed prompt before relying on it, so the user knows the sensor works for them.
          if (!(await verify())) throw new FaktorError('os-unlock-refused');
          await item.write(m, key, itemTag);
        } finally {
          key.fill(0);
        }
        return status();
      }),
    disable: () =>
      serial(async () => {
        needUnlocked();
        await item.forget();
        return status();
      }),
    unlock: () =>
      serial(async () => {
        const before = await d.vault.open();
        if (before.state !== 'locked' || !before.hasPassword) return before;
        if ((await method()) === null)
          throw new FaktorError('os-unlock-unavailable', 'no prompt on this computer');
        if ((await item.read()) === null)
          throw new FaktorError('os-unlock-unavailable', 'not enabled');
        await d.vault.throttle.check();
        if (!(await verify())) {
          await d.vault.throttle.recordFailure();
          throw new FaktorError('os-unlock-refused');
        }
        // Read again after the prompt: the item is what the keychain holds now, not before it.
        const stored = await item.read();
        if (stored === null) throw new FaktorError('os-unlock-unavailable', 'not enabled');
        const key = Buffer.from(stored.key, 'base64');
        try {
          const after = await d.vault.unlockWithKey(key, stored.itemTag);
          await d.vault.throttle.recordSuccess();
          return after;
        } catch (e) {
          // A key that no longer fits (re-keyed, reset, or not this vault's): drop the item, fall back.
          if (isFaktorError(e, 'os-unlock-stale') || isFaktorError(e, 'vault-key-missing')) {
            await item.forget().catch(() => undefined);
            throw new FaktorError('os-unlock-stale', e.code);
          }
          throw e;
        } finally {
          key.fill(0);
        }
      }),
    // Not in `serial`: this runs inside the vault's queue, and enable() waits on the vault in ours.
    afterRekey: (next) => item.rekey(next),
  };
}
