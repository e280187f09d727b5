import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { createOsKeychain } from '../../../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../../../electron/main/services/vault-lock';
import { VAULT_FILE } from '../../../../electron/main/services/vault-file';
import type { NewAccount } from '../../../../electron/main/services/vault-account';
import { TEST_KDF } from '../../../support/doubles';
import { sandbox } from '../../../support/sandbox';
import { decodeBackup, encodeBackup } from '../../../../electron/main/services/backup';
import {
  decodeVaultFile,
  encodeVaultFile,
  plainKeyItem,
} from '../../../../electron/main/services/vault-format';
import { runChild } from './run-child';
import {
  TEST_SEED as SECRET,
  totpAccount as totp,
  useVaultSandbox,
} from '../../../support/use-sandbox';

/** Real gnome-keyring (scripts/with-test-keyring.sh), real files in a temp dir. */

const hotp = (label: string): NewAccount => ({ ...totp(label), type: 'hotp' });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return e.code;
  }
}

/** Every encoding of the seed we could plausibly leak, for scanning files and outputs. */
function secretForms(secret: Uint8Array): string[] {
  const b = Buffer.from(secret);
  return [
    b.toString('latin1'),
    b.toString('base64'),
    b.toString('hex'),
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  ];
}

const vs = useVaultSandbox();

describe('vault storage', () => {
  it('creates the key first, then an encrypted file with no seed in it; reopens from disk', async () => {
    const v = vs.make();
    expect(await v.open()).toEqual({ state: 'ready', hasPassword: false, error: null });
    expect(await vs.keychain.get(KEY_ACCOUNT)).toMatch(/^\{"v":1,"key":"/);
    await v.add(totp('alice'));
    await v.add(hotp('bob'));
    const text = readFileSync(join(vs.box.dir, VAULT_FILE), 'utf8');
    for (const form of secretForms(SECRET)) expect(text).not.toContain(form);
    expect(text).not.toContain('alice'); // metadata is encrypted too

    const again = vs.make();
    await again.open();
    expect((await again.list()).map((a) => a.label)).toEqual(['alice', 'bob']);
  });

  it('a key with no file is an empty vault (crash after the key write, real SIGKILL)', async () => {
    const r = await runChild([vs.box.dir, vs.box.service, 'crash-after-key'], { killAtHook: true });
    expect(r.killed).toBe(true);
    const item = await vs.keychain.get(KEY_ACCOUNT);
    expect(item).not.toBeNull();
    expect(existsSync(join(vs.box.dir, VAULT_FILE))).toBe(false);

    const v = vs.make();
    expect((await v.open()).state).toBe('ready');
    expect(await v.list()).toEqual([]);
    await v.add(totp('after-crash'));
    expect(await vs.keychain.get(KEY_ACCOUNT)).toBe(item); // the same key was kept, not replaced
    const again = vs.make();
    expect((await again.list()).map((a) => a.label)).toEqual(['after-crash']);
  });

  it('an interrupted write leaves the old file (SIGKILL between fsync of the temp file and rename)', async () => {
    const v = vs.make();
    await v.add(totp('old'));
    const before = readFileSync(join(vs.box.dir, VAULT_FILE));
    const r = await runChild([vs.box.dir, vs.box.service, 'crash-before-rename'], {
      killAtHook: true,
    });
    expect(r.killed).toBe(true);
    expect(readFileSync(join(vs.box.dir, VAULT_FILE))).toEqual(before);
    expect(readdirSync(vs.box.dir).some((n) => n.includes('.tmp-'))).toBe(true); // the crash left a temp file

    const again = vs.make();
    expect((await again.list()).map((a) => a.label)).toEqual(['old']);
    expect(readdirSync(vs.box.dir).some((n) => n.includes('.tmp-'))).toBe(false); // cleaned on open
  });

  it('a file with no key is vault-key-missing and is never overwritten', async () => {
    const v = vs.make();
    await v.add(totp('precious'));
    await vs.keychain.delete(KEY_ACCOUNT); // as if the key never made it (or the user removed it)
    const before = readFileSync(join(vs.box.dir, VAULT_FILE));

    const again = vs.make();
    expect(await again.open()).toEqual({
      state: 'error',
      hasPassword: false,
      error: 'vault-key-missing',
    });
    expect(await code(again.add(totp('new')))).toBe('vault-key-missing');
    expect(await code(again.list())).toBe('vault-key-missing');
    expect(await vs.keychain.get(KEY_ACCOUNT)).toBeNull(); // no new key was invented over the old file
    expect(readFileSync(join(vs.box.dir, VAULT_FILE))).toEqual(before);
  });

  it('a different key in the keychain is vault-key-missing; a damaged file is vault-corrupt; neither is overwritten', async () => {
    const v = vs.make();
    await v.add(totp('x'));
    const file = join(vs.box.dir, VAULT_FILE);
    const original = readFileSync(file, 'utf8');
    const item = (await vs.keychain.get(KEY_ACCOUNT))!;
    await vs.keychain.set(
      KEY_ACCOUNT,
      JSON.stringify({ v: 1, key: Buffer.alloc(32, 7).toString('base64') }),
    );
    expect((await vs.make().open()).error).toBe('vault-key-missing');

    await vs.keychain.set(KEY_ACCOUNT, item);
    const parsed = JSON.parse(original) as { ciphertext: string };
    const ct = Buffer.from(parsed.ciphertext, 'base64');
    ct[0]! ^= 1;
    const tampered = JSON.stringify({ ...parsed, ciphertext: ct.toString('base64') });
    writeFileSync(file, tampered);
    const broken = vs.make();
    expect((await broken.open()).error).toBe('vault-corrupt');
    expect(await code(broken.add(totp('y')))).toBe('vault-corrupt');
    expect(readFileSync(file, 'utf8')).toBe(tampered);
  });

  it('keychain unavailable (no session bus): clear error, nothing written, nothing lost', async () => {
    const v = vs.make();
    await v.add(totp('keep-me'));
    const before = readFileSync(join(vs.box.dir, VAULT_FILE));
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/faktor-bus' };
    const r = await runChild([vs.box.dir, vs.box.service, 'status'], { env });
    const out = JSON.parse(r.lines.at(-1)!) as {
      status: { state: string; error: string };
      add: string;
    };
    expect(out.status).toEqual({
      state: 'error',
      hasPassword: false,
      error: 'keychain-unavailable',
    });
    expect(out.add).toBe('keychain-unavailable');
    expect(readFileSync(join(vs.box.dir, VAULT_FILE))).toEqual(before);
    expect((await vs.make().list()).map((a) => a.label)).toEqual(['keep-me']);
  });

  it('keychain unavailable on first start: no key, no file', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/faktor-bus' };
    const r = await runChild([vs.box.dir, vs.box.service, 'status'], { env });
    const out = JSON.parse(r.lines.at(-1)!) as { status: { error: string } };
    expect(out.status.error).toBe('keychain-unavailable');
    expect(readdirSync(vs.box.dir)).toEqual([]);
  });

  it('keychain locked (gnome-keyring collection locked over D-Bus): keychain-locked, file unchanged', async () => {
    // Its own nested D-Bus session + gnome-keyring, so locking cannot disturb other tests.
    // gnome-keyring-daemon --replace finds the running daemon through these variables: without a
    // fresh runtime dir it would replace (kill) the keyring every other test uses.
    const runtimeDir = mkdtempSync(join(tmpdir(), 'faktor-run-'));
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtimeDir };
    delete env.FAKTOR_IN_TEST_KEYRING;
    delete env.GNOME_KEYRING_CONTROL;
    delete env.SSH_AUTH_SOCK;
    const r = await runChild([vs.box.dir, vs.box.service, 'lock-keyring'], {
      env,
      wrap: ['bash', 'scripts/with-test-keyring.sh'],
    }).finally(() => rmSync(runtimeDir, { recursive: true, force: true }));
    const out = JSON.parse(r.lines.at(-1)!) as { status: unknown; add: string; unchanged: boolean };
    expect(out.status).toEqual({ state: 'error', hasPassword: false, error: 'keychain-locked' });
    expect(out.add).toBe('keychain-locked');
    expect(out.unchanged).toBe(true);
  });
});

describe('HOTP', () => {
  it('persists counter+1 before handing out the code', async () => {
    const v = vs.make();
    const a = await v.add({ ...hotp('h'), counter: 5 });
    const seen: number[] = [];
    const r = await v.nextHotp(a.id, (_p, c) => {
      seen.push(c);
      return '123456';
    });
    expect(r).toEqual({ code: '123456', counter: 5 });
    expect(seen).toEqual([5]);
    const again = vs.make();
    expect((await again.list())[0]!.counter).toBe(6);
    expect(await again.lastHotpCode(a.id)).toBeNull();
    expect(await v.lastHotpCode(a.id)).toBe('123456');
  });

  it('a crash before the counter is on disk returns no code and leaves the counter (SIGKILL)', async () => {
    const v = vs.make();
    await v.add(hotp('h'));
    const r = await runChild([vs.box.dir, vs.box.service, 'crash-mid-hotp'], { killAtHook: true });
    expect(r.killed).toBe(true);
    expect(r.lines).toEqual(['HOOK']); // nothing printed: no code escaped
    expect((await vs.make().list())[0]!.counter).toBe(0);
  });

  it('a failed write returns no code and keeps the counter in memory too', async () => {
    let fail = false;
    const v = vs.make({
      hooks: {
        file: {
          beforeRename: () => {
            if (fail) throw new Error('disk full');
          },
        },
      },
    });
    const a = await v.add(hotp('h'));
    fail = true;
    await expect(v.nextHotp(a.id, () => '111111')).rejects.toThrow('disk full');
    expect((await v.list())[0]!.counter).toBe(0);
    expect(readdirSync(vs.box.dir).some((n) => n.includes('.tmp-'))).toBe(false);
  });
});

describe('app lock', () => {
  it('wraps the key under the password, locks, throttles, unlocks, survives restart, removes the password', async () => {
    const statuses: unknown[] = [];
    const v = vs.make({ onStatus: (s) => statuses.push(s) });
    await v.add(totp('a'));
    const plainItem = (await vs.keychain.get(KEY_ACCOUNT))!;
    const rawKey = (JSON.parse(plainItem) as { key: string }).key;

    expect(await v.setPassword(null, 'correct horse')).toEqual({
      state: 'ready',
      hasPassword: true,
      error: null,
    });
    const wrapped = (await vs.keychain.get(KEY_ACCOUNT))!;
    expect(wrapped).toContain('"wrapped"');
    expect(wrapped).not.toContain(rawKey); // the keychain no longer holds the key in the clear

    expect((await v.lock()).state).toBe('locked');
    for (const op of [
      v.list(),
      v.add(totp('b')),
      v.withParams('whatever1', () => 1),
      v.exportAccounts(),
      v.setPassword('correct horse', null),
    ]) {
      expect(await code(op)).toBe('vault-locked');
    }
    expect(await code(v.unlock('wrong 1'))).toBe('wrong-password');
    expect(await code(v.unlock('wrong 2'))).toBe('wrong-password');
    expect(await code(v.unlock('wrong 3'))).toBe('wrong-password');
    expect(await code(v.unlock('correct horse'))).toBe('too-many-attempts'); // even the right one waits
    vs.clock.advance(1000);
    expect(await code(v.unlock('wrong 4'))).toBe('wrong-password');
    vs.clock.advance(1000);
    expect(await code(v.unlock('correct horse'))).toBe('too-many-attempts'); // delay doubled to 2 s
    vs.clock.advance(1000);
    expect((await v.unlock('correct horse')).state).toBe('ready');
    expect((await v.list()).map((a) => a.label)).toEqual(['a']);

    const restarted = vs.make();
    expect(await restarted.open()).toEqual({ state: 'locked', hasPassword: true, error: null });
    expect(await code(restarted.list())).toBe('vault-locked');
    await restarted.unlock('correct horse');
    expect(await code(restarted.setPassword('nope', null))).toBe('wrong-password');
    expect(await code(restarted.setPassword(null, null))).toBe('wrong-password');
    expect((await restarted.setPassword('correct horse', null)).hasPassword).toBe(false);
    // Back in the clear, but a NEW key: every password change re-keys (vault-rekey.test.ts).
    expect(JSON.parse((await vs.keychain.get(KEY_ACCOUNT))!)).toEqual({
      v: 1,
      key: expect.not.stringMatching(rawKey),
    });
    expect((await restarted.lock()).state).toBe('ready'); // nothing to lock with
    expect(statuses).toContainEqual({ state: 'locked', hasPassword: true, error: null });
  });

  it('lock wipes the key and seeds it held', async () => {
    const v = vs.make();
    const a = await v.add(totp('a', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])));
    let held: Uint8Array | null = null;
    await v.withParams(a.id, (p) => (held = p.secret));
    await v.setPassword(null, 'password1');
    await v.lock();
    expect([...held!]).toEqual(new Array(10).fill(0));
  });

  it('the throttle survives a restart', async () => {
    const v = vs.make();
    await v.setPassword(null, 'password1');
    await v.lock();
    for (let i = 0; i < 3; i++) await code(v.unlock('bad'));
    expect(await code(vs.make().unlock('password1'))).toBe('too-many-attempts');
  });
});

describe('accounts', () => {
  it('delete → undo restores the same id at the same position; the token expires', async () => {
    const v = vs.make();
    const [a, b, c] = [await v.add(totp('a')), await v.add(totp('b')), await v.add(totp('c'))];
    const { undoToken } = await v.remove(b.id);
    expect((await v.list()).map((x) => x.label)).toEqual(['a', 'c']);
    expect(await v.restore(undoToken)).toEqual(b);
    expect((await v.list()).map((x) => x.id)).toEqual([a.id, b.id, c.id]);
    expect(await code(v.restore(undoToken))).toBe('not-found');

    const again = await v.remove(a.id);
    vs.clock.advance(30_001);
    expect(await code(v.restore(again.undoToken))).toBe('not-found');
  });

  it('refuses exact duplicates and bad input, edits metadata only, reorders a subset in place', async () => {
    const v = vs.make();
    const a = await v.add(totp('a'));
    expect(await code(v.add(totp('a')))).toBe('duplicate');
    expect(await code(v.add({ ...totp('z'), digits: 11 }))).toBe('invalid-parameter');
    expect(await code(v.add({ ...totp('z'), period: 86_401 }))).toBe('invalid-parameter');
    expect(await code(v.add({ ...totp('z'), secret: new Uint8Array(0) }))).toBe('invalid-secret');
    expect(await code(v.update('nonexistent1', { label: 'q' }))).toBe('not-found');
    expect(await v.update(a.id, { issuer: 'New', color: '#00ff00' })).toMatchObject({
      issuer: 'New',
      label: 'a',
      color: '#00ff00',
    });
    const b = await v.add(totp('b'));
    const c = await v.add(totp('c'));
    const d = await v.add(totp('d'));
    await v.reorder([d.id, b.id]); // b and d swap; a and c stay
    expect((await v.list()).map((x) => x.label)).toEqual(['a', 'd', 'c', 'b']);
    expect(await code(v.reorder([a.id, a.id]))).toBe('invalid-request');
    expect((await vs.make().list()).map((x) => x.id)).toEqual([a.id, d.id, c.id, b.id]);
  });

  it('import is all-or-nothing and reports duplicates instead of doubling them', async () => {
    const v = vs.make();
    await v.add(totp('existing'));
    const before = readFileSync(join(vs.box.dir, VAULT_FILE));
    expect(
      await code(
        v.importAccounts([totp('new1', Uint8Array.from([9, 9])), { ...totp('bad'), digits: 4 }]),
      ),
    ).toBe('invalid-parameter');
    expect(readFileSync(join(vs.box.dir, VAULT_FILE))).toEqual(before);
    expect((await v.list()).length).toBe(1);

    const r = await v.importAccounts([
      totp('existing'),
      totp('new1', Uint8Array.from([9, 9])),
      totp('new1', Uint8Array.from([9, 9])),
    ]);
    expect(r).toEqual({
      imported: 1,
      duplicates: [
        { issuer: 'Example', label: 'existing' },
        { issuer: 'Example', label: 'new1' },
      ],
    });
    expect((await vs.make().list()).map((x) => x.label)).toEqual(['existing', 'new1']);
  });
});

/** A vault.json exactly as the app wrote it before the organising fields existed (docs/vault.md, version 1). */
async function writeOldVault(): Promise<Buffer> {
  const key = randomBytes(32);
  await vs.keychain.set(KEY_ACCOUNT, plainKeyItem(key));
  const old = {
    accounts: [
      {
        id: 'old-account-1',
        type: 'totp',
        issuer: 'GitHub',
        label: 'alice',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        color: null,
        icon: null,
        createdAt: 5,
        secret: Buffer.from(SECRET).toString('base64'),
      },
      {
        id: 'old-account-2',
        type: 'hotp',
        issuer: '',
        label: 'bob',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 3,
        color: '#112233',
        icon: null,
        createdAt: 6,
        secret: Buffer.from(SECRET).toString('base64'),
      },
    ],
  };
  writeFileSync(
    join(vs.box.dir, VAULT_FILE),
    encodeVaultFile(key, Buffer.from(JSON.stringify(old))),
  );
  return key;
}

describe('organising fields in the vault', () => {
  it('a vault.json written before pinned/tags/lastUsed opens; the fields read as unpinned, untagged, never used', async () => {
    const key = await writeOldVault();
    const v = vs.make();
    expect((await v.open()).state).toBe('ready');
    const list = await v.list();
    expect(list.map((a) => [a.id, a.pinned, a.tags, a.lastUsed])).toEqual([
      ['old-account-1', false, [], null],
      ['old-account-2', false, [], null],
    ]);
    // The next write stores the fields; the file stays readable with the same key.
    await v.update('old-account-2', { pinned: true, tags: [' Work ', 'work', '', 'Bank'] });
    const stored = JSON.parse(
      decodeVaultFile(key, readFileSync(join(vs.box.dir, VAULT_FILE))).toString('utf8'),
    ) as { accounts: Array<Record<string, unknown>> };
    expect(stored.accounts[1]).toMatchObject({
      pinned: true,
      tags: ['Work', 'Bank'],
      lastUsed: null,
    });
    expect(stored.accounts[0]).toMatchObject({ pinned: false, tags: [], lastUsed: null });
  });

  it('pin, tags and last use persist across a restart; bad tags are refused and change nothing', async () => {
    const v = vs.make();
    await v.open();
    const a = await v.add(totp('alice'));
    expect(a).toMatchObject({ pinned: false, tags: [], lastUsed: null });
    await v.update(a.id, { pinned: true, tags: ['Work'] });
    vs.clock.t += 1234;
    await v.markUsed(a.id);
    expect(await code(v.update(a.id, { tags: ['bad\u202etag'] }))).toBe('unsafe-name');
    expect(await code(v.update(a.id, { tags: ['x'.repeat(40)] }))).toBe('invalid-parameter');
    expect(
      await code(v.update(a.id, { tags: Array.from({ length: 17 }, (_, i) => `t${i}`) })),
    ).toBe('invalid-parameter');
    expect(await code(v.markUsed('no-such-account'))).toBe('not-found');
    const again = vs.make();
    await again.open();
    expect(await again.list()).toEqual([
      expect.objectContaining({ id: a.id, pinned: true, tags: ['Work'], lastUsed: vs.clock.t }),
    ]);
  });

  it('a backup carries pin, tags and last use into another vault', async () => {
    const v = vs.make();
    await v.open();
    const a = await v.add(totp('alice'));
    await v.add(totp('bob'));
    await v.update(a.id, { pinned: true, tags: ['Work', 'Team'] });
    vs.clock.t += 99;
    await v.markUsed(a.id);
    const text = await encodeBackup(
      await v.exportAccounts(),
      'backup pw',
      vs.clock.now(),
      TEST_KDF,
    );
    await vs.keychain.delete(KEY_ACCOUNT);
    vs.box.cleanup();
    vs.box = sandbox();
    vs.keychain = createOsKeychain(vs.box.service);
    const other = vs.make();
    await other.open();
    expect(await other.importAccounts(await decodeBackup(text, 'backup pw'))).toEqual({
      imported: 2,
      duplicates: [],
    });
    const list = await other.list();
    expect(list.map((x) => [x.label, x.pinned, x.tags, x.lastUsed])).toEqual([
      ['alice', true, ['Work', 'Team'], vs.clock.t],
      ['bob', false, [], null],
    ]);
  });
});
