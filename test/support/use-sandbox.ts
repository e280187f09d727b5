import { afterEach, beforeEach } from 'vitest';
import { createOsKeychain, type Keychain } from '../../electron/main/services/keychain';
import { createVault, type Vault } from '../../electron/main/services/vault';
import type { NewAccount } from '../../electron/main/services/vault-account';
import type { VaultOptions } from '../../electron/main/services/vault-options';
import { ManualClock, TEST_KDF } from './doubles';
import { sandbox, type Sandbox } from './sandbox';

/*
 * The per-test set-up the vault suites share, registered once per file instead of the same
 * beforeEach/afterEach block in each: a fresh sandbox (temp dir + throwaway keychain service on the
 * real gnome-keyring) before every test, closed after it.
 */

/** RFC 4226/6238's test seed ("12345678901234567890"). */
export const TEST_SEED = Uint8Array.from(Buffer.from('12345678901234567890'));

/** A TOTP account to add (issuer "Example", SHA1, 6 digits, 30 s). */
export function totpAccount(label: string, secret: Uint8Array = TEST_SEED): NewAccount {
  return {
    type: 'totp',
    issuer: 'Example',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret,
  };
}

/** What a vault test works on; the fields are replaced before every test (a test may swap `box` itself). */
export interface VaultSandbox {
  box: Sandbox;
  keychain: Keychain;
  clock: ManualClock;
  /** A vault on this test's sandbox, keychain and clock with the cheap test KDF. */
  make(extra?: Partial<VaultOptions>): Vault;
}

/** Registers the set-up: every test gets a fresh sandbox, its keychain and a manual clock. */
export function useVaultSandbox(): VaultSandbox {
  const s = {
    make: (extra: Partial<VaultOptions> = {}) =>
      createVault({
        dir: s.box.dir,
        keychain: s.keychain,
        clock: s.clock,
        kdf: TEST_KDF,
        ...extra,
      }),
  } as VaultSandbox;
  beforeEach(() => {
    s.box = sandbox();
    s.keychain = createOsKeychain(s.box.service);
    s.clock = new ManualClock();
  });
  afterEach(() => s.box.close());
  return s;
}
