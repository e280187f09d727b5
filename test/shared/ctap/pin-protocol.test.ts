import { describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { CtapError } from '../../../shared/ctap/errors';
import {
  ecdhZ,
  encapsulate,
  makePinProtocolV2,
  paddedPin,
  pinHash,
  pinProtocolV1,
  pinProtocolV2,
} from '../../../shared/ctap/pin-protocol';
import { coseToP256, p256ToCose, CoseAlg } from '../../../shared/ctap/cose';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const z = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

// Oracle vectors from protocols.md §3.3: python-fido2 0.9.1 and Node crypto agree on them.
describe('PIN/UV auth protocols 1 and 2', () => {
  it('v1 kdf = SHA-256(Z)', () => {
    expect(hex(pinProtocolV1.kdf(z))).toBe(
      'ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9',
    );
  });

  it('v2 kdf = HKDF HMAC key ‖ AES key', () => {
    const shared = pinProtocolV2.kdf(z);
    expect(hex(shared.subarray(0, 32))).toBe(
      '9eb685ea1bd795e05cbfbe28f0ef46f1b89ae3a73161c4d64d1181082e82db67',
    );
    expect(hex(shared.subarray(32))).toBe(
      'e56b82398cbb09e2a1b546808a716befa7907d17976b72193c6f909413c73184',
    );
  });

  it('pinHash and v1 pinHashEnc', () => {
    expect(hex(pinHash('1234'))).toBe('03ac674216f3e15c761ee1a5e255f067');
    expect(hex(pinProtocolV1.encrypt(pinProtocolV1.kdf(z), pinHash('1234')))).toBe(
      '0bd803977b68cc5d8784d5806538cd11',
    );
  });

  it('authenticate: v2 full 32 bytes, v1 its first 16', () => {
    const key = new Uint8Array(32).fill(0xaa);
    const msg = new Uint8Array(32);
    const v2 = '32e8b5dd984a2377a9749691b85ec16a05caddc392b77cb74267e436fd076690';
    expect(hex(pinProtocolV2.authenticate(key, msg))).toBe(v2);
    expect(hex(pinProtocolV1.authenticate(key, msg))).toBe(v2.slice(0, 32));
  });

  it('v2 encrypt prefixes the random IV and decrypts back', () => {
    const fixed = makePinProtocolV2((n) => new Uint8Array(n).fill(7));
    const shared = fixed.kdf(z);
    const ct = fixed.encrypt(shared, pinHash('1234'));
    expect(hex(ct.subarray(0, 16))).toBe('07'.repeat(16));
    expect(fixed.decrypt(shared, ct)).toEqual(pinHash('1234'));
  });

  it('ciphertext that is not whole blocks is a CtapError', () => {
    expect(() => pinProtocolV1.decrypt(new Uint8Array(32), new Uint8Array(15))).toThrow(CtapError);
    expect(() => pinProtocolV2.decrypt(new Uint8Array(64), new Uint8Array(20))).toThrow(CtapError);
  });

  it('key agreement: both sides derive the same secret; alg −25 is sent', () => {
    const device = p256.keygen();
    const deviceCose = p256ToCose(
      p256.getPublicKey(device.secretKey, false),
      CoseAlg.ECDH_ES_HKDF_256,
    );
    const { keyAgreement, shared } = encapsulate(pinProtocolV2, deviceCose);
    expect(keyAgreement.get(3)).toBe(-25);
    const deviceShared = pinProtocolV2.kdf(
      ecdhZ(device.secretKey, coseToP256(keyAgreement, 'platform key')),
    );
    expect(hex(deviceShared)).toBe(hex(shared));
  });

  it('a peer point off the curve is a CtapError', () => {
    const bad = p256ToCose(
      Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : 1)),
      -25,
    );
    expect(() => encapsulate(pinProtocolV1, bad)).toThrow(CtapError);
  });

  it('PIN padding enforces 4…63 bytes', () => {
    expect(paddedPin('1234')).toHaveLength(64);
    expect(() => paddedPin('123')).toThrow(CtapError);
    expect(() => paddedPin('123')).toThrow(expect.objectContaining({ code: 'key-pin-policy' }));
    expect(() => paddedPin('12345', 6)).toThrow(
      expect.objectContaining({ code: 'key-pin-policy' }),
    );
    expect(() => paddedPin('x'.repeat(64))).toThrow(CtapError);
  });
});
