import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../../shared/errors';
import { signApproval, verifyApproval } from '../../../../../shared/servicekonto/approval';
import { publicKeyOf } from '../../../../../shared/servicekonto/p256';
import {
  checkPin,
  newDeviceSecrets,
  openWithPin,
  sealWithPin,
  toScalar,
} from '../../../../../electron/main/services/servicekonto/pin-secrets';
import { PairedRecordSchema } from '../../../../../electron/main/services/servicekonto/paired-record';
import { TEST_KDF } from '../../../../support/doubles';

/** Real AES-CTR (OpenSSL) and real Argon2id (at a cheap test cost); nothing mocked. */

const pin = fc.stringMatching(/^[0-9]{6,12}$/);
const pinPair = fc.tuple(pin, pin).filter(([a, b]) => a !== b);
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('PIN-sealed device secrets', () => {
  it('the right PIN gives the secrets back; any wrong PIN decrypts without error to different ones', async () => {
    await fc.assert(
      fc.asyncProperty(pinPair, async ([right, wrong]) => {
        const secrets = newDeviceSecrets();
        const sealed = await sealWithPin(right, secrets, TEST_KDF);
        const back = await openWithPin(right, sealed);
        expect(
          same(back.ocraSecret, secrets.ocraSecret) && same(back.signingKey, secrets.signingKey),
        ).toBe(true);
        const other = await openWithPin(wrong, sealed);
        expect(other.ocraSecret).toHaveLength(32);
        expect(other.signingKey).toHaveLength(32);
        expect(same(other.ocraSecret, secrets.ocraSecret)).toBe(false);
        expect(same(other.signingKey, secrets.signingKey)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('a wrong-PIN key still signs (so nothing local tells), but the server-side check fails', async () => {
    await fc.assert(
      fc.asyncProperty(pinPair, async ([right, wrong]) => {
        const secrets = newDeviceSecrets();
        const enrolled = publicKeyOf(secrets.signingKey);
        const sealed = await sealWithPin(right, secrets, TEST_KDF);
        const answer = {
          transaction: 'AAAAAAAAAAAAAAAAAAAAAA',
          challenge: 'c'.repeat(43),
          number: 42,
          decision: 'approve' as const,
        };
        const good = signApproval(toScalar((await openWithPin(right, sealed)).signingKey), answer);
        const bad = signApproval(toScalar((await openWithPin(wrong, sealed)).signingKey), answer);
        expect(verifyApproval(enrolled, answer, good)).toBe(true);
        expect(verifyApproval(enrolled, answer, bad)).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('stores nothing that can verify a PIN: no tag, no hash, no public key, ciphertext as long as the plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(pinPair, async ([right, wrong]) => {
        const sealed = await sealWithPin(right, newDeviceSecrets(), TEST_KDF);
        expect(Object.keys(sealed).sort()).toEqual(['iv', 'kdf', 'ocraSecret', 'signingKey']);
        expect(Object.keys(sealed.kdf).sort()).toEqual([
          'iterations',
          'memoryKiB',
          'name',
          'parallelism',
          'salt',
        ]);
        // CTR adds no byte: every 64-byte plaintext is a possible decryption, so every PIN is "plausible".
        expect(Buffer.from(sealed.ocraSecret, 'base64')).toHaveLength(32);
        expect(Buffer.from(sealed.signingKey, 'base64')).toHaveLength(32);
        // The sealed record is the same shape and size whatever the PIN was; its fields don't depend on
        // the PIN except through the ciphertexts (random salt and IV are PIN-independent).
        const other = await sealWithPin(wrong, newDeviceSecrets(), TEST_KDF);
        expect(JSON.stringify(other).length).toBe(JSON.stringify(sealed).length);
      }),
      { numRuns: 15 },
    );
    const recordKeys = Object.keys(PairedRecordSchema.shape).sort();
    expect(recordKeys).toEqual([
      'account',
      'accountName',
      'deviceKey',
      'id',
      'level',
      'meansId',
      'origin',
      'pairedAt',
      'sealed',
      'suite',
    ]);
    for (const k of recordKeys) expect(k).not.toMatch(/hash|tag|mac|verif|check|public/i); // deviceKey is the unlocked device-auth key, not a PIN check;
  });

  it('a fresh sealing never repeats salt or IV (same PIN, same secrets)', async () => {
    const secrets = newDeviceSecrets();
    const a = await sealWithPin('123456', secrets, TEST_KDF);
    const b = await sealWithPin('123456', secrets, TEST_KDF);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ocraSecret).not.toBe(b.ocraSecret);
  });

  it('accepts only 6–32 digits as a PIN (format only)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        let ok = true;
        try {
          checkPin(s);
        } catch (e) {
          expect(isFaktorError(e, 'invalid-pin')).toBe(true);
          ok = false;
        }
        expect(ok).toBe(/^[0-9]{6,32}$/.test(s));
      }),
    );
  });

  it('maps any 32 bytes to a valid P-256 key and keeps valid keys unchanged', () => {
    const n = p256.Point.CURVE().n;
    const edge = [
      new Uint8Array(32),
      new Uint8Array(32).fill(0xff),
      Uint8Array.from(Buffer.from(n.toString(16), 'hex')),
    ];
    for (const e of edge) expect(p256.utils.isValidSecretKey(toScalar(e))).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
        const d = toScalar(b);
        expect(p256.utils.isValidSecretKey(d)).toBe(true);
        if (p256.utils.isValidSecretKey(b)) expect(same(d, b)).toBe(true);
      }),
    );
  });
});
