import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/ipc/contract';
import { createRecoveryHandlers, damagedSuffix } from '../../../../electron/main/api/recovery';
import { createOsKeychain, type Keychain } from '../../../../electron/main/services/keychain';
import { createVault, type Vault } from '../../../../electron/main/services/vault';
import { KEY_ACCOUNT } from '../../../../electron/main/services/vault-lock';
import { VAULT_FILE } from '../../../../electron/main/services/vault-file';
import { ManualClock, TEST_KDF } from '../../../support/doubles';
import { sandbox } from '../../../support/sandbox';
import { OS_UNLOCK_ACCOUNT } from '../../../../electron/main/services/os-unlock';

/** Real gnome-keyring (scripts/with-test-keyring.sh), real files in a temp dir. */

const SECRET = Uint8Array.from(Buffer.from('12345678901234567890'));
let box: ReturnType<typeof sandbox>;
let keychain: Keychain;
let clock: ManualClock;
let suffix: string;
const make = (): Vault => createVault({ dir: box.dir, keychain, clock, kdf: TEST_KDF });
const handlers = (vault: Vault) =>
  createRecoveryHandlers({ vault, keychain, dir: box.dir, now: () => clock.now() });

beforeEach(() => {
  box = sandbox();
  keychain = createOsKeychain(box.service);
  clock = new ManualClock();
  suffix = damagedSuffix(clock.now());
});
afterEach(async () => {
  await keychain.delete(`${KEY_ACCOUNT}${suffix}`).catch(() => undefined);
  await keychain.delete(`${OS_UNLOCK_ACCOUNT}${suffix}`).catch(() => undefined);
  await box.close();
});

describe('vault-reset', () => {
  it('keeps a damaged file and its key aside byte for byte, then opens a new empty vault', async () => {
    const first = make();
    await first.open();
    await first.add({
      type: 'totp',
      issuer: 'Example',
      label: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: SECRET,
    });
    const oldKey = await keychain.get(KEY_ACCOUNT);
    writeFileSync(join(box.dir, VAULT_FILE), '{"damaged":');

    const broken = make();
    expect((await broken.open()).error).toBe('vault-corrupt');
    expect(await handlers(broken)['vault-reset']({ confirm: true })).toEqual({
      state: 'ready',
      hasPassword: false,
      error: null,
    });

    expect(readFileSync(join(box.dir, `${VAULT_FILE}${suffix}`), 'utf8')).toBe('{"damaged":');
    expect(suffix).toMatch(/^\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(await keychain.get(`${KEY_ACCOUNT}${suffix}`)).toBe(oldKey);
    expect(await keychain.get(KEY_ACCOUNT)).not.toBe(oldKey);
    expect(await broken.list()).toEqual([]);
    expect(existsSync(join(box.dir, VAULT_FILE))).toBe(true);
    // The fresh vault survives a restart.
    expect((await make().open()).state).toBe('ready');
  });

  it('a vault file without its key (vault-key-missing) is set aside too; there is no key to keep', async () => {
    writeFileSync(join(box.dir, VAULT_FILE), '{"v":1}');
    const broken = make();
    expect((await broken.open()).error).toBe('vault-key-missing');
    expect((await handlers(broken)['vault-reset']({ confirm: true })).state).toBe('ready');
    expect(readFileSync(join(box.dir, `${VAULT_FILE}${suffix}`), 'utf8')).toBe('{"v":1}');
    expect(await keychain.get(`${KEY_ACCOUNT}${suffix}`)).toBeNull();
  });

  it("sets the OS-unlock item aside with the key: it held the damaged vault's key and must not outlive it", async () => {
    const item = '{"v":1,"method":"touch-id","itemTag":"AAAAAAAAAAAAAAAAAAAAAA","key":"AAAA"}';
    await keychain.set(OS_UNLOCK_ACCOUNT, item);
    writeFileSync(join(box.dir, VAULT_FILE), '{"damaged":');
    const broken = make();
    expect((await broken.open()).error).toBe('vault-key-missing'); // the password item is gone, the OS-unlock one is left
    expect((await handlers(broken)['vault-reset']({ confirm: true })).state).toBe('ready');
    expect(await keychain.get(OS_UNLOCK_ACCOUNT)).toBeNull();
    expect(await keychain.get(`${OS_UNLOCK_ACCOUNT}${suffix}`)).toBe(item);
  });

  it('refuses on a healthy vault and changes nothing', async () => {
    const healthy = make();
    await healthy.open();
    const file = readFileSync(join(box.dir, VAULT_FILE), 'utf8');
    const key = await keychain.get(KEY_ACCOUNT);
    await expect(handlers(healthy)['vault-reset']({ confirm: true })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(readFileSync(join(box.dir, VAULT_FILE), 'utf8')).toBe(file);
    expect(await keychain.get(KEY_ACCOUNT)).toBe(key);
    expect(existsSync(join(box.dir, `${VAULT_FILE}${suffix}`))).toBe(false);
  });

  it('the IPC contract lets a reset through only with an explicit confirm: true', () => {
    const schema = contract['vault-reset'].request;
    expect(schema.safeParse({ confirm: true }).success).toBe(true);
    for (const bad of [
      {},
      { confirm: false },
      { confirm: 'true' },
      { confirm: true, path: '/etc' },
    ])
      expect(schema.safeParse(bad).success).toBe(false);
  });
});
