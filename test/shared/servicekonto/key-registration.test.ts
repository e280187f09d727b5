import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { publicKeyOf } from '../../../shared/servicekonto/p256';
import {
  KeyRegistrationOptions,
  keyRegistrationSignedText,
  rpIdFitsOrigin,
  signKeyRegistration,
  verifyKeyRegistration,
} from '../../../shared/servicekonto/key-registration';
import '../../support/fast-check-seed';

const signed = {
  transaction: 'Jq3m8Zb0Yw2Lr5Tx1Nc7Vg',
  challenge: 'Zm9vYmFyYmF6cXV4cXV1eFpt9vYmFyYmF6cXV4cXV1e',
  credentialId: 'AAECAw',
};

describe('security key registration wire format', () => {
  it('signs exactly the documented text, and the proof binds transaction, challenge and credential', () => {
    expect(keyRegistrationSignedText(signed)).toBe(
      '{"type":"faktor-key-registration","v":1,"transaction":"Jq3m8Zb0Yw2Lr5Tx1Nc7Vg","challenge":"Zm9vYmFyYmF6cXV4cXV1eFpt9vYmFyYmF6cXV4cXV1e","credential":"AAECAw"}',
    );
    const secret = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const sig = signKeyRegistration(secret, signed);
    expect(verifyKeyRegistration(publicKeyOf(secret), signed, sig)).toBe(true);
    expect(
      verifyKeyRegistration(publicKeyOf(secret), { ...signed, credentialId: 'AAECBA' }, sig),
    ).toBe(false);
    expect(verifyKeyRegistration(publicKeyOf(p256.utils.randomSecretKey()), signed, sig)).toBe(
      false,
    );
    expect(verifyKeyRegistration(publicKeyOf(secret), signed, 'not a signature')).toBe(false);
  });

  it('accepts an RP id only for its own host or a parent domain of it', () => {
    expect(rpIdFitsOrigin('localhost', 'http://localhost:8080')).toBe(true);
    expect(rpIdFitsOrigin('example.de', 'https://konto.example.de')).toBe(true);
    expect(rpIdFitsOrigin('konto.example.de', 'https://konto.example.de')).toBe(true);
    expect(rpIdFitsOrigin('other.de', 'https://konto.example.de')).toBe(false);
    expect(rpIdFitsOrigin('ample.de', 'https://konto.example.de')).toBe(false);
    expect(rpIdFitsOrigin('0.1', 'http://127.0.0.1')).toBe(false);
    expect(rpIdFitsOrigin('127.0.0.1', 'http://127.0.0.1:9000')).toBe(true);
    expect(rpIdFitsOrigin('localhost', 'not an origin')).toBe(false);
  });

  it('the options parser refuses anything but the exact shape (never throws otherwise)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(KeyRegistrationOptions.safeParse(v).success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
