import type { VaultStatus } from '../../../shared/ipc/schemas';
import type { Clock } from '../ports';
import type { AtomicWriteHooks } from './atomic-file';
import type { KdfCost } from './crypto';
import type { Keychain } from './keychain';
import type { RekeyHooks } from './vault-rekey';

/* What a vault is built from (vault-lock.ts, vault.ts): its place, keychain, clock, KDF cost, listeners and test hooks. */

/** Crash-test hook points (tests only; production passes none). */
export interface VaultHooks {
  /** After a new vault key is in the keychain, before the first vault file is written. */
  afterKeyWrite?: () => Promise<void> | void;
  /** Hooks of every vault file write. */
  file?: AtomicWriteHooks;
  /** Hooks of the re-key on a password change (vault-rekey.ts). */
  rekey?: RekeyHooks;
}

/** How to build a vault. */
export interface VaultOptions {
  /** App-data directory; the vault file and the throttle state live here. */
  readonly dir: string;
  readonly keychain: Keychain;
  readonly clock: Clock;
  /** KDF cost for wrapping the key under the app password (default DEFAULT_KDF; tests pass a cheap one). */
  readonly kdf?: KdfCost;
  readonly hooks?: VaultHooks;
  /** Called whenever the status changes (lock, unlock, password set, error). */
  readonly onStatus?: (status: VaultStatus) => void;
  /** Called after every committed change to the accounts. */
  readonly onChange?: () => void;
  /** How long a deleted account can be restored (default 30 s). */
  readonly undoMs?: number;
  /**
   * After every committed re-key (password set/changed/removed): the new key (a copy the callee zeroes)
   * and the tag of its keychain item, or null when no password remains. OS unlock rewrites or drops its
   * item here (os-unlock.ts). Runs inside the vault's queue: it must not call the vault. Its failure is
   * ignored — a stale OS-unlock item is refused by its tag anyway.
   */
  readonly onRekey?: (next: { key: Buffer; itemTag: string } | null) => Promise<void>;
}
