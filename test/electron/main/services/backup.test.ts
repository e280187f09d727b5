import { randomBytes, scryptSync, createCipheriv } from 'node:crypto';
import { argon2id } from '@noble/hashes/argon2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaktorError, isFaktorError } from '../../../../shared/errors';
import { decodeBackup, encodeBackup, encodePlainList, parsePlainList } from '../../../../electron/main/services/backup';
import { deriveKey, DEFAULT_KDF, newKdfParams, type KdfParams } from '../../../../electron/main/services/crypto';
import { formatMigrationUri } from '../../../../shared/otp/migration';
import type { VaultAccount } from '../../../../electron/main/services/vault';
import { TEST_KDF } from './doubles';

/** The backup format on its own: round trips, independent re-implementation, and garbage → FaktorError only. */

const account = (label: string, secret = Uint8Array.from(Buffer.from('12345678901234567890'))): VaultAccount => ({
  id: `id-${label}-xxxxxx`, type: 'totp', issuer: 'ACME', label, algorithm: 'SHA256', digits: 8, period: 60, counter: 0,
  color: '#112233', icon: null, createdAt: 1, secret,
});

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw new Error(`non-FaktorError escaped: ${String(e)}`, { cause: e });
    return e.code;
  }
}

describe('encrypted backup', () => {
  it('round trips with the production cost (Argon2id 64 MiB, t=3)', async () => {
    const text = await encodeBackup([account('a'), { ...account('b'), type: 'hotp', counter: 9 }], 'pässword', 1000, DEFAULT_KDF);
    const env = JSON.parse(text) as { kdf: KdfParams };
    expect(env.kdf).toMatchObject({ name: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    const out = await decodeBackup(text, 'pässword');
    expect(out.map((a) => [a.label, a.type, a.counter, a.algorithm, a.digits, a.period, a.color])).toEqual([
      ['a', 'totp', 0, 'SHA256', 8, 60, '#112233'],
      ['b', 'hotp', 9, 'SHA256', 8, 60, '#112233'],
    ]);
    expect(Buffer.from(out[0]!.secret).toString()).toBe('12345678901234567890');
  });

  it('our Argon2id key equals an independent implementation (@noble/hashes)', async () => {
    const kdf = newKdfParams({ name: 'argon2id', memoryKiB: 256, iterations: 2, parallelism: 1 });
    if (kdf.name !== 'argon2id') throw new Error('unreachable');
    const ours = await deriveKey('correct horse', kdf);
    const theirs = argon2id(new TextEncoder().encode('correct horse'), Buffer.from(kdf.salt, 'base64'), { t: 2, m: 256, p: 1, dkLen: 32 });
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
  });

  it('reads a scrypt backup written by hand from the documented format', async () => {
    const salt = randomBytes(16);
    const nonce = randomBytes(12);
    const key = scryptSync('pw', salt, 32, { N: 1024, r: 8, p: 1 });
    const payload = JSON.stringify({ exportedAt: 0, accounts: [{ type: 'totp', issuer: '', label: 'x', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, color: null, icon: null }] });
    const c = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from('faktor-backup/1'));
    const ct = Buffer.concat([c.update(payload), c.final(), c.getAuthTag()]);
    const text = JSON.stringify({
      format: 'faktor-backup', version: 1, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') }, ciphertext: ct.toString('base64'),
    });
    const [a] = await decodeBackup(text, 'pw');
    expect(a).toMatchObject({ label: 'x', digits: 6 });
    expect(await codeOf(decodeBackup(text, 'px'))).toBe('backup-wrong-password');
  });

  it('rejects unknown versions, absurd KDF costs, foreign JSON, tampering', async () => {
    const text = await encodeBackup([account('a')], 'pw', 0, TEST_KDF);
    const env = JSON.parse(text) as Record<string, unknown> & { kdf: Record<string, unknown>; cipher: Record<string, unknown> };
    const variant = (v: unknown): string => JSON.stringify(v);
    expect(await codeOf(decodeBackup(variant({ ...env, version: 2 }), 'pw'))).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(variant({ ...env, kdf: { ...env.kdf, memoryKiB: 2 ** 30 } }), 'pw'))).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(variant({ ...env, kdf: { ...env.kdf, iterations: 1e6 } }), 'pw'))).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(variant({ ...env, extra: 1 }), 'pw'))).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(variant({ ...env, kdf: { ...env.kdf, iterations: 2 } }), 'pw'))).toBe('backup-wrong-password');
    expect(await codeOf(decodeBackup(variant({ ...env, cipher: { ...env.cipher, nonce: randomBytes(12).toString('base64') } }), 'pw'))).toBe('backup-wrong-password');
    expect(await codeOf(decodeBackup('{"hello":"world"}', 'pw'))).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(text, 'pw'))).toBe('ok');
  });

  it('garbage and mutated envelopes only ever throw FaktorError', async () => {
    const text = await encodeBackup([account('a')], 'pw', 0, TEST_KDF);
    const env = JSON.parse(text) as Record<string, unknown>;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), async (s) => {
        const c = await codeOf(decodeBackup(s, 'pw'));
        expect(['invalid-backup', 'backup-wrong-password']).toContain(c);
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(env), 'kdf.salt', 'kdf.memoryKiB', 'cipher.nonce', 'cipher.name'), fc.jsonValue(), async (field, value) => {
        const copy = structuredClone(env) as Record<string, Record<string, unknown>>;
        const [a, b] = field.split('.') as [string, string | undefined];
        if (b) copy[a] = { ...copy[a], [b]: value };
        else (copy as Record<string, unknown>)[a] = value;
        const c = await codeOf(decodeBackup(JSON.stringify(copy), 'pw'));
        expect(['ok', 'invalid-backup', 'backup-wrong-password']).toContain(c);
      }),
      { numRuns: 200 },
    );
  });
});

describe('plain otpauth list', () => {
  it('round trips and accepts Google Authenticator export lines', () => {
    const list = encodePlainList([account('a'), { ...account('b'), type: 'hotp', counter: 3 }]);
    const back = parsePlainList(list);
    expect(back.map((a) => [a.label, a.type, a.counter, a.algorithm, a.digits, a.period])).toEqual([
      ['a', 'totp', 0, 'SHA256', 8, 60],
      ['b', 'hotp', 3, 'SHA256', 8, 30], // an hotp URI has no period; 30 is the stored default
    ]);
    const migration = formatMigrationUri([{ ...account('alice@example.com'), issuer: 'Example', algorithm: 'SHA1', digits: 6, period: 30 }]);
    const [g] = parsePlainList(`${migration}\n`);
    expect(g).toMatchObject({ issuer: 'Example', label: 'alice@example.com', type: 'totp' });
  });

  it('a bad line fails the whole list with its line number; garbage → FaktorError only', async () => {
    const err = (() => {
      try {
        parsePlainList('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n\nfoo\n');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(FaktorError);
    // A file with a bad line is "not a backup", whatever the line's own error was.
    expect((err as FaktorError).code).toBe('invalid-backup');
    expect((err as FaktorError).params).toEqual({ line: 3, reason: 'invalid-uri' });
    expect(await codeOf(() => parsePlainList('\u0000\u0001 this is not a backup {"version": 99'))).toBe('invalid-backup');
    expect(await codeOf(() => parsePlainList('otpauth://totp/a?secret=not*base32\n'))).toBe('invalid-backup');
    expect(await codeOf(() => parsePlainList('otpauth-migration://offline?data=AAAA\n'))).toBe('invalid-backup');
    expect(await codeOf(() => parsePlainList('\n# nothing\n'))).toBe('invalid-backup');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string().map((x) => `otpauth://totp/${x}`),
          fc.string().map((x) => `otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&${x}`),
          fc.base64String().map((x) => `otpauth-migration://offline?data=${x}`),
        ),
        (s) => {
        try {
          parsePlainList(s);
        } catch (e) {
          expect(e).toBeInstanceOf(FaktorError);
          expect((e as FaktorError).code).toBe('invalid-backup');
        }
        },
      ),
      { numRuns: 300 },
    );
  });
});
