import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOsKeychain, type Keychain } from '../../../../electron/main/services/keychain';
import {
  createOsUnlock,
  OS_UNLOCK_ACCOUNT,
  type OsUnlock,
} from '../../../../electron/main/services/os-unlock';
import { createVault, type Vault } from '../../../../electron/main/services/vault';
import { KEY_ACCOUNT } from '../../../../electron/main/services/vault-lock';
import type { VaultHooks } from '../../../../electron/main/services/vault-options';
import { VAULT_FILE } from '../../../../electron/main/services/vault-file';
import type { NewAccount } from '../../../../electron/main/services/vault-account';
import { stagedPath } from '../../../../electron/main/services/vault-rekey';
import { ManualClock, StandInOsVerifier, TEST_KDF } from '../../../support/doubles';
import { outcome, sandbox, type Sandbox } from '../../../support/sandbox';

/*
 * OS unlock against the real Secret Service (scripts/with-test-keyring.sh) and real files. The OS prompt
 * itself (Touch ID) cannot exist here — no Electron binary, no sensor — so StandInOsVerifier answers it;
 * the keychain items, the vault, its re-key and the unlock throttle are the real ones.
 */

const PASSWORD = 'correct horse';
const SECRET = Uint8Array.from(Buffer.from('12345678901234567890'));
const account: NewAccount = {
  type: 'totp',
  issuer: 'Example',
  label: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: SECRET,
};

let box: Sandbox;
let keychain: Keychain;
let clock: ManualClock;
let verifier: StandInOsVerifier;

/** A vault wired to its OS-unlock service the way api/index.ts wires them (the re-key hook included). */
function build(hooks?: VaultHooks): { vault: Vault; os: OsUnlock } {
  let os: OsUnlock | null = null;
  const vault = createVault({
    dir: box.dir,
    keychain,
    clock,
    kdf: TEST_KDF,
    hooks,
    onRekey: async (next) => os?.afterRekey(next),
  });
  os = createOsUnlock({ vault, keychain, verifier, reason: () => 'unlock your accounts' });
  return { vault, os };
}

/** A vault with one account and the app password set, OS unlock turned on. */
async function enabled(): Promise<{ vault: Vault; os: OsUnlock }> {
  const built = build();
  await built.vault.open();
  await built.vault.add(account);
  await built.vault.setPassword(null, PASSWORD);
  expect(await built.os.enable(PASSWORD)).toEqual({ method: 'touch-id', enabled: true });
  return built;
}

beforeEach(() => {
  box = sandbox();
  keychain = createOsKeychain(box.service);
  clock = new ManualClock();
  verifier = new StandInOsVerifier('touch-id');
});
afterEach(async () => {
  await box.close();
});

describe('turning OS unlock on', () => {
  it('is not offered where the platform has no prompt, and stores nothing', async () => {
    verifier.method = null;
    const { vault, os } = build();
    await vault.open();
    await vault.setPassword(null, PASSWORD);
    expect(await os.status()).toEqual({ method: null, enabled: false });
    expect(await outcome(() => os.enable(PASSWORD))).toBe('os-unlock-unavailable');
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    expect(verifier.prompts).toEqual([]);
  });

  it('needs an app password, the right one, the vault unlocked and one passed prompt', async () => {
    const { vault, os } = build();
    await vault.open();
    expect(await outcome(() => os.enable(PASSWORD))).toBe('invalid-request'); // no app password yet
    await vault.setPassword(null, PASSWORD);
    expect(await outcome(() => os.enable('wrong horse'))).toBe('wrong-password');
    verifier.next('refuse');
    expect(await outcome(() => os.enable(PASSWORD))).toBe('os-unlock-refused');
    await vault.lock();
    expect(await outcome(() => os.enable(PASSWORD))).toBe('vault-locked');
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    expect(await os.status()).toEqual({ method: 'touch-id', enabled: false });
  });

  it('keeps the key in a separate keychain item bound to the password item in force; the password item stays', async () => {
    const { vault, os } = build();
    await vault.open();
    await vault.setPassword(null, PASSWORD);
    const passwordItem = await keychain.get(KEY_ACCOUNT);
    await os.enable(PASSWORD);
    expect(verifier.prompts).toEqual(['unlock your accounts']);
    expect(await keychain.get(KEY_ACCOUNT)).toBe(passwordItem);
    const item = JSON.parse((await keychain.get(OS_UNLOCK_ACCOUNT))!) as Record<string, unknown>;
    expect(Object.keys(item).sort()).toEqual(['itemTag', 'key', 'method', 'v']);
    expect(item.method).toBe('touch-id');
    expect(Buffer.from(item.key as string, 'base64')).toHaveLength(32);
  });
});

describe('unlocking with the prompt', () => {
  it('opens the vault when the prompt passes', async () => {
    const { vault, os } = await enabled();
    await vault.lock();
    expect(await outcome(() => vault.list())).toBe('vault-locked');
    expect(await os.unlock()).toEqual({ state: 'ready', hasPassword: true, error: null });
    expect((await vault.list()).map((a) => a.label)).toEqual(['alice']);
  });

  it('works after a restart (a new process reads the item from the keychain)', async () => {
    await enabled();
    const { vault, os } = build();
    expect(await vault.open()).toMatchObject({ state: 'locked' });
    expect(await os.status()).toEqual({ method: 'touch-id', enabled: true });
    expect(await os.unlock()).toMatchObject({ state: 'ready' });
  });

  it('a cancelled or failed prompt falls back to the password and counts toward the throttle', async () => {
    const { vault, os } = await enabled();
    await vault.lock();
    verifier.next('refuse', 'throw');
    expect(await outcome(() => os.unlock())).toBe('os-unlock-refused');
    expect(await outcome(() => os.unlock())).toBe('os-unlock-refused');
    expect(vault.status().state).toBe('locked');
    expect(await vault.unlock(PASSWORD)).toMatchObject({ state: 'ready' });
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).not.toBeNull(); // a cancel does not turn it off
  });

  it('after three refused prompts the brake holds: no further prompt, the password waits too', async () => {
    const { vault, os } = await enabled();
    await vault.lock();
    verifier.standing = 'refuse';
    for (let i = 0; i < 3; i++) expect(await outcome(() => os.unlock())).toBe('os-unlock-refused');
    const shown = verifier.prompts.length;
    expect(await outcome(() => os.unlock())).toBe('too-many-attempts');
    expect(verifier.prompts.length).toBe(shown);
    expect(await outcome(() => vault.unlock(PASSWORD))).toBe('too-many-attempts');
    clock.advance(1_000);
    verifier.standing = 'pass';
    expect(await os.unlock()).toMatchObject({ state: 'ready' });
  });

  it('is refused when not turned on or no longer offered, without a prompt', async () => {
    const { vault, os } = build();
    await vault.open();
    await vault.setPassword(null, PASSWORD);
    await vault.lock();
    expect(await outcome(() => os.unlock())).toBe('os-unlock-unavailable');
    await vault.unlock(PASSWORD);
    await os.enable(PASSWORD);
    await vault.lock();
    verifier.method = null;
    expect(await outcome(() => os.unlock())).toBe('os-unlock-unavailable');
    expect(verifier.prompts).toEqual(['unlock your accounts']); // only the one of enabling
  });
});

describe('turning it off and keeping it in step with the password', () => {
  it('disable deletes the item, only while unlocked', async () => {
    const { vault, os } = await enabled();
    await vault.lock();
    expect(await outcome(() => os.disable())).toBe('vault-locked');
    await vault.unlock(PASSWORD);
    expect(await os.disable()).toEqual({ method: 'touch-id', enabled: false });
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    await vault.lock();
    expect(await outcome(() => os.unlock())).toBe('os-unlock-unavailable');
  });

  it('a password change re-keys and rewrites the item: OS unlock opens the re-keyed vault', async () => {
    const { vault, os } = await enabled();
    const before = await keychain.get(OS_UNLOCK_ACCOUNT);
    await vault.setPassword(PASSWORD, 'battery staple');
    const after = await keychain.get(OS_UNLOCK_ACCOUNT);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    await vault.lock();
    expect(await os.unlock()).toMatchObject({ state: 'ready' });
    expect((await vault.list()).map((a) => a.label)).toEqual(['alice']);
  });

  it('removing the password deletes the item', async () => {
    const { vault, os } = await enabled();
    await vault.setPassword(PASSWORD, null);
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    expect(await os.status()).toEqual({ method: 'touch-id', enabled: false });
  });

  it('an item left from before a re-key is refused by its tag, deleted, and the password still opens', async () => {
    const { vault, os } = await enabled();
    const old = (await keychain.get(OS_UNLOCK_ACCOUNT))!;
    await vault.setPassword(PASSWORD, 'battery staple');
    await keychain.set(OS_UNLOCK_ACCOUNT, old); // as if the re-key hook had not run (crash)
    await vault.lock();
    expect(await outcome(() => os.unlock())).toBe('os-unlock-stale');
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    expect(await vault.unlock('battery staple')).toMatchObject({ state: 'ready' });
  });

  it('a stale item never touches a re-key a crash interrupted: the staged file survives for the password', async () => {
    await enabled();
    const old = (await keychain.get(OS_UNLOCK_ACCOUNT))!;
    // Crash after the keychain holds the new key, before the staged file replaced the vault.
    const crashing = build({ rekey: { afterKeychain: () => Promise.reject(new Error('crash')) } });
    await crashing.vault.unlock(PASSWORD);
    await expect(crashing.vault.setPassword(PASSWORD, 'battery staple')).rejects.toThrow('crash');
    expect(existsSync(stagedPath(join(box.dir, VAULT_FILE)))).toBe(true);
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBe(old);
    const restarted = build();
    expect(await restarted.vault.open()).toMatchObject({ state: 'locked' });
    expect(await outcome(() => restarted.os.unlock())).toBe('os-unlock-stale');
    expect(existsSync(stagedPath(join(box.dir, VAULT_FILE)))).toBe(true);
    expect(await restarted.vault.unlock('battery staple')).toMatchObject({ state: 'ready' });
    expect((await restarted.vault.list()).map((a) => a.label)).toEqual(['alice']);
  });

  it('a damaged item reads as stale and is deleted', async () => {
    const { vault, os } = await enabled();
    await keychain.set(OS_UNLOCK_ACCOUNT, '{"v":1,"method":"touch-id"}');
    await vault.lock();
    expect(await outcome(() => os.unlock())).toBe('os-unlock-stale');
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    expect(vault.status().state).toBe('locked');
  });
});
