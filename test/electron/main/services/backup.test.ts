import { randomBytes, scryptSync, createCipheriv } from 'node:crypto';
import { argon2id } from '@noble/hashes/argon2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaktorError, isFaktorError } from '../../../../shared/errors';
import {
  decodeBackup,
  encodeBackup,
  encodePlainList,
  parsePlainList,
} from '../../../../electron/main/services/backup';
import {
  deriveKey,
  DEFAULT_KDF,
  KDF_LIMITS,
  NODE_KDF,
  newKdfParams,
  SCRYPT_MAXMEM_BYTES,
  type KdfParams,
  type KdfPrimitives,
} from '../../../../electron/main/services/crypto';
import { formatMigrationUri } from '../../../../shared/otp/migration';
import type { VaultAccount } from '../../../../electron/main/services/vault-account';
import { hasUnsafeNameChar } from '../../../../shared/text/names';
import { TEST_KDF } from '../../../support/doubles';

/** The backup format on its own: round trips, independent re-implementation, and garbage → FaktorError only. */

const account = (
  label: string,
  secret = Uint8Array.from(Buffer.from('12345678901234567890')),
): VaultAccount => ({
  id: `id-${label}-xxxxxx`,
  type: 'totp',
  issuer: 'ACME',
  label,
  algorithm: 'SHA256',
  digits: 8,
  period: 60,
  counter: 0,
  color: '#112233',
  icon: null,
  createdAt: 1,
  pinned: false,
  tags: [],
  lastUsed: null,
  secret,
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
    const text = await encodeBackup(
      [account('a'), { ...account('b'), type: 'hotp', counter: 9 }],
      'pässword',
      1000,
      DEFAULT_KDF,
    );
    const env = JSON.parse(text) as { kdf: KdfParams };
    expect(env.kdf).toMatchObject({
      name: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
    });
    const out = await decodeBackup(text, 'pässword');
    expect(
      out.map((a) => [a.label, a.type, a.counter, a.algorithm, a.digits, a.period, a.color]),
    ).toEqual([
      ['a', 'totp', 0, 'SHA256', 8, 60, '#112233'],
      ['b', 'hotp', 9, 'SHA256', 8, 60, '#112233'],
    ]);
    expect(Buffer.from(out[0]!.secret).toString()).toBe('12345678901234567890');
  });

  it('our Argon2id key equals an independent implementation (@noble/hashes)', async () => {
    const kdf = newKdfParams({ name: 'argon2id', memoryKiB: 256, iterations: 2, parallelism: 1 });
    if (kdf.name !== 'argon2id') throw new Error('unreachable');
    const ours = await deriveKey('correct horse', kdf);
    const theirs = argon2id(
      new TextEncoder().encode('correct horse'),
      Buffer.from(kdf.salt, 'base64'),
      { t: 2, m: 256, p: 1, dkLen: 32 },
    );
    expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
  });

  it('reads a scrypt backup written by hand from the documented format', async () => {
    const salt = randomBytes(16);
    const nonce = randomBytes(12);
    const key = scryptSync('pw', salt, 32, { N: 1024, r: 8, p: 1 });
    const payload = JSON.stringify({
      exportedAt: 0,
      accounts: [
        {
          type: 'totp',
          issuer: '',
          label: 'x',
          secret: 'JBSWY3DPEHPK3PXP',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          color: null,
          icon: null,
        },
      ],
    });
    const c = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from('faktor-backup/1'));
    const ct = Buffer.concat([c.update(payload), c.final(), c.getAuthTag()]);
    const text = JSON.stringify({
      format: 'faktor-backup',
      version: 1,
      kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
      ciphertext: ct.toString('base64'),
    });
    const [a] = await decodeBackup(text, 'pw');
    expect(a).toMatchObject({ label: 'x', digits: 6 });
    expect(await codeOf(decodeBackup(text, 'px'))).toBe('backup-wrong-password');
  });

  it('rejects unknown versions, absurd KDF costs, foreign JSON, tampering', async () => {
    const text = await encodeBackup([account('a')], 'pw', 0, TEST_KDF);
    const env = JSON.parse(text) as Record<string, unknown> & {
      kdf: Record<string, unknown>;
      cipher: Record<string, unknown>;
    };
    const variant = (v: unknown): string => JSON.stringify(v);
    expect(await codeOf(decodeBackup(variant({ ...env, version: 2 }), 'pw'))).toBe(
      'invalid-backup',
    );
    expect(
      await codeOf(
        decodeBackup(variant({ ...env, kdf: { ...env.kdf, memoryKiB: 2 ** 30 } }), 'pw'),
      ),
    ).toBe('invalid-backup');
    expect(
      await codeOf(decodeBackup(variant({ ...env, kdf: { ...env.kdf, iterations: 1e6 } }), 'pw')),
    ).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(variant({ ...env, extra: 1 }), 'pw'))).toBe('invalid-backup');
    expect(
      await codeOf(decodeBackup(variant({ ...env, kdf: { ...env.kdf, iterations: 2 } }), 'pw')),
    ).toBe('backup-wrong-password');
    expect(
      await codeOf(
        decodeBackup(
          variant({ ...env, cipher: { ...env.cipher, nonce: randomBytes(12).toString('base64') } }),
          'pw',
        ),
      ),
    ).toBe('backup-wrong-password');
    expect(await codeOf(decodeBackup('{"hello":"world"}', 'pw'))).toBe('invalid-backup');
    expect(await codeOf(decodeBackup(text, 'pw'))).toBe('ok');
  });

  it('garbage and mutated envelopes only ever throw FaktorError', async () => {
    const text = await encodeBackup([account('a')], 'pw', 0, TEST_KDF);
    const env = JSON.parse(text) as Record<string, unknown>;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (s) => {
          const c = await codeOf(decodeBackup(s, 'pw'));
          expect(['invalid-backup', 'backup-wrong-password']).toContain(c);
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ...Object.keys(env),
          'kdf.salt',
          'kdf.memoryKiB',
          'cipher.nonce',
          'cipher.name',
        ),
        fc.jsonValue(),
        async (field, value) => {
          const copy = structuredClone(env) as Record<string, Record<string, unknown>>;
          const [a, b] = field.split('.') as [string, string | undefined];
          if (b) copy[a] = { ...copy[a], [b]: value };
          else (copy as Record<string, unknown>)[a] = value;
          const c = await codeOf(decodeBackup(JSON.stringify(copy), 'pw'));
          expect(['ok', 'invalid-backup', 'backup-wrong-password']).toContain(c);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/**
 * Review finding "crafted backup KDF parameters can exhaust memory": the cost in a picked file is
 * bounded BEFORE deriving. The KDF is a spy, so a refusal is proven to never reach it (no gigabytes are
 * allocated and nothing here is timed); values at the bounds do reach it.
 */
describe('KDF cost bounds on import', () => {
  const MiB = 1024 * 1024;
  function spyKdf() {
    const calls: { kind: 'argon2id' | 'scrypt'; maxmem?: number }[] = [];
    const kdf: KdfPrimitives = {
      argon2id: async () => (calls.push({ kind: 'argon2id' }), randomBytes(32)),
      scrypt: async (_pw, _salt, _p, maxmem) => (
        calls.push({ kind: 'scrypt', maxmem }),
        randomBytes(32)
      ),
    };
    return { kdf, calls };
  }
  /** A well-formed envelope with the given KDF params (the ciphertext is junk: a derivation ends as wrong password). */
  const envelope = (kdf: Record<string, unknown>): string =>
    JSON.stringify({
      format: 'faktor-backup',
      version: 1,
      kdf: { ...kdf, salt: randomBytes(16).toString('base64') },
      cipher: { name: 'aes-256-gcm', nonce: randomBytes(12).toString('base64') },
      ciphertext: randomBytes(48).toString('base64'),
    });
  const argon = (memoryKiB: number, iterations: number, parallelism: number) => ({
    name: 'argon2id',
    memoryKiB,
    iterations,
    parallelism,
  });
  const scrypt = (N: number, r: number, p: number) => ({ name: 'scrypt', N, r, p });

  it('the limits are the documented ones, and our own export cost is inside them', () => {
    expect(KDF_LIMITS).toMatchObject({
      argon2MemoryKiB: 256 * 1024,
      argon2MemoryPasses: 4 * 65536 * 3,
      argon2Parallelism: 4,
      scryptBytes: 256 * MiB,
    });
    expect(SCRYPT_MAXMEM_BYTES).toBe(257 * MiB);
    expect(DEFAULT_KDF).toEqual({
      name: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
    });
  });

  const atBound: [string, Record<string, unknown>][] = [
    ['Argon2id 256 MiB × 3 passes × 4 lanes', argon(256 * 1024, 3, 4)],
    ['Argon2id 64 MiB × 12 passes (= 4 × export default)', argon(64 * 1024, 12, 1)],
    ['Argon2id 64 passes, minimal memory', argon(8, 64, 1)],
    ['scrypt N=2^18 r=8 p=1 (256 MiB)', scrypt(2 ** 18, 8, 1)],
    ['scrypt N=2^20 r=1 p=2 (256 MiB)', scrypt(2 ** 20, 1, 2)],
    ['scrypt N=2^14 r=32 p=4 (256 MiB)', scrypt(2 ** 14, 32, 4)],
  ];
  const justAbove: [string, Record<string, unknown>][] = [
    ['Argon2id 256 MiB + 1 KiB', argon(256 * 1024 + 1, 1, 1)],
    ['Argon2id 64 MiB × 13 passes', argon(64 * 1024, 13, 1)],
    ['Argon2id 256 MiB × 4 passes', argon(256 * 1024, 4, 1)],
    ['Argon2id 65 passes', argon(8, 65, 1)],
    ['Argon2id 5 lanes', argon(64 * 1024, 3, 5)],
    ['Argon2id 1 GiB × 64 passes × 16 lanes (review)', argon(1024 * 1024, 64, 16)],
    ['scrypt N=2^18 r=9 p=1 (288 MiB)', scrypt(2 ** 18, 9, 1)],
    ['scrypt N=2^18 r=8 p=2 (512 MiB)', scrypt(2 ** 18, 8, 2)],
    ['scrypt N=2^20 r=32 p=1 (4 GiB, review)', scrypt(2 ** 20, 32, 1)],
    ['scrypt N=2^21 r=1 p=1', scrypt(2 ** 21, 1, 1)],
    ['scrypt r=33', scrypt(2, 33, 1)],
    ['scrypt p=17', scrypt(2, 1, 17)],
  ];

  it.each(atBound)(
    'at the bound, %s: derives (with the fixed maxmem for scrypt)',
    async (_name, kdf) => {
      const { kdf: spy, calls } = spyKdf();
      expect(await codeOf(decodeBackup(envelope(kdf), 'pw', spy))).toBe('backup-wrong-password');
      expect(calls).toEqual([
        kdf.name === 'scrypt'
          ? { kind: 'scrypt', maxmem: SCRYPT_MAXMEM_BYTES }
          : { kind: 'argon2id' },
      ]);
    },
  );

  it.each(justAbove)(
    'just above, %s: invalid-backup and the KDF is never called',
    async (_name, kdf) => {
      const { kdf: spy, calls } = spyKdf();
      expect(await codeOf(decodeBackup(envelope(kdf), 'pw', spy))).toBe('invalid-backup');
      expect(calls).toEqual([]);
      // deriveKey itself (also used for the keychain item) refuses the same params before calling the KDF.
      const params = { ...kdf, salt: randomBytes(16).toString('base64') } as KdfParams;
      expect(await codeOf(deriveKey('pw', params, spy))).toBe('invalid-parameter');
      expect(calls).toEqual([]);
    },
  );

  it("Node's scrypt guard now fires: the fixed maxmem refuses 4 GiB before allocating, and admits the 256 MiB bound", async () => {
    const salt = randomBytes(16);
    const params = {
      name: 'scrypt',
      N: 2 ** 20,
      r: 32,
      p: 1,
      salt: salt.toString('base64'),
    } as const;
    // Bypassing our own check on purpose: OpenSSL checks maxmem before allocating, so this fails at once.
    await expect(
      NODE_KDF.scrypt(Buffer.from('pw'), salt, params, SCRYPT_MAXMEM_BYTES),
    ).rejects.toThrow(/memory|scrypt|param/i);
    // The largest accepted parameter set really derives under that maxmem (one 256 MiB derivation).
    const key = await deriveKey('pw', {
      name: 'scrypt',
      N: 2 ** 18,
      r: 8,
      p: 1,
      salt: salt.toString('base64'),
    });
    expect(key.toString('hex')).toBe(
      scryptSync('pw', salt, 32, { N: 2 ** 18, r: 8, p: 1, maxmem: 512 * MiB }).toString('hex'),
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
    const migration = formatMigrationUri([
      {
        ...account('alice@example.com'),
        issuer: 'Example',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
    ]);
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
    expect(
      await codeOf(() => parsePlainList('\u0000\u0001 this is not a backup {"version": 99')),
    ).toBe('invalid-backup');
    expect(await codeOf(() => parsePlainList('otpauth://totp/a?secret=not*base32\n'))).toBe(
      'invalid-backup',
    );
    expect(await codeOf(() => parsePlainList('otpauth-migration://offline?data=AAAA\n'))).toBe(
      'invalid-backup',
    );
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

  it('issue #7 item 17: export → import keeps every name, leading and trailing spaces included', () => {
    const name = fc
      .oneof(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc
          .tuple(
            fc.stringMatching(/^[ :]{0,3}$/),
            fc.string({ unit: 'grapheme', maxLength: 10 }),
            fc.stringMatching(/^[ :]{0,3}$/),
          )
          .map((p) => p.join('')),
      )
      .filter((n) => !hasUnsafeNameChar(n) && n.length <= 200);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name), { minLength: 1, maxLength: 4 }), (names) => {
        const accounts = names.map(([issuer, label]) => ({ ...account(label), issuer }));
        const back = parsePlainList(encodePlainList(accounts));
        expect(back.map((a) => [a.issuer, a.label])).toEqual(names);
      }),
      { numRuns: 500 },
    );
    // The example: scanned as "  alice", exported, read back the same (so a re-import is a duplicate).
    const [alice] = parsePlainList(encodePlainList([{ ...account('  alice'), issuer: 'Acme' }]));
    expect(alice).toMatchObject({ issuer: 'Acme', label: '  alice' });
  });

  it('issue #7 item 7: a list line whose name decodes to a control character fails the whole list', () => {
    for (const line of [
      'otpauth://totp/al%00ice?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=%E2%80%AEmoc.lapyap',
    ]) {
      expect(() => parsePlainList(`otpauth://totp/ok?secret=JBSWY3DPEHPK3PXP\n${line}\n`)).toThrow(
        expect.objectContaining({
          code: 'invalid-backup',
          params: { line: 2, reason: 'unsafe-name' },
        }),
      );
    }
  });

  it('issue #7 item 7: an encrypted backup with a control character in a name is refused', async () => {
    const text = await encodeBackup(
      [{ ...account('ok') }, { ...account('x'), issuer: 'Evil\nCorp' }],
      'correct horse',
      1,
      TEST_KDF,
    );
    await expect(decodeBackup(text, 'correct horse')).rejects.toThrow(
      expect.objectContaining({ code: 'invalid-backup', params: { entry: 2 } }),
    );
  });
});
