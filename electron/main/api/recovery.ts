import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { FaktorError } from '../../../shared/errors';
import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { VaultStatus } from '../../../shared/ipc/schemas';
import type { Keychain } from '../services/keychain';
import { KEY_ACCOUNT } from '../services/vault-lock';
import { VAULT_FILE } from '../services/vault-file';
import { OS_UNLOCK_ACCOUNT } from '../services/os-unlock';

/** The channel of issue 12 item 6: leave a damaged vault for a fresh one (restore and reset both start here). */
export type RecoveryChannel = 'vault-reset';

/** Vault errors a fresh vault can help with; keychain errors are not among them (retry is the answer there). */
export const RESETTABLE_ERRORS: ReadonlySet<string> = new Set([
  'vault-corrupt',
  'vault-key-missing',
]);

/** Suffix of what a reset keeps aside: `vault.json.damaged-<time>` and keychain `vault-key.damaged-<time>`. */
export function damagedSuffix(nowMs: number): string {
  return `.damaged-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Moves the damaged vault file and its keychain key (and OS-unlock item) aside (never deletes either, so the file can still be
 * examined or recovered later). The key is copied before the file moves and removed only after, so a
 * failure at any step leaves nothing lost. Returns the file name kept aside.
 */
export async function setVaultAside(
  dir: string,
  keychain: Keychain,
  nowMs: number,
): Promise<string> {
  const suffix = damagedSuffix(nowMs);
  // The password item and the OS-unlock item (services/os-unlock.ts) both hold this vault's key.
  const accounts = [KEY_ACCOUNT, OS_UNLOCK_ACCOUNT];
  const items = await Promise.all(accounts.map((a) => keychain.get(a))); // throws keychain-* before anything changed
  for (const [i, item] of items.entries())
    if (item !== null) await keychain.set(`${accounts[i]}${suffix}`, item);
  await rename(join(dir, VAULT_FILE), join(dir, `${VAULT_FILE}${suffix}`)).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  });
  for (const [i, item] of items.entries()) if (item !== null) await keychain.delete(accounts[i]!);
  return `${VAULT_FILE}${suffix}`;
}

/**
 * 'vault-reset': only while the vault reports a damaged file, sets it aside and opens a new empty vault
 * (no app password yet). Restore is this plus the ordinary backup import into the fresh vault.
 */
export function createRecoveryHandlers(deps: {
  vault: { open(): Promise<VaultStatus> };
  keychain: Keychain;
  dir: string;
  now: () => number;
}): { readonly [C in RecoveryChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> } {
  return {
    'vault-reset': async () => {
      const before = await deps.vault.open();
      if (before.state !== 'error' || !RESETTABLE_ERRORS.has(before.error ?? '')) {
        throw new FaktorError('invalid-request', 'reset only replaces a damaged vault');
      }
      await setVaultAside(deps.dir, deps.keychain, deps.now());
      return deps.vault.open();
    },
  };
}
