import type { Clock } from '../ports';
import { newId, type VaultAccount } from './vault-account';

/*
 * Changes that can still be undone for a short while: deleted accounts (restored with the same id at
 * the same position; each entry's seed is zeroed when it expires or is dropped, unless the account is
 * live in the vault again) and bulk group changes (the affected accounts' previous groups).
 */

/** One restorable deletion. */
export interface UndoEntry {
  readonly account: VaultAccount;
  readonly index: number;
}

type Held<T> = T & {
  readonly expiresAt: number;
  readonly cancel: () => void;
};

/** The undoable changes of one kind, keyed by undo token. */
export class UndoShelf<T extends object = UndoEntry> {
  private readonly held = new Map<string, Held<T>>();

  /** `onDrop` runs when an entry expires or is dropped without being restored (e.g. zeroes a seed no live account holds). */
  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly onDrop: (entry: T) => void,
  ) {}

  /** Keeps an entry for `ms`; returns its token. */
  put(entry: T): string {
    const token = newId();
    const cancel = this.clock.setTimer(this.ms, () => this.drop(token));
    this.held.set(token, { ...entry, expiresAt: this.clock.now() + this.ms, cancel });
    return token;
  }

  /** The entry while its token is valid, else null (an expired one is dropped). It stays held until `forget`/`drop`. */
  peek(token: string): T | null {
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

  /** Drops an entry and runs `onDrop` on it. */
  drop(token: string): void {
    const u = this.held.get(token);
    if (!u) return;
    u.cancel();
    this.held.delete(token);
    this.onDrop(u);
  }

  /** Drops every entry (lock, error). */
  dropAll(): void {
    for (const token of [...this.held.keys()]) this.drop(token);
  }
}
