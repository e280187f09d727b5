import { isFaktorError } from '../../../../shared/errors';
import type { DroppedEntry, ImportFormat } from '../../../../shared/import/types';
import { NODE_KDF, type KdfPrimitives } from '../crypto';
import {
  checkNewAccount,
  duplicateKey,
  type NewAccount,
  type VaultAccount,
} from '../vault-account';
import { damaged } from '../../../../shared/import/entry';
import { readForeign, type ForeignFile } from './read-foreign';

/** The vault operations an import needs (a subset of services/vault.ts's Vault). */
export interface ImportVault {
  exportAccounts(): Promise<VaultAccount[]>;
  importAccounts(
    list: readonly NewAccount[],
  ): Promise<{ imported: number; duplicates: Array<{ issuer: string; label: string }> }>;
}

/** Options of one import: format (detected when absent), password for encrypted files, preview only. */
export interface ImportOptions {
  readonly format?: ImportFormat;
  readonly password?: string | null;
  readonly dryRun?: boolean;
}

/** What an import (or its preview) reports: never a secret. */
export interface ImportOutcome {
  readonly format: ImportFormat;
  /** Accounts that are (dry run: would be) added. */
  readonly accounts: Array<{ issuer: string; label: string; type: 'totp' | 'hotp' }>;
  /** Exact duplicates of accounts already in the vault (or earlier in the file), skipped. */
  readonly duplicates: Array<{ issuer: string; label: string }>;
  /** Entries left out, with the reason (Steam, Yandex, mOTP, …). */
  readonly dropped: DroppedEntry[];
  /** How many were added: 0 on a dry run. */
  readonly imported: number;
}

/**
 * The one import entry point for every file format (the IPC handlers and the tester CLI call it):
 * decode → validate every account like every other entry point (checkNewAccount) → preview, or
 * commit all in ONE atomic vault write. Any invalid account fails the whole file; the vault is
 * untouched unless everything validated.
 */
export async function importForeign(
  bytes: Uint8Array,
  opts: ImportOptions,
  vault: ImportVault,
  kdf: KdfPrimitives = NODE_KDF,
): Promise<ImportOutcome> {
  const file = await readForeign(bytes, opts, kdf);
  try {
    return opts.dryRun === true ? await previewFile(file, vault) : await commitFile(file, vault);
  } finally {
    forgetFile(file);
  }
}

/** Validates a decoded file and says what committing it would do; writes nothing. */
export async function previewFile(file: ForeignFile, vault: ImportVault): Promise<ImportOutcome> {
  validate(file);
  const { fresh, duplicates } = await split(file.accounts, vault);
  return {
    format: file.format,
    accounts: names(fresh),
    duplicates,
    dropped: file.dropped,
    imported: 0,
  };
}

/** Validates and commits a decoded file in one atomic vault write (the vault lists duplicates again itself). */
export async function commitFile(file: ForeignFile, vault: ImportVault): Promise<ImportOutcome> {
  validate(file);
  const { fresh } = await split(file.accounts, vault);
  const result = await vault.importAccounts(file.accounts);
  return {
    format: file.format,
    accounts: names(fresh),
    duplicates: result.duplicates,
    dropped: file.dropped,
    imported: result.imported,
  };
}

/** Overwrites the decoded seeds of a file that is no longer needed. */
export function forgetFile(file: ForeignFile): void {
  for (const a of file.accounts) a.secret.fill(0);
}

function validate(file: ForeignFile): void {
  file.accounts.forEach((a, i) => {
    try {
      checkNewAccount(a);
    } catch (e) {
      throw damaged(`account ${i + 1}`, {
        entry: i + 1,
        reason: isFaktorError(e) ? e.code : 'invalid',
      });
    }
  });
}

function names(list: readonly NewAccount[]): ImportOutcome['accounts'] {
  return list.map((a) => ({ issuer: a.issuer, label: a.label, type: a.type }));
}

/** Which accounts are new and which are exact duplicates (same rule as vault.importAccounts). */
async function split(
  list: readonly NewAccount[],
  vault: ImportVault,
): Promise<{ fresh: NewAccount[]; duplicates: Array<{ issuer: string; label: string }> }> {
  const existing = await vault.exportAccounts();
  const seen = new Set(existing.map(duplicateKey));
  for (const a of existing) a.secret.fill(0);
  const fresh: NewAccount[] = [];
  const duplicates: Array<{ issuer: string; label: string }> = [];
  for (const a of list) {
    const k = duplicateKey(a);
    if (seen.has(k)) {
      duplicates.push({ issuer: a.issuer, label: a.label });
    } else {
      seen.add(k);
      fresh.push(a);
    }
  }
  return { fresh, duplicates };
}
