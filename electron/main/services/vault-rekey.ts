import { rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readFileIfExists, removeStaleTemps, syncDir, writeFileAtomic } from './atomic-file';
import type { Keychain } from './keychain';
import { decodeVaultFile } from './vault-format';

/*
 * Re-keying the vault when the app password is set, changed or removed (issue #7 item 12): a new
 * random vault key, the file re-encrypted under it, the keychain item replaced — so the key that sat
 * in the keychain before (e.g. copied by malware while no password was set) no longer opens the vault.
 *
 * Two stores must change, the keychain and the file, and neither write can be undone by a crash:
 *   1. the file under the NEW key is written next to the vault (`vault.json.rekey`, atomic write);
 *   2. the keychain item is replaced (the new key is now the key);
 *   3. the staged file is renamed over the vault (atomic), the directory fsynced.
 * A crash before 2 leaves the old key and the old file (the staged file is dropped on the next
 * open); a crash between 2 and 3 leaves the new key and the staged file, which the next open
 * promotes (recoverRekey). At no point is the only readable copy under a key that is gone.
 */

/** Name of the staged file next to the vault file. */
export function stagedPath(file: string): string {
  return `${file}.rekey`;
}

/** Crash-test hooks (tests only). */
export interface RekeyHooks {
  /** After the staged file is on disk, before the keychain write. */
  beforeKeychain?: () => Promise<void> | void;
  /** After the keychain holds the new key, before the staged file replaces the vault. */
  afterKeychain?: () => Promise<void> | void;
}

/**
 * Steps 1–3 above. `fileText` is the vault encrypted under the new key, `item` the keychain item
 * holding it. On a failed keychain write the staged file is removed, unless the keychain reads back
 * the new item (the write landed after all), in which case the re-key completes.
 */
export async function commitRekey(o: {
  file: string;
  keychain: Keychain;
  account: string;
  item: string;
  fileText: string;
  hooks?: RekeyHooks;
}): Promise<void> {
  const staged = stagedPath(o.file);
  await writeFileAtomic(staged, o.fileText);
  await o.hooks?.beforeKeychain?.();
  try {
    await o.keychain.set(o.account, o.item);
  } catch (e) {
    const landed = await o.keychain.get(o.account).then(
      (v) => v === o.item,
      () => false,
    );
    if (!landed) {
      await unlink(staged).catch(() => undefined);
      throw e;
    }
  }
  await o.hooks?.afterKeychain?.();
  await rename(staged, o.file);
  await syncDir(dirname(o.file));
}

/**
 * Finishes or discards an interrupted re-key, given the key the keychain holds now: a staged file
 * that this key opens is the current vault (promote it); any other staged file is a leftover (drop it).
 */
export async function recoverRekey(file: string, key: Uint8Array): Promise<void> {
  const staged = stagedPath(file);
  await removeStaleTemps(staged);
  const bytes = await readFileIfExists(staged);
  if (bytes === null) return;
  if (opensWith(key, bytes)) {
    await rename(staged, file);
    await syncDir(dirname(file));
  } else {
    await unlink(staged);
  }
}

function opensWith(key: Uint8Array, bytes: Uint8Array): boolean {
  try {
    decodeVaultFile(key, bytes).fill(0);
    return true;
  } catch {
    return false;
  }
}
