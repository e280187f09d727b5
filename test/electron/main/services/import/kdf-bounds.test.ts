import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../../shared/errors';
import { readForeign } from '../../../../../electron/main/services/import/read-foreign';
import type { KdfPrimitives } from '../../../../../electron/main/services/crypto';

/** A crafted KDF cost in a foreign file is refused before anything is derived (KDF_LIMITS in crypto.ts). */

const FIX = join(__dirname, '../../../../fixtures/import');
const json = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIX, name), 'utf8')) as Record<string, unknown>;
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));

function spy(): KdfPrimitives & { calls: number } {
  const k = {
    calls: 0,
    argon2id: async () => (k.calls++, Buffer.alloc(32)),
    scrypt: async () => (k.calls++, Buffer.alloc(32)),
  };
  return k;
}

async function refused(bytes: Uint8Array): Promise<{ code: string; calls: number }> {
  const kdf = spy();
  try {
    await readForeign(bytes, { password: 'pw' }, kdf);
    return { code: 'ok', calls: kdf.calls };
  } catch (e) {
    return { code: isFaktorError(e) ? e.code : String(e), calls: kdf.calls };
  }
}

describe('bounded KDF costs from files', () => {
  it('Aegis: scrypt N=2^22 (4 GiB) or r=64 in any slot is import-damaged, nothing derived', async () => {
    for (const patch of [{ n: 2 ** 22 }, { r: 64 }, { p: 1000 }, { n: 3 }]) {
      const file = json('aegis-encrypted.json') as {
        header: { slots: Array<Record<string, unknown>> };
      };
      file.header.slots[1] = { ...file.header.slots[1], ...patch };
      expect(await refused(enc(file))).toEqual({ code: 'import-damaged', calls: 0 });
    }
  });

  it("Ente: Argon2id memLimit 1 GiB (Ente's 'sensitive' preset) or 10 000 passes is refused, nothing derived", async () => {
    for (const patch of [{ memLimit: 1024 ** 3 }, { opsLimit: 10_000 }, { memLimit: 1000 }]) {
      const file = json('ente-encrypted.json') as { kdfParams: Record<string, unknown> };
      file.kdfParams = { ...file.kdfParams, ...patch };
      expect(await refused(enc(file))).toEqual({ code: 'import-damaged', calls: 0 });
    }
  });

  it('andOTP: an iteration header above 1 000 000 is refused before PBKDF2', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIX, 'andotp-encrypted.json.aes')));
    new DataView(bytes.buffer).setUint32(0, 5_000_000);
    expect((await refused(bytes)).code).toBe('import-damaged');
  });
});
