import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { FaktorError, isFaktorError, type ErrorCode } from '../../../shared/errors';
import type { AccountPatch, AccountView, VaultStatus } from '../../../shared/ipc/schemas';
import type { OtpAlgorithm, OtpParams, OtpType } from '../../../shared/otp/types';
import { checkName } from '../../../shared/text/names';
import { AccountMeta, ORGANISE_DEFAULTS, PARAM_KEYS, pickFields, VIEW_KEYS } from '../../../shared/account';
import { checkLooks, checkOrganising, normaliseTags } from './account-checks';
import { checkOtpParams } from '../../../shared/otp/limits';
import { reorderWithin } from '../../../shared/reorder';
import type { Clock } from '../ports';
import { readFileIfExists, removeStaleTemps, writeFileAtomic, type AtomicWriteHooks } from './atomic-file';
import { DEFAULT_KDF, randomKey, type KdfCost } from './crypto';
import type { Keychain } from './keychain';
import { createSerial } from './serial';
import { createUnlockThrottle, type UnlockThrottle } from './throttle';
import { PairedRecordSchema, samePairing, type PairedRecord } from './servicekonto/paired-record';
import { decodeVaultFile, encodeVaultFile, keyItemTag, parseKeyItem, plainKeyItem, unwrapKeyItem, wrappedKeyItem } from './vault-format';
import { commitRekey, recoverRekey, type RekeyHooks } from './vault-rekey';

/**
 * The vault: every account (metadata and seed) in ONE file encrypted with ONE random 32-byte key that
 * lives in the OS keychain (optionally wrapped under the app password). Why this design, the crash
 * analysis and the lock model are in docs/vault.md. Seeds exist in the clear only in this object's
 * memory while unlocked, as Uint8Arrays that are zeroed on lock; nothing it returns carries one
 * except the explicitly internal `otpParams`/`exportAccounts` used by code generation and backup.
 */

/** One account as held in memory (with its seed). Never leaves the main process. */
export interface VaultAccount {
  readonly id: string;
  readonly type: OtpType;
  readonly issuer: string;
  readonly label: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number;
  readonly counter: number;
  readonly color: string | null;
  readonly icon: string | null;
  readonly createdAt: number;
  readonly pinned: boolean;
  readonly tags: string[];
  readonly lastUsed: number | null;
  readonly secret: Uint8Array;
}

/** An account to add (id and creation time are assigned by the vault). */
export type NewAccount = Omit<VaultAccount, 'id' | 'createdAt' | 'color' | 'icon' | 'pinned' | 'tags' | 'lastUsed'> &
  Partial<Pick<VaultAccount, 'color' | 'icon' | 'pinned' | 'tags' | 'lastUsed'>>;

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

/** File name of the encrypted vault inside the app-data directory. */
export const VAULT_FILE = 'vault.json';
/** Keychain account (under the injected service name) that holds the vault key. */
export const KEY_ACCOUNT = 'vault-key';
/**
 * The stored record: the account as the renderer sees it, plus the seed (Base64). The organising
 * fields (pinned, tags, lastUsed) default for vaults written before they existed (docs/vault.md).
 */
const StoredAccount = AccountMeta.extend({
  secret: z.string().min(1),
  pinned: AccountMeta.shape.pinned.default(ORGANISE_DEFAULTS.pinned),
  tags: AccountMeta.shape.tags.default(() => [...ORGANISE_DEFAULTS.tags]),
  lastUsed: AccountMeta.shape.lastUsed.default(ORGANISE_DEFAULTS.lastUsed),
});
// `pairings` (paired Servicekonten, docs/servicekonto-app.md) is optional so vaults written before it read unchanged.
const Payload = z.strictObject({ accounts: z.array(StoredAccount), pairings: z.array(PairedRecordSchema).optional() });

/** Random URL-safe id (16 chars, 96 bits), matching the contract's Id. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** The renderer's view of an account: metadata only. */
export function toView(a: VaultAccount): AccountView {
  return pickFields(a, VIEW_KEYS);
}

/** Identity used for duplicate detection: same issuer, label and seed. */
export function duplicateKey(a: Pick<VaultAccount, 'issuer' | 'label' | 'secret'>): string {
  return JSON.stringify([a.issuer, a.label, Buffer.from(a.secret).toString('base64')]);
}

/** Semantic checks on an account to add, with the scanner's limits and order; throws 'unsafe-name' / 'invalid-parameter' / 'invalid-secret'. */
export function checkNewAccount(a: NewAccount): void {
  // Every way in (scan, link, manual, edit, backup, plain list) ends here: no controls in names.
  if (typeof a.issuer === 'string') checkName(a.issuer, 'issuer');
  if (typeof a.label === 'string') checkName(a.label, 'label');
  checkOtpParams(pickFields(a, PARAM_KEYS));
  checkLooks(a);
  checkOrganising(a);
}

type State =
  | { kind: 'closed' }
  | { kind: 'error'; code: ErrorCode }
  | { kind: 'locked'; item: string }
  | { kind: 'ready'; key: Buffer; accounts: VaultAccount[]; pairings: PairedRecord[]; item: string | null };

interface Undo {
  readonly account: VaultAccount;
  readonly index: number;
  readonly expiresAt: number;
  readonly cancel: () => void;
}

/** Creates the vault service (nothing is read until the first call). */
export function createVault(options: VaultOptions): Vault {
  return new Vault(options);
}

/** The vault service. All public methods are serialized; see createVault. */
export class Vault {
  private state: State = { kind: 'closed' };
  private readonly serial = createSerial();
  private readonly file: string;
  /** The brute-force brake of every way to unlock (password here, the OS prompt in os-unlock.ts). */
  readonly throttle: UnlockThrottle;
  private readonly undo = new Map<string, Undo>();
  /** Last HOTP code per account id, so "copy" works after "next"; dropped on lock. */
  private readonly lastHotp = new Map<string, string>();

  constructor(private readonly o: VaultOptions) {
    this.file = join(o.dir, VAULT_FILE);
    this.throttle = createUnlockThrottle(join(o.dir, 'unlock-throttle.json'), o.clock);
  }

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
      if (this.state.kind === 'closed' || this.state.kind === 'error') await this.load().catch(() => undefined);
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
        if (bytes) throw new FaktorError('vault-key-missing', 'vault file exists but the keychain has no key');
        const key = randomKey();
        await this.o.keychain.set(KEY_ACCOUNT, plainKeyItem(key)); // key strictly before the first file
        await this.o.hooks?.afterKeyWrite?.();
        await this.write(key, [], []);
        this.setState({ kind: 'ready', key, accounts: [], pairings: [], item: null });
        return;
      }
      const slot = parseKeyItem(item);
      if (slot.kind === 'wrapped') {
        this.setState({ kind: 'locked', item: slot.item });
        return;
      }
      await recoverRekey(this.file, slot.key); // a re-key a crash interrupted (vault-rekey.ts)
      const current = await readFileIfExists(this.file);
      const content = current ? decodePayload(decodeVaultFile(slot.key, current)) : { accounts: [], pairings: [] }; // key, no file → empty vault
      this.setState({ kind: 'ready', key: slot.key, ...content, item: null });
    } catch (e) {
      const code: ErrorCode = isFaktorError(e) ? e.code : 'vault-corrupt';
      this.setState({ kind: 'error', code });
      throw isFaktorError(e) ? e : new FaktorError('vault-corrupt', e instanceof Error ? e.name : 'read failed');
    }
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
    return this.op(async (s) => fn(paramsOf(find(s, id))));
  }

  /** Like withParams, for every TOTP account (or the given ids; HOTP ones are skipped), in display order. */
  withTotpParams<T>(ids: readonly string[] | undefined, fn: (id: string, params: OtpParams) => T): Promise<T[]> {
    return this.op(async (s) => {
      const chosen = ids ? ids.map((id) => find(s, id)) : s.accounts;
      return chosen.filter((a) => a.type === 'totp').map((a) => fn(a.id, paramsOf(a)));
    });
  }

  /** Adds one account; refuses an exact duplicate (same issuer, label and seed). */
  add(input: NewAccount): Promise<AccountView> {
    return this.op(async (s) => {
      checkNewAccount(input);
      const dup = duplicateKey(input);
      if (s.accounts.some((a) => duplicateKey(a) === dup)) throw new FaktorError('duplicate');
      const account = this.fresh(input);
      await this.commit(s, [...s.accounts, account]);
      return toView(account);
    });
  }

  /** Edits metadata (never the seed). */
  update(id: string, patch: AccountPatch): Promise<AccountView> {
    return this.op(async (s) => {
      const old = find(s, id);
      const next: VaultAccount = {
        ...old,
        issuer: patch.issuer ?? old.issuer,
        label: patch.label ?? old.label,
        color: patch.color === undefined ? old.color : patch.color,
        icon: patch.icon === undefined ? old.icon : patch.icon,
        pinned: patch.pinned ?? old.pinned,
        tags: patch.tags === undefined ? old.tags : normaliseTags(patch.tags),
      };
      checkNewAccount(next);
      if (next.label.length === 0) throw new FaktorError('invalid-parameter', 'label');
      await this.commit(s, s.accounts.map((a) => (a.id === id ? next : a)));
      return toView(next);
    });
  }

  /** Deletes; returns a token that restores it (same id, same position) for `undoMs`. */
  remove(id: string): Promise<{ undoToken: string }> {
    return this.op(async (s) => {
      const index = s.accounts.findIndex((a) => a.id === id);
      if (index < 0) throw new FaktorError('not-found');
      const account = s.accounts[index]!;
      await this.commit(s, s.accounts.filter((a) => a.id !== id));
      this.lastHotp.delete(id);
      const undoToken = newId();
      const ms = this.o.undoMs ?? 30_000;
      const cancel = this.o.clock.setTimer(ms, () => this.dropUndo(undoToken));
      this.undo.set(undoToken, { account, index, expiresAt: this.o.clock.now() + ms, cancel });
      return { undoToken };
    });
  }

  /** Puts a deleted account back while its token is valid; 'not-found' afterwards. */
  restore(undoToken: string): Promise<AccountView> {
    return this.op(async (s) => {
      const u = this.undo.get(undoToken);
      if (!u || this.o.clock.now() > u.expiresAt) {
        this.dropUndo(undoToken);
        throw new FaktorError('not-found', 'undo expired');
      }
      if (s.accounts.some((a) => a.id === u.account.id || duplicateKey(a) === duplicateKey(u.account))) {
        this.dropUndo(undoToken);
        throw new FaktorError('duplicate');
      }
      const next = [...s.accounts];
      next.splice(Math.min(u.index, next.length), 0, u.account);
      await this.commit(s, next);
      u.cancel();
      this.undo.delete(undoToken);
      return toView(u.account);
    });
  }

  /**
   * Reorders: the named accounts take the named order within the positions they occupy, the rest
   * stay where they are (so a filtered view can be reordered without moving hidden accounts).
   */
  reorder(ids: readonly string[]): Promise<void> {
    return this.op(async (s) => {
      if (new Set(ids).size !== ids.length) throw new FaktorError('invalid-request', 'duplicate id');
      const moving = ids.map((id) => find(s, id));
      await this.commit(s, reorderWithin(s.accounts, (a) => a.id, moving));
    });
  }

  /** Records that a code of this account was just used (copied), for "sort by recent use". */
  markUsed(id: string): Promise<void> {
    return this.op(async (s) => {
      const next: VaultAccount = { ...find(s, id), lastUsed: this.o.clock.now() };
      await this.commit(s, s.accounts.map((a) => (a.id === id ? next : a)));
    });
  }

  /**
   * HOTP: computes the code for the stored counter, persists counter + 1, and only then hands the
   * code out. If the write fails no code is returned, so a shown code is never reused.
   */
  nextHotp(id: string, generate: (params: OtpParams, counter: number) => string): Promise<{ code: string; counter: number }> {
    return this.op(async (s) => {
      const a = find(s, id);
      if (a.type !== 'hotp') throw new FaktorError('invalid-request', 'not an HOTP account');
      if (a.counter >= Number.MAX_SAFE_INTEGER) throw new FaktorError('invalid-parameter', 'counter');
      const code = generate(paramsOf(a), a.counter);
      const next: VaultAccount = { ...a, counter: a.counter + 1 };
      await this.commit(s, s.accounts.map((x) => (x.id === id ? next : x)));
      this.lastHotp.set(id, code);
      return { code, counter: a.counter };
    });
  }

  /** The HOTP code last handed out for this account in this session (for copy), or null. */
  lastHotpCode(id: string): Promise<string | null> {
    return this.op(async (s) => {
      find(s, id);
      return this.lastHotp.get(id) ?? null;
    });
  }

  /**
   * Adds many accounts in ONE atomic write (all or nothing). Exact duplicates of existing accounts or
   * of earlier entries in the same import are skipped and reported. Validates all before writing.
   */
  importAccounts(list: readonly NewAccount[]): Promise<{ imported: number; duplicates: Array<{ issuer: string; label: string }> }> {
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
        added.push(this.fresh(input));
      }
      if (added.length > 0) await this.commit(s, [...s.accounts, ...added]);
      return { imported: added.length, duplicates };
    });
  }

  /** Every paired Servicekonto record (sealed secrets included); main-process internal. */
  pairings(): Promise<PairedRecord[]> {
    return this.op(async (s) => [...s.pairings]);
  }

  /**
   * Stores a paired Servicekonto. A record for the same server and account replaces the old one (a
   * re-pairing after reinstall: the old means stays on the server until the user removes it there).
   */
  savePairing(record: PairedRecord): Promise<void> {
    return this.op(async (s) => {
      const checked = PairedRecordSchema.parse(record) as PairedRecord;
      const rest = s.pairings.filter((p) => p.id !== checked.id && !samePairing(p, checked));
      await this.commit(s, s.accounts, [...rest, checked]);
    });
  }

  /** Forgets one paired Servicekonto ('not-found' when there is none with that id). */
  removePairing(id: string): Promise<void> {
    return this.op(async (s) => {
      if (!s.pairings.some((p) => p.id === id)) throw new FaktorError('not-found');
      await this.commit(s, s.accounts, s.pairings.filter((p) => p.id !== id));
    });
  }

  /** Copies of every account with seed, for backup export; main-process internal. */
  exportAccounts(): Promise<VaultAccount[]> {
    return this.op(async (s) => s.accounts.map((a) => ({ ...a, secret: Uint8Array.from(a.secret) })));
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
      if (keyItemTag(s.item) !== itemTag) throw new FaktorError('os-unlock-stale', 'keychain item changed');
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
      await recoverRekey(this.file, key); // a re-key a crash interrupted (vault-rekey.ts)
      const bytes = await readFileIfExists(this.file);
      const content = bytes ? decodePayload(decodeVaultFile(key, bytes)) : { accounts: [], pairings: [] };
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
      // Everything the vault holds moves to the new key: accounts AND paired Servicekonten.
      const payload = Buffer.from(encodePayload(s.accounts, s.pairings), 'utf8');
      let item: string | null;
      try {
        item = next === null ? null : await wrappedKeyItem(key, next, this.o.kdf ?? DEFAULT_KDF);
        const fileText = encodeVaultFile(key, payload);
        await commitRekey({ file: this.file, keychain: this.o.keychain, account: KEY_ACCOUNT, item: item ?? plainKeyItem(key), fileText, hooks: this.o.hooks?.rekey });
        s.key.fill(0);
        this.setState({ ...s, key, item });
      } catch (e) {
        key.fill(0);
        throw e;
      } finally {
        payload.fill(0);
      }
      const kept = item;
      await this.o.onRekey?.(kept === null ? null : { key: Buffer.from(key), itemTag: keyItemTag(kept) }).catch(() => undefined);
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
  private op<T>(fn: (s: Extract<State, { kind: 'ready' }>) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      if (this.state.kind === 'closed') await this.load();
      const s = this.state;
      if (s.kind === 'locked') throw new FaktorError('vault-locked');
      if (s.kind === 'error') throw new FaktorError(s.code);
      if (s.kind !== 'ready') throw new FaktorError('vault-locked');
      return fn(s);
    });
  }

  private fresh(input: NewAccount): VaultAccount {
    const fields = pickFields(input, ['type', 'issuer', 'label', 'algorithm', 'digits', 'period', 'counter']);
    const organising = { pinned: input.pinned ?? false, tags: normaliseTags(input.tags ?? []), lastUsed: input.lastUsed ?? null };
    return { ...fields, ...organising, id: newId(), color: input.color ?? null, icon: input.icon ?? null, createdAt: this.o.clock.now(), secret: Uint8Array.from(input.secret) };
  }

  /** Writes the new list; memory changes only after the file is safely on disk. */
  private async commit(s: Extract<State, { kind: 'ready' }>, accounts: VaultAccount[], pairings = s.pairings): Promise<void> {
    await this.write(s.key, accounts, pairings);
    this.state = { ...s, accounts, pairings };
    this.o.onChange?.();
  }

  private async write(key: Uint8Array, accounts: readonly VaultAccount[], pairings: readonly PairedRecord[]): Promise<void> {
    const payload = Buffer.from(encodePayload(accounts, pairings), 'utf8');
    try {
      await writeFileAtomic(this.file, encodeVaultFile(key, payload), { hooks: this.o.hooks?.file });
    } finally {
      payload.fill(0);
    }
  }

  private dropUndo(token: string): void {
    const u = this.undo.get(token);
    if (!u) return;
    u.cancel();
    this.undo.delete(token);
    if (!this.isLive(u.account)) u.account.secret.fill(0);
  }

  private isLive(a: VaultAccount): boolean {
    return this.state.kind === 'ready' && this.state.accounts.includes(a);
  }

  private setState(next: State): void {
    const prev = this.state;
    if (prev.kind === 'ready' && next.kind !== 'ready') {
      // Lock/error: wipe what we own. (JS strings that passed through JSON cannot be wiped; see docs.)
      prev.key.fill(0);
      for (const a of prev.accounts) a.secret.fill(0);
      for (const token of [...this.undo.keys()]) this.dropUndo(token);
      this.lastHotp.clear();
    }
    const before = JSON.stringify(this.status());
    this.state = next;
    if (JSON.stringify(this.status()) !== before) this.o.onStatus?.(this.status());
  }
}

function find(s: Extract<State, { kind: 'ready' }>, id: string): VaultAccount {
  const a = s.accounts.find((x) => x.id === id);
  if (!a) throw new FaktorError('not-found');
  return a;
}

function paramsOf(a: VaultAccount): OtpParams {
  return pickFields(a, PARAM_KEYS);
}


function encodePayload(accounts: readonly VaultAccount[], pairings: readonly PairedRecord[]): string {
  const stored = accounts.map((a) => ({ ...toView(a), secret: Buffer.from(a.secret).toString('base64') }));
  return JSON.stringify(pairings.length > 0 ? { accounts: stored, pairings } : { accounts: stored });
}

function decodePayload(plain: Buffer): { accounts: VaultAccount[]; pairings: PairedRecord[] } {
  try {
    const parsed = Payload.parse(JSON.parse(plain.toString('utf8')));
    const accounts = parsed.accounts.map((a) => ({ ...a, secret: new Uint8Array(Buffer.from(a.secret, 'base64')) }));
    return { accounts, pairings: (parsed.pairings ?? []) as PairedRecord[] };
  } catch {
    throw new FaktorError('vault-corrupt', 'vault payload malformed');
  } finally {
    plain.fill(0);
  }
}
