import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { KEY_ACCOUNT } from '../../../../electron/main/services/vault-lock';
import type { VaultHooks } from '../../../../electron/main/services/vault-options';
import { VAULT_FILE } from '../../../../electron/main/services/vault-file';
import {
  decodeVaultFile,
  parseKeyItem,
  unwrapKeyItem,
} from '../../../../electron/main/services/vault-format';
import { stagedPath } from '../../../../electron/main/services/vault-rekey';
import { totpAccount as totp, useVaultSandbox } from '../../../support/use-sandbox';

/**
 * Issue #7 item 12: setting, changing or removing the app password re-keys the vault. Real
 * gnome-keyring (scripts/with-test-keyring.sh), real files; the "attacker" holds a copy of the
 * keychain item from before and tries to open the current file with it.
 */

const vs = useVaultSandbox();
const make = (hooks?: VaultHooks) => vs.make({ hooks });
const vaultBytes = () => readFileSync(join(vs.box.dir, VAULT_FILE));

/** The vault key a stolen keychain item yields (plain, or unwrapped with the password the thief also knows). */
async function keyFrom(item: string, password?: string): Promise<Buffer> {
  const slot = parseKeyItem(item);
  if (slot.kind === 'plain') return slot.key;
  const key = await unwrapKeyItem(item, password!);
  if (!key) throw new Error('wrong password in test');
  return key;
}

/** 'opens' when the key decrypts the current vault file, else the error code. */
function tryOpen(key: Buffer): string {
  try {
    decodeVaultFile(key, vaultBytes()).fill(0);
    return 'opens';
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return e.code;
  }
}

describe('re-key on password set / change / remove', () => {
  it('the keychain item from before no longer opens the vault; accounts survive each step', async () => {
    const v = make();
    await v.open();
    await v.add(totp('alice'));
    const beforeSet = (await vs.keychain.get(KEY_ACCOUNT))!;
    expect(tryOpen(await keyFrom(beforeSet))).toBe('opens'); // the control: a stolen plain key works today

    await v.setPassword(null, 'first password');
    expect(tryOpen(await keyFrom(beforeSet))).toBe('vault-key-missing');
    const beforeChange = (await vs.keychain.get(KEY_ACCOUNT))!;
    expect(tryOpen(await keyFrom(beforeChange, 'first password'))).toBe('opens');

    await v.setPassword('first password', 'second password');
    expect(tryOpen(await keyFrom(beforeChange, 'first password'))).toBe('vault-key-missing');
    const beforeRemove = (await vs.keychain.get(KEY_ACCOUNT))!;

    await v.setPassword('second password', null);
    expect(tryOpen(await keyFrom(beforeRemove, 'second password'))).toBe('vault-key-missing');
    expect((await v.list()).map((a) => a.label)).toEqual(['alice']);

    // A restart reads the new key from the keychain and the re-encrypted file.
    const restarted = make();
    expect(await restarted.open()).toEqual({ state: 'ready', hasPassword: false, error: null });
    expect((await restarted.list()).map((a) => a.label)).toEqual(['alice']);
    expect(existsSync(stagedPath(join(vs.box.dir, VAULT_FILE)))).toBe(false);
  });

  it('a wrong current password changes nothing: same key, same file', async () => {
    const v = make();
    await v.open();
    await v.add(totp('alice'));
    await v.setPassword(null, 'first password');
    const item = await vs.keychain.get(KEY_ACCOUNT);
    const file = vaultBytes();
    await expect(v.setPassword('wrong password', 'other password')).rejects.toSatisfy(
      (e: unknown) => isFaktorError(e, 'wrong-password'),
    );
    expect(await vs.keychain.get(KEY_ACCOUNT)).toBe(item);
    expect(vaultBytes().equals(file)).toBe(true);
  });

  it('a crash before the keychain write keeps the old key in force and drops the staged file', async () => {
    const v = make({ rekey: { beforeKeychain: () => Promise.reject(new Error('crash')) } });
    await v.open();
    await v.add(totp('alice'));
    const oldItem = (await vs.keychain.get(KEY_ACCOUNT))!;
    await expect(v.setPassword(null, 'first password')).rejects.toThrow('crash');
    expect(existsSync(stagedPath(join(vs.box.dir, VAULT_FILE)))).toBe(true);
    expect(await vs.keychain.get(KEY_ACCOUNT)).toBe(oldItem);

    const restarted = make();
    expect(await restarted.open()).toEqual({ state: 'ready', hasPassword: false, error: null });
    expect((await restarted.list()).map((a) => a.label)).toEqual(['alice']);
    expect(existsSync(stagedPath(join(vs.box.dir, VAULT_FILE)))).toBe(false);
  });

  it('a crash between the keychain write and the rename is finished on the next unlock', async () => {
    const v = make({ rekey: { afterKeychain: () => Promise.reject(new Error('crash')) } });
    await v.open();
    await v.add(totp('alice'));
    const oldItem = (await vs.keychain.get(KEY_ACCOUNT))!;
    await expect(v.setPassword(null, 'first password')).rejects.toThrow('crash');
    expect(existsSync(stagedPath(join(vs.box.dir, VAULT_FILE)))).toBe(true);

    const restarted = make();
    expect(await restarted.open()).toEqual({ state: 'locked', hasPassword: true, error: null });
    expect(await restarted.unlock('first password')).toEqual({
      state: 'ready',
      hasPassword: true,
      error: null,
    });
    expect((await restarted.list()).map((a) => a.label)).toEqual(['alice']);
    expect(existsSync(stagedPath(join(vs.box.dir, VAULT_FILE)))).toBe(false);
    expect(tryOpen(await keyFrom(oldItem))).toBe('vault-key-missing');
  });
});
