import { randomBytes } from 'node:crypto';
import { FaktorError } from '../../../shared/errors';
import type { AccountPatch, AccountView } from '../../../shared/ipc/schemas';
import type { OtpParams } from '../../../shared/otp/types';
import { checkName } from '../../../shared/text/names';
import { otpParamsOf, pickFields, VIEW_KEYS } from '../../../shared/account';
import { checkOtpParams } from '../../../shared/otp/limits';
import { checkLooks, checkOrganising, normaliseTags } from './account-checks';

/*
 * One account as the vault holds it (with its seed) and the pure rules on it: its view, its OTP
 * parameters, its duplicate identity, the checks every way in passes, and how a new or edited
 * account is built. No I/O; the vault (vault.ts) applies these inside its serialized operations.
 */

/**
 * One account as held in memory: the shared account record (shared/account.ts, the one definition the
 * IPC view and the forms derive from too) plus its seed. Never leaves the main process.
 */
export type VaultAccount = Readonly<AccountView> & { readonly secret: Uint8Array };

/** An account to add (id and creation time are assigned by the vault). */
export type NewAccount = Omit<
  VaultAccount,
  'id' | 'createdAt' | 'color' | 'icon' | 'pinned' | 'tags' | 'lastUsed'
> &
  Partial<Pick<VaultAccount, 'color' | 'icon' | 'pinned' | 'tags' | 'lastUsed'>>;

/** Random URL-safe id (16 chars, 96 bits), matching the contract's Id. */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** The renderer's view of an account: metadata only. */
export function toView(a: VaultAccount): AccountView {
  return pickFields(a, VIEW_KEYS);
}

/** The OTP parameters (seed included) code generation needs; main-process internal. */
export function paramsOf(a: VaultAccount): OtpParams {
  return otpParamsOf(a);
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
  checkOtpParams(otpParamsOf(a));
  checkLooks(a);
  checkOrganising(a);
}

/** OTP parameters (from a parser or a typed form) → an account to add: only the stored fields, a TOTP's counter 0. */
export function newAccountOf(p: OtpParams): NewAccount {
  return { ...otpParamsOf(p), counter: p.type === 'hotp' ? p.counter : 0 };
}

/** A stored account built from one to add: a new id, the creation time, defaults, and its own copy of the seed. */
export function freshAccount(input: NewAccount, createdAt: number): VaultAccount {
  const fields = pickFields(input, [
    'type',
    'issuer',
    'label',
    'algorithm',
    'digits',
    'period',
    'counter',
  ]);
  const organising = {
    pinned: input.pinned ?? false,
    tags: normaliseTags(input.tags ?? []),
    lastUsed: input.lastUsed ?? null,
  };
  return {
    ...fields,
    ...organising,
    id: newId(),
    color: input.color ?? null,
    icon: input.icon ?? null,
    createdAt,
    secret: Uint8Array.from(input.secret),
  };
}

/** The account with an edit applied (metadata only, never the seed), checked like a new one; an empty label is refused. */
export function patchedAccount(old: VaultAccount, patch: AccountPatch): VaultAccount {
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
  return next;
}

/** The account with this id ('not-found' otherwise). */
export function findAccount(accounts: readonly VaultAccount[], id: string): VaultAccount {
  const a = accounts.find((x) => x.id === id);
  if (!a) throw new FaktorError('not-found');
  return a;
}

/** The list with one account replaced by its new version (same position). */
export function replaced(accounts: readonly VaultAccount[], next: VaultAccount): VaultAccount[] {
  return accounts.map((a) => (a.id === next.id ? next : a));
}

/**
 * Reorders: the named accounts take the named order within the positions they occupy, the rest
 * stay where they are (so a filtered view can be reordered without moving hidden accounts).
 */
export function reordered(
  accounts: readonly VaultAccount[],
  ids: readonly string[],
): VaultAccount[] {
  if (new Set(ids).size !== ids.length) throw new FaktorError('invalid-request', 'duplicate id');
  const moving = ids.map((id) => findAccount(accounts, id));
  const named = new Set(ids);
  let k = 0;
  return accounts.map((a) => (named.has(a.id) ? moving[k++]! : a));
}
