import { join } from 'node:path';
import { FaktorError, isFaktorError, type ErrorCode } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/ipc/schemas';
import { readFileIfExists, removeStaleTemps } from './atomic-file';
import { DEFAULT_KDF, randomKey } from './crypto';
import { createSerial } from './serial';
import { createUnlockThrottle, type UnlockThrottle } from './throttle';
import {
  encryptContent,
  readContent,
  VAULT_FILE,
  writeContent,
  type VaultContent,
} from './vault-file';
import {
  keyItemTag,
  parseKeyItem,
  plainKeyItem,
  unwrapKeyItem,
  wrappedKeyItem,
} from './vault-format';
import type { VaultOptions } from './vault-options';
import { commitRekey } from './vault-rekey';

/*
 * The vault's key and lock state: opening (key + file, or a new empty vault), locking, unlocking with
 * the app password (throttled), re-keying on a password change, and the one serialized way every
 * operation runs and commits while unlocked. The accounts and pairings on top are vault.ts. Why this
 * design, the crash analysis and the lock model: docs/vault.md.
 */

/** Keychain account (under the injected service name) that holds the vault key. */
export const KEY_ACCOUNT = 'vault-key';

/** The unlocked state: the key and everything decrypted, plus the wrapped keychain item (null: no app password). */
export type ReadyState = VaultContent & { kind: 'ready'; key: Buffer; item: string | null };

type State =
  | { kind: 'closed' }
  | { kind: 'error'; code: ErrorCode }
  | { kind: 'locked'; item: string }
  | ReadyState;

/** Key and lock state of the vault; `Vault` (vault.ts) adds the accounts and pairings. All public methods are serialized. */
export abstract class VaultLock {
  private state: State = { kind: 'closed' };
  private readonly serial = createSerial();
  private readonly file: string;
  /** The brute-force brake of every way to unlock (password here, the OS prompt in os-unlock.ts). */
  readonly throttle: UnlockThrottle;

  constructor(protected readonly o: VaultOptions) {
    this.file = join(o.dir, VAULT_FILE);
    this.throttle = createUnlockThrottle(join(o.dir, 'unlock-throttle.json'), o.clock);
  }

  /** Drops what the subclass keeps beside the decrypted state; called when the vault leaves 'ready'. */
  protected abstract wipeExtras(): void;

  /** Current status without I/O. A vault not opened yet reports 'locked' until open() ran. */
  status(): VaultStatus {
    const s = this.state;
    switch (s.kind) {
      case 'ready':
        return { state: 'ready', hasPassword: s.item !== null, error: null };
      case 'locked':
        return { state: 'locked', hasPassword: true, error: null };
      case 'error':
        return { state: 'error', hasPassword: false, error: s.code };
      default:
        return { state: 'locked', hasPassword: false, error: null };
    }
  }

  /** True while the key is in memory and an app password exists (so locking means something). */
  canLock(): boolean {
    return this.state.kind === 'ready' && this.state.item !== null;
  }

  /**
   * Reads the keychain and the file (first call, or again after an error such as a locked keychain).
   * Never writes over an existing vault file; creates key + empty file only when neither exists.
   */
  open(): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.state.kind === 'closed' || this.state.kind === 'error')
        await this.load().catch(() => undefined);
      return this.status();
    });
  }

  private async load(): Promise<void> {
    try {
      await removeStaleTemps(this.file);
      const bytes = await readFileIfExists(this.file);
      const item = await this.o.keychain.get(KEY_ACCOUNT);
      if (item === null) {
        // A file without a key is unreadable forever; keep it untouched for the user to recover.
        if (bytes)
          throw new FaktorError(
            'vault-key-missing',
            'vault file exists but the keychain has no key',
          );
        const key = randomKey();
        await this.o.keychain.set(KEY_ACCOUNT, plainKeyItem(key)); // key strictly before the first file
        await this.o.hooks?.afterKeyWrite?.();
        await writeContent(this.file, key, { accounts: [], pairings: [] }, this.o.hooks?.file);
        this.setState({ kind: 'ready', key, accounts: [], pairings: [], item: null });
        return;
      }
      const slot = parseKeyItem(item);
      if (slot.kind === 'wrapped') {
        this.setState({ kind: 'locked', item: slot.item });
        return;
      }
      const content = await readContent(this.file, slot.key);
      this.setState({ kind: 'ready', key: slot.key, ...content, item: null });
    } catch (e) {
      const code: ErrorCode = isFaktorError(e) ? e.code : 'vault-corrupt';
      this.setState({ kind: 'error', code });
      throw isFaktorError(e)
        ? e
        : new FaktorError('vault-corrupt', e instanceof Error ? e.name : 'read failed');
    }
  }

  /** Drops the key and every decrypted byte from memory. No-op without an app password. */
  lock(): Promise<VaultStatus> {
    return this.serial(async () => {
      const s = this.state;
      if (s.kind === 'ready' && s.item !== null) this.setState({ kind: 'locked', item: s.item });
      return this.status();
    });
  }

  /** Unwraps the key with the app password and decrypts the file; throttled. */
  unlock(password: string): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.state.kind === 'closed' || this.state.kind === 'error') await this.load();
      const s = this.state;
      if (s.kind !== 'locked') return this.status();
      return this.openWith(await this.verify(s.item, password), s.item);
    });
  }

  /**
   * OS unlock (os-unlock.ts): opens with a key kept outside the password item, only while `itemTag` names
   * the keychain item in force ('os-unlock-stale' otherwise, nothing changes), so a key kept from before
   * a re-key can never open, promote or drop anything. Not throttled here: the caller counts its prompts.
   */
  unlockWithKey(key: Uint8Array, itemTag: string): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.state.kind === 'closed' || this.state.kind === 'error') await this.load();
      const s = this.state;
      if (s.kind !== 'locked') return this.status();
      if (keyItemTag(s.item) !== itemTag)
        throw new FaktorError('os-unlock-stale', 'keychain item changed');
      return this.openWith(Buffer.from(key), s.item);
    });
  }

  /**
   * Enabling OS unlock: checks the app password (throttled) while unlocked and hands out the current key
   * (a copy; the caller zeroes it) with the tag of the keychain item that holds it.
   */
  keyForPassword(password: string): Promise<{ key: Buffer; itemTag: string }> {
    return this.op(async (s) => {
      if (s.item === null) throw new FaktorError('invalid-request', 'no app password');
      return { key: await this.verify(s.item, password), itemTag: keyItemTag(s.item) };
    });
  }

  private async openWith(key: Buffer, item: string): Promise<VaultStatus> {
    try {
      const content = await readContent(this.file, key);
      this.setState({ kind: 'ready', key, ...content, item });
    } catch (e) {
      key.fill(0);
      throw e;
    }
    return this.status();
  }

  /**
   * Sets, changes (current required) or removes (next = null) the app password, and re-keys: a new
   * vault key encrypts the file, so a copy of the old keychain item opens nothing any more. Crash-safe
   * across the keychain and the file (vault-rekey.ts); on failure the old key stays in force.
   */
  setPassword(current: string | null, next: string | null): Promise<VaultStatus> {
    return this.op(async (s) => {
      if (s.item !== null) {
        if (current === null) throw new FaktorError('wrong-password');
        (await this.verify(s.item, current)).fill(0);
      }
      const key = randomKey();
      let item: string | null;
      try {
        item = next === null ? null : await wrappedKeyItem(key, next, this.o.kdf ?? DEFAULT_KDF);
        // Everything the vault holds moves to the new key: accounts AND paired Servicekonten.
        const fileText = encryptContent(key, s);
        await commitRekey({
          file: this.file,
          keychain: this.o.keychain,
          account: KEY_ACCOUNT,
          item: item ?? plainKeyItem(key),
          fileText,
          hooks: this.o.hooks?.rekey,
        });
        s.key.fill(0);
        this.setState({ ...s, key, item });
      } catch (e) {
        key.fill(0);
        throw e;
      }
      const kept = item;
      await this.o
        .onRekey?.(kept === null ? null : { key: Buffer.from(key), itemTag: keyItemTag(kept) })
        .catch(() => undefined);
      return this.status();
    });
  }

  private async verify(item: string, password: string): Promise<Buffer> {
    await this.throttle.check();
    const key = await unwrapKeyItem(item, password);
    if (!key) {
      await this.throttle.recordFailure();
      throw new FaktorError('wrong-password');
    }
    await this.throttle.recordSuccess();
    return key;
  }

  /** Runs `fn` serialized, with the vault open and unlocked ('vault-locked' / the error code else). */
  protected op<T>(fn: (s: ReadyState) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      if (this.state.kind === 'closed') await this.load();
      const s = this.state;
      if (s.kind === 'locked') throw new FaktorError('vault-locked');
      if (s.kind === 'error') throw new FaktorError(s.code);
      if (s.kind !== 'ready') throw new FaktorError('vault-locked');
      return fn(s);
    });
  }

  /** Writes the new content; memory changes only after the file is safely on disk. */
  protected async commit(s: ReadyState, content: Partial<VaultContent>): Promise<void> {
    const next = {
      accounts: content.accounts ?? s.accounts,
      pairings: content.pairings ?? s.pairings,
    };
    await writeContent(this.file, s.key, next, this.o.hooks?.file);
    this.state = { ...s, ...next };
    this.o.onChange?.();
  }

  /** Whether this account object is in the unlocked vault's list right now. */
  protected isLive(a: VaultContent['accounts'][number]): boolean {
    return this.state.kind === 'ready' && this.state.accounts.includes(a);
  }

  private setState(next: State): void {
    const prev = this.state;
    if (prev.kind === 'ready' && next.kind !== 'ready') {
      // Lock/error: wipe what we own. (JS strings that passed through JSON cannot be wiped; see docs.)
      prev.key.fill(0);
      for (const a of prev.accounts) a.secret.fill(0);
      this.wipeExtras();
    }
    const before = JSON.stringify(this.status());
    this.state = next;
    if (JSON.stringify(this.status()) !== before) this.o.onStatus?.(this.status());
  }
}
