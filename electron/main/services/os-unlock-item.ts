import { z } from 'zod';
import { FaktorError } from '../../../shared/errors';
import { OsUnlockMethod } from '../../../shared/ipc/os-unlock-schemas';
import type { Keychain } from './keychain';
import { B64 } from './vault-format';

/** Keychain account (under the vault's service) of the OS-unlock item. */
export const OS_UNLOCK_ACCOUNT = 'vault-key-os-unlock';

const Item = z.strictObject({
  v: z.literal(1),
  method: OsUnlockMethod,
  itemTag: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  key: B64,
});

/** The OS-unlock keychain item: the prompt it was enabled with, the password item's tag, the vault key. */
export type OsUnlockItem = z.infer<typeof Item>;

/** The item's JSON, or null when it is not exactly our layout. */
function parseItem(text: string): OsUnlockItem | null {
  try {
    const parsed = Item.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Reading and writing the OS-unlock item in the keychain (os-unlock.ts decides when). Nothing else
 * knows its layout; a damaged item is deleted rather than trusted.
 */
export function createOsUnlockItemStore(keychain: Keychain) {
  const forget = async (): Promise<void> => void (await keychain.delete(OS_UNLOCK_ACCOUNT));
  const write = async (m: OsUnlockMethod, key: Uint8Array, itemTag: string): Promise<void> => {
    const text = JSON.stringify({
      v: 1,
      method: m,
      itemTag,
      key: Buffer.from(key).toString('base64'),
    });
    await keychain.set(OS_UNLOCK_ACCOUNT, text);
  };
  return {
    /** Deletes the item (no error when there is none). */
    forget,
    /** Stores the vault key for prompt `m`, bound to the password item tagged `itemTag`. */
    write,
    /** The stored item, or null when there is none; a damaged one is deleted and reads as stale. */
    async read(): Promise<OsUnlockItem | null> {
      const text = await keychain.get(OS_UNLOCK_ACCOUNT);
      if (text === null) return null;
      const item = parseItem(text);
      if (item) return item;
      await forget();
      throw new FaktorError('os-unlock-stale', 'item damaged');
    },
    /** Whether an item is stored (a keychain error reads as no). */
    exists: (): Promise<boolean> =>
      keychain.get(OS_UNLOCK_ACCOUNT).then(
        (t) => t !== null,
        () => false,
      ),
    /** After a re-key: rewrites an existing item for the new key, or deletes it when no password remains. Zeroes `next.key`. */
    async rekey(next: { key: Buffer; itemTag: string } | null): Promise<void> {
      try {
        const text = await keychain.get(OS_UNLOCK_ACCOUNT).catch(() => null);
        if (text === null) return;
        const item = parseItem(text);
        if (next === null || item === null) await forget();
        else await write(item.method, next.key, next.itemTag);
      } finally {
        next?.key.fill(0);
      }
    },
  };
}
