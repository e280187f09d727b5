import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../../support/fast-check-seed';
import { isFaktorError } from '../../../../../shared/errors';
import { IMPORT_FORMATS, type ImportFormat } from '../../../../../shared/import/types';
import {
  importForeign,
  type ImportVault,
} from '../../../../../electron/main/services/import/import-foreign';
import type { KdfPrimitives } from '../../../../../electron/main/services/crypto';

/**
 * Garbage in → only typed errors out, and the store untouched. The vault here is an in-memory
 * stand-in that records writes: the real vault's atomic write is proven in vault.test.ts; what this
 * file proves is that a failing import never reaches the write at all.
 */

const FIX = join(__dirname, '../../../../fixtures/import');
const TYPED = new Set([
  'import-damaged',
  'import-unknown-format',
  'import-unsupported',
  'backup-wrong-password',
  'invalid-backup',
]);

function recordingVault(): ImportVault & { writes: number } {
  const v = {
    writes: 0,
    exportAccounts: async () => [],
    importAccounts: async (list: readonly unknown[]) => {
      v.writes++;
      return { imported: list.length, duplicates: [] };
    },
  };
  return v;
}

// Derivation is not what is under test here; a stand-in keeps 1000 runs fast. Bounds are checked
// before it is called (kdf-bounds.test.ts proves a refused cost never reaches it).
const FAST_KDF: KdfPrimitives = {
  argon2id: async () => Buffer.alloc(32, 1),
  scrypt: async () => Buffer.alloc(32, 2),
};

async function outcome(
  bytes: Uint8Array,
  format?: ImportFormat,
  password?: string,
): Promise<string> {
  const vault = recordingVault();
  try {
    await importForeign(bytes, { format, password }, vault, FAST_KDF);
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw new Error(`non-FaktorError escaped: ${String(e)}`, { cause: e });
    expect(vault.writes).toBe(0);
    return e.code;
  }
}

const formats = fc.option(fc.constantFrom(...IMPORT_FORMATS), { nil: undefined });

describe('every importer with garbage', () => {
  it('random bytes: only typed errors, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), formats, async (bytes, format) => {
        expect(TYPED).toContain(await outcome(bytes, format, 'pw'));
      }),
      { numRuns: 300 },
    );
  });

  it('random JSON in every known shape: only typed errors or a valid import', async () => {
    const shapes = fc.oneof(
      fc.jsonValue(),
      fc.record({ version: fc.jsonValue(), header: fc.jsonValue(), db: fc.jsonValue() }),
      fc.record({
        version: fc.constant(1),
        header: fc.record({ slots: fc.constant(null), params: fc.constant(null) }),
        db: fc.record({
          version: fc.integer({ min: 0, max: 4 }),
          entries: fc.array(fc.jsonValue()),
        }),
      }),
      fc.record({
        schemaVersion: fc.integer({ min: 0, max: 5 }),
        services: fc.array(fc.dictionary(fc.constantFrom('secret', 'name', 'otp'), fc.jsonValue())),
        servicesEncrypted: fc.option(fc.string()),
      }),
      fc.record({
        version: fc.jsonValue(),
        kdfParams: fc.dictionary(fc.constantFrom('memLimit', 'opsLimit', 'salt'), fc.jsonValue()),
        encryptedData: fc.jsonValue(),
        encryptionNonce: fc.jsonValue(),
      }),
      fc.record({
        encrypted: fc.boolean(),
        items: fc.array(
          fc.record({
            name: fc.jsonValue(),
            login: fc.record({
              username: fc.jsonValue(),
              totp: fc.oneof(fc.string(), fc.constant('steam://AAAA'), fc.jsonValue()),
            }),
          }),
        ),
      }),
      fc.record({
        Authenticators: fc.array(
          fc.dictionary(
            fc.constantFrom(
              'Type',
              'Issuer',
              'Username',
              'Secret',
              'Algorithm',
              'Digits',
              'Period',
              'Counter',
            ),
            fc.jsonValue(),
          ),
        ),
      }),
      fc.record({
        tokens: fc.array(
          fc.dictionary(
            fc.constantFrom('algo', 'type', 'secret', 'digits', 'period', 'label', 'issuerExt'),
            fc.jsonValue(),
          ),
        ),
      }),
      fc.array(
        fc.dictionary(
          fc.constantFrom(
            'secret',
            'type',
            'label',
            'issuer',
            'digits',
            'period',
            'counter',
            'algorithm',
          ),
          fc.jsonValue(),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(shapes, formats, async (json, format) => {
        const code = await outcome(new TextEncoder().encode(JSON.stringify(json)), format, 'pw');
        expect([...TYPED, 'ok']).toContain(code);
      }),
      { numRuns: 500 },
    );
  });

  it('fixtures with one byte flipped anywhere: typed errors or a valid import, never anything else', async () => {
    const names = [
      'aegis-plain.json',
      'aegis-encrypted.json',
      'twofas-encrypted.2fas',
      'ente-encrypted.json',
      'andotp-encrypted.json.aes',
      'bitwarden.json',
      'authenticator-pro.json',
      'freeotp-plus.json',
    ];
    const files = names.map((n) => new Uint8Array(readFileSync(join(FIX, n))));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: files.length - 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (i, at, x) => {
          const bytes = Uint8Array.from(files[i]!);
          bytes[at % bytes.length]! ^= x;
          expect([...TYPED, 'ok']).toContain(await outcome(bytes, undefined, 'correct horse'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
