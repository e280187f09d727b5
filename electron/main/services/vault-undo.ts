import type { Clock } from '../ports';
import { newId, type VaultAccount } from './vault-account';

/*
 * Deleted accounts that can still be restored (same id, same position) for a short while. Each
 * entry's seed is zeroed when it expires or is dropped, unless the account is live in the vault again.
 */

/** One restorable deletion. */
export interface UndoEntry {
  readonly account: VaultAccount;
  readonly index: number;
}

interface Held extends UndoEntry {
  readonly expiresAt: number;
  readonly cancel: () => void;
}

/** The restorable deletions of one vault, keyed by undo token. */
export class UndoShelf {
  private readonly held = new Map<string, Held>();

  /** `isLive` tells whether an account is in the vault's list (then its seed must not be zeroed). */
  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly isLive: (a: VaultAccount) => boolean,
  ) {}

  /** Keeps a deleted account for `ms`; returns its token. */
  put(entry: UndoEntry): string {
    const token = newId();
    const cancel = this.clock.setTimer(this.ms, () => this.drop(token));
    this.held.set(token, { ...entry, expiresAt: this.clock.now() + this.ms, cancel });
    return token;
  }

  /** The entry while its token is valid, else null (an expired one is dropped). It stays held until `forget`/`drop`. */
  peek(token: string): UndoEntry | null {
    const u = this.held.get(token);
    if (u && this.clock.now() <= u.expiresAt) return u;
    this.drop(token);
    return null;
  }

  /** Forgets a restored entry without touching its seed (the account is live again). */
  forget(token: string): void {
    this.held.get(token)?.cancel();
    this.held.delete(token);
  }

  /** Drops an entry and zeroes its seed unless the account is live. */
  drop(token: string): void {
    const u = this.held.get(token);
    if (!u) return;
    u.cancel();
    this.held.delete(token);
    if (!this.isLive(u.account)) u.account.secret.fill(0);
  }

  /** Drops every entry (lock, error). */
  dropAll(): void {
    for (const token of [...this.held.keys()]) this.drop(token);
  }
}
