import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import { FaktorError } from '../../../shared/errors';

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) behind a small
 * async interface, so the vault does not depend on @napi-rs/keyring directly and failures arrive as
 * typed FaktorErrors ('keychain-unavailable' / 'keychain-locked') instead of platform strings.
 */
export interface Keychain {
  /** The stored value, or null when there is no item (never null for "could not ask"; that throws). */
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when an item was deleted, false when there was none. */
  delete(account: string): Promise<boolean>;
}

/**
 * On Linux @napi-rs/keyring silently falls back to the kernel keyring (keyutils) when no Secret
 * Service answers. keyutils items do not survive a reboot, so a vault key stored there would be lost
 * and the vault with it. We pin the Secret Service: no session bus then means a clear
 * 'keychain-unavailable' instead of a key that vanishes later.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/** Maps a platform error to our code. The platform message never contains the stored secret. */
export function keychainError(e: unknown): FaktorError {
  const message = e instanceof Error ? e.message : String(e);
  // gnome-keyring answers a locked collection by asking a prompter; without a display (or when the
  // user closes it) the crate reports "unlock prompt was dismissed". macOS: errSecInteractionNotAllowed.
  if (/prompt was dismissed|locked|interaction ?not ?allowed|user canceled/i.test(message)) {
    return new FaktorError('keychain-locked', firstLine(message));
  }
  return new FaktorError('keychain-unavailable', firstLine(message));
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 200);
}

async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw keychainError(e);
  }
}

/** The real OS keychain; `service` is injectable so tests and the harness never touch a user's items. */
export function createOsKeychain(service: string): Keychain {
  // Entry construction itself can throw (no D-Bus session), so it happens inside the guard.
  const entry = (account: string): AsyncEntry => new AsyncEntry(service, account, ENTRY_OPTIONS);
  return {
    get: (account) => guarded(() => entry(account).getPassword()),
    set: (account, value) => guarded(() => entry(account).setPassword(value)),
    delete: (account) => guarded(() => entry(account).deletePassword()),
  };
}
