import { FaktorError } from '../../../shared/errors';
import type { AccountPatch, AccountView } from '../../../shared/ipc/schemas';
import type { OtpParams } from '../../../shared/otp/types';
import type { PairedRecord } from './servicekonto/paired-record';
import {
  checkNewAccount,
  duplicateKey,
  findAccount,
  freshAccount,
  paramsOf,
  patchedAccount,
  reordered,
  replaced,
  toView,
  type NewAccount,
  type VaultAccount,
} from './vault-account';
import { VaultLock, type ReadyState } from './vault-lock';
import type { VaultOptions } from './vault-options';
import { withoutPairing, withPairing } from './vault-pairings';
import {
  dissolvedGroup,
  groupsOf,
  renamedGroup,
  undoneGroupChange,
  type GroupChange,
  type GroupInfo,
  type GroupUndo,
} from './vault-groups';
import { UndoShelf } from './vault-undo';

/**
 * The vault: every account (metadata and seed) and every paired Servicekonto in ONE file encrypted
 * with ONE random 32-byte key that lives in the OS keychain (optionally wrapped under the app
 * password). The key, the lock and the file are vault-lock.ts and vault-file.ts; the account rules
 * vault-account.ts. Seeds exist in the clear only in memory while unlocked, as Uint8Arrays that are
 * zeroed on lock; nothing this returns carries one except the explicitly internal
 * `withParams`/`exportAccounts`/`pairings` used by code generation, backup and pairing.
 */

/** Creates the vault service (nothing is read until the first call). */
export function createVault(options: VaultOptions): Vault {
  return new Vault(options);
}

/** The vault service. All public methods are serialized; see createVault. */
export class Vault extends VaultLock {
  private readonly undo: UndoShelf;
  /** Bulk group changes (rename, dissolve) that can still be undone. */
  private readonly groupUndo: UndoShelf<GroupUndo>;
  /** Last HOTP code per account id, so "copy" works after "next"; dropped on lock. */
  private readonly lastHotp = new Map<string, string>();

  constructor(o: VaultOptions) {
    super(o);
    const ms = o.undoMs ?? 30_000;
    // A dropped deletion's seed is zeroed unless the account is live again.
    this.undo = new UndoShelf(o.clock, ms, (u) => {
      if (!this.isLive(u.account)) u.account.secret.fill(0);
    });
    this.groupUndo = new UndoShelf<GroupUndo>(o.clock, ms, () => undefined);
  }

  protected wipeExtras(): void {
    this.undo.dropAll();
    this.groupUndo.dropAll();
    this.lastHotp.clear();
  }

  /** Lists accounts in display order. */
  list(): Promise<AccountView[]> {
    return this.op(async (s) => s.accounts.map(toView));
  }

  /**
   * Runs `fn` with one account's parameters (seed included) inside the vault's queue, so a concurrent
   * lock cannot wipe the seed mid-computation. `fn` must not keep the params. Main-process internal.
   */
  withParams<T>(id: string, fn: (params: OtpParams) => T): Promise<T> {
    return this.op(async (s) => fn(paramsOf(findAccount(s.accounts, id))));
  }

  /** Like withParams, for every TOTP account (or the given ids; HOTP ones are skipped), in display order. */
  withTotpParams<T>(
    ids: readonly string[] | undefined,
    fn: (id: string, params: OtpParams) => T,
  ): Promise<T[]> {
    return this.op(async (s) => {
      const chosen = ids ? ids.map((id) => findAccount(s.accounts, id)) : s.accounts;
      return chosen.filter((a) => a.type === 'totp').map((a) => fn(a.id, paramsOf(a)));
    });
  }

  /** Adds one account; refuses an exact duplicate (same issuer, label and seed). */
  add(input: NewAccount): Promise<AccountView> {
    return this.op(async (s) => {
      checkNewAccount(input);
      const dup = duplicateKey(input);
      if (s.accounts.some((a) => duplicateKey(a) === dup)) throw new FaktorError('duplicate');
      const account = freshAccount(input, this.o.clock.now());
      await this.commit(s, { accounts: [...s.accounts, account] });
      return toView(account);
    });
  }

  /** Edits metadata (never the seed). */
  update(id: string, patch: AccountPatch): Promise<AccountView> {
    return this.op(async (s) => {
      const next = patchedAccount(findAccount(s.accounts, id), patch);
      await this.commit(s, { accounts: replaced(s.accounts, next) });
      return toView(next);
    });
  }

  /** Deletes; returns a token that restores it (same id, same position) for `undoMs`. */
  remove(id: string): Promise<{ undoToken: string }> {
    return this.op(async (s) => {
      const index = s.accounts.findIndex((a) => a.id === id);
      if (index < 0) throw new FaktorError('not-found');
      const account = s.accounts[index]!;
      await this.commit(s, { accounts: s.accounts.filter((a) => a.id !== id) });
      this.lastHotp.delete(id);
      return { undoToken: this.undo.put({ account, index }) };
    });
  }

  /** Puts a deleted account back while its token is valid; 'not-found' afterwards. */
  restore(undoToken: string): Promise<AccountView> {
    return this.op(async (s) => {
      const u = this.undo.peek(undoToken);
      if (!u) throw new FaktorError('not-found', 'undo expired');
      if (
        s.accounts.some((a) => a.id === u.account.id || duplicateKey(a) === duplicateKey(u.account))
      ) {
        this.undo.drop(undoToken);
        throw new FaktorError('duplicate');
      }
      const next = [...s.accounts];
      next.splice(Math.min(u.index, next.length), 0, u.account);
      await this.commit(s, { accounts: next });
      this.undo.forget(undoToken);
      return toView(u.account);
    });
  }

  /**
   * Reorders: the named accounts take the named order within the positions they occupy, the rest
   * stay where they are (so a filtered view can be reordered without moving hidden accounts).
   */
  reorder(ids: readonly string[]): Promise<void> {
    return this.op(async (s) => this.commit(s, { accounts: reordered(s.accounts, ids) }));
  }

  /** Records that a code of this account was just used (copied), for "sort by recent use". */
  markUsed(id: string): Promise<void> {
    return this.op(async (s) => {
      const next: VaultAccount = { ...findAccount(s.accounts, id), lastUsed: this.o.clock.now() };
      await this.commit(s, { accounts: replaced(s.accounts, next) });
    });
  }

  /**
   * HOTP: computes the code for the stored counter, persists counter + 1, and only then hands the
   * code out. If the write fails no code is returned, so a shown code is never reused.
   */
  nextHotp(
    id: string,
    generate: (params: OtpParams, counter: number) => string,
  ): Promise<{ code: string; counter: number }> {
    return this.op(async (s) => {
      const a = findAccount(s.accounts, id);
      if (a.type !== 'hotp') throw new FaktorError('invalid-request', 'not an HOTP account');
      if (a.counter >= Number.MAX_SAFE_INTEGER)
        throw new FaktorError('invalid-parameter', 'counter');
      const code = generate(paramsOf(a), a.counter);
      await this.commit(s, { accounts: replaced(s.accounts, { ...a, counter: a.counter + 1 }) });
      this.lastHotp.set(id, code);
      return { code, counter: a.counter };
    });
  }

  /** The HOTP code last handed out for this account in this session (for copy), or null. */
  lastHotpCode(id: string): Promise<string | null> {
    return this.op(async (s) => {
      findAccount(s.accounts, id);
      return this.lastHotp.get(id) ?? null;
    });
  }

  /**
   * Adds many accounts in ONE atomic write (all or nothing). Exact duplicates of existing accounts or
   * of earlier entries in the same import are skipped and reported. Validates all before writing.
   */
  importAccounts(
    list: readonly NewAccount[],
  ): Promise<{ imported: number; duplicates: Array<{ issuer: string; label: string }> }> {
    return this.op(async (s) => {
      list.forEach(checkNewAccount);
      const seen = new Set(s.accounts.map(duplicateKey));
      const added: VaultAccount[] = [];
      const duplicates: Array<{ issuer: string; label: string }> = [];
      for (const input of list) {
        const k = duplicateKey(input);
        if (seen.has(k)) {
          duplicates.push({ issuer: input.issuer, label: input.label });
          continue;
        }
        seen.add(k);
        added.push(freshAccount(input, this.o.clock.now()));
      }
      if (added.length > 0) await this.commit(s, { accounts: [...s.accounts, ...added] });
      return { imported: added.length, duplicates };
    });
  }

  /** Every group in use with its number of accounts (first spelling wins, display order). */
  groups(): Promise<GroupInfo[]> {
    return this.op(async (s) => groupsOf(s.accounts));
  }

  /** Renames a group on every account in ONE atomic write (vault-groups.ts); the token undoes it via restoreGroups. */
  renameGroup(from: string, to: string): Promise<{ changed: number; undoToken: string }> {
    return this.op(async (s) => this.commitGroupChange(s, renamedGroup(s.accounts, from, to)));
  }

  /** Takes every account out of a group in ONE atomic write (the accounts stay); the token undoes it. */
  dissolveGroup(name: string): Promise<{ changed: number; undoToken: string }> {
    return this.op(async (s) => this.commitGroupChange(s, dissolvedGroup(s.accounts, name)));
  }

  /** Undoes a rename/dissolve while its token is valid ('not-found' afterwards); returns how many accounts got their groups back. */
  restoreGroups(undoToken: string): Promise<{ restored: number }> {
    return this.op(async (s) => {
      const u = this.groupUndo.peek(undoToken);
      if (!u) throw new FaktorError('not-found', 'undo expired');
      const { accounts, restored } = undoneGroupChange(s.accounts, u);
      if (restored > 0) await this.commit(s, { accounts });
      this.groupUndo.drop(undoToken);
      return { restored };
    });
  }

  private async commitGroupChange(
    s: ReadyState,
    change: GroupChange,
  ): Promise<{ changed: number; undoToken: string }> {
    await this.commit(s, { accounts: change.accounts });
    return { changed: change.undo.tagsBefore.size, undoToken: this.groupUndo.put(change.undo) };
  }

  /** Copies of every account with seed, for backup export; main-process internal. */
  exportAccounts(): Promise<VaultAccount[]> {
    return this.op(async (s) =>
      s.accounts.map((a) => ({ ...a, secret: Uint8Array.from(a.secret) })),
    );
  }

  /** Every paired Servicekonto record (sealed secrets included); main-process internal. */
  pairings(): Promise<PairedRecord[]> {
    return this.op(async (s) => [...s.pairings]);
  }

  /** Stores a paired Servicekonto; one for the same server and account replaces the old (vault-pairings.ts). */
  savePairing(record: PairedRecord): Promise<void> {
    return this.op(async (s) => this.commit(s, { pairings: withPairing(s.pairings, record) }));
  }

  /** Forgets one paired Servicekonto ('not-found' when there is none with that id). */
  removePairing(id: string): Promise<void> {
    return this.op(async (s) => this.commit(s, { pairings: withoutPairing(s.pairings, id) }));
  }
}
