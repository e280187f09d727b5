import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { newId } from '../../../../electron/main/services/vault-account';
import { VAULT_FILE } from '../../../../electron/main/services/vault-file';
import type { PairedRecord } from '../../../../electron/main/services/servicekonto/paired-record';
import {
  newDeviceSecrets,
  sealWithPin,
} from '../../../../electron/main/services/servicekonto/pin-secrets';
import { TEST_KDF } from '../../../support/doubles';
import { useVaultSandbox } from '../../../support/use-sandbox';

/** Real gnome-keyring (scripts/with-test-keyring.sh), real vault files in a temp dir. */

const vs = useVaultSandbox();
const make = () => vs.make();

async function record(
  origin: string,
  account: string,
  accountName = 'erika.mustermann',
): Promise<PairedRecord> {
  return {
    id: newId(),
    origin,
    account,
    accountName,
    meansId: `means-${newId()}`,
    suite: 'OCRA-1:HOTP-SHA256-8:QH40-S064',
    level: 'substanziell',
    pairedAt: 1,
    sealed: await sealWithPin('246810', newDeviceSecrets(), TEST_KDF),
    deviceKey: Buffer.alloc(32, 7).toString('base64'),
  };
}

describe('paired Servicekonten in the vault', () => {
  it('a re-key (setting and changing the app password) keeps every pairing, readable after unlock', async () => {
    const v = make();
    const a = await record('https://konto.example', 'acct-erika');
    await v.savePairing(a);
    await v.setPassword(null, 'correct horse');
    await v.setPassword('correct horse', 'battery staple');
    const again = make();
    await again.open();
    await again.unlock('battery staple');
    expect((await again.pairings()).map((r) => r.id)).toEqual([a.id]);
  });

  it('stores several accounts on several servers encrypted, and reads them back after a restart', async () => {
    const v = make();
    const a = await record('https://konto.example', 'acct-erika', 'erika-visible-if-leaked');
    const b = await record('https://konto.example', 'acct-max', 'max');
    const c = await record('http://127.0.0.1:8787', 'acct-erika');
    for (const r of [a, b, c]) await v.savePairing(r);
    const text = readFileSync(join(vs.box.dir, VAULT_FILE), 'utf8');
    for (const leak of [
      'erika',
      'konto.example',
      a.deviceKey,
      a.sealed.ocraSecret,
      a.sealed.kdf.salt,
    ])
      expect(text).not.toContain(leak);
    expect((await make().pairings()).map((r) => r.id)).toEqual([a.id, b.id, c.id]);
  });

  it('re-pairing the same server and account replaces the old record; remove forgets one', async () => {
    const v = make();
    const old = await record('https://konto.example', 'acct-erika');
    await v.savePairing(old);
    const fresh = await record('https://konto.example', 'acct-erika');
    await v.savePairing(fresh);
    expect((await v.pairings()).map((r) => r.id)).toEqual([fresh.id]);
    await v.removePairing(fresh.id);
    expect(await make().pairings()).toEqual([]);
    await expect(v.removePairing(fresh.id)).rejects.toSatisfy((e) => isFaktorError(e, 'not-found'));
  });

  it('refuses a malformed record and leaves the file as it was', async () => {
    const v = make();
    await v.savePairing(await record('https://konto.example', 'acct-erika'));
    const before = readFileSync(join(vs.box.dir, VAULT_FILE), 'utf8');
    const bad = {
      ...(await record('https://x.example', 'y')),
      level: 'hoch-plus',
    } as unknown as PairedRecord;
    await expect(v.savePairing(bad)).rejects.toThrow();
    expect(readFileSync(join(vs.box.dir, VAULT_FILE), 'utf8')).toBe(before);
  });

  it('keeps OTP accounts and pairings independent', async () => {
    const v = make();
    await v.add({
      type: 'totp',
      issuer: 'X',
      label: 'l',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: new Uint8Array(20).fill(1),
    });
    await v.savePairing(await record('https://konto.example', 'acct-erika'));
    const again = make();
    expect(await again.list()).toHaveLength(1);
    expect(await again.pairings()).toHaveLength(1);
  });
});
