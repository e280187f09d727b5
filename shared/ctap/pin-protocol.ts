import { cbc } from '@noble/ciphers/aes.js';
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { CoseAlg, coseToP256, p256ToCose } from './cose';
import type { CborValue } from './cbor';
import { CtapError, Status, malformed } from './errors';

/** Source of random bytes; injectable so tests can pin IVs and ephemeral keys. */
export type RandomSource = (length: number) => Uint8Array;

/**
 * PIN/UV auth protocol 1 or 2 (CTAP 2.1 §6.5.6/§6.5.7), the same on both sides: the client uses it
 * against a key, the software authenticator in test/support uses it as the key.
 */
export interface PinProtocol {
  readonly version: 1 | 2;
  /** Shared secret from the ECDH x-coordinate Z: 32 bytes (v1) or HMAC key ‖ AES key (v2). */
  kdf(z: Uint8Array): Uint8Array;
  encrypt(shared: Uint8Array, plaintext: Uint8Array): Uint8Array;
  decrypt(shared: Uint8Array, ciphertext: Uint8Array): Uint8Array;
  /** pinUvAuthParam over `message` with a shared secret or a pinUvAuthToken. */
  authenticate(key: Uint8Array, message: Uint8Array): Uint8Array;
}

const zeroIv = new Uint8Array(16);

function checkBlocks(data: Uint8Array): void {
  if (data.length === 0 || data.length % 16 !== 0)
    throw malformed(`ciphertext of ${data.length} bytes is not whole AES blocks`);
}

/** Protocol 1: SHA-256(Z), AES-256-CBC with a zero IV, HMAC truncated to 16 bytes. */
export const pinProtocolV1: PinProtocol = {
  version: 1,
  kdf: (z) => sha256(z),
  encrypt: (shared, plaintext) => cbc(shared, zeroIv, { disablePadding: true }).encrypt(plaintext),
  decrypt: (shared, ciphertext) => {
    checkBlocks(ciphertext);
    return cbc(shared, zeroIv, { disablePadding: true }).decrypt(ciphertext);
  },
  authenticate: (key, message) => hmac(sha256, key, message).slice(0, 16),
};

/** Builds protocol 2 with a random source for its IVs. */
export function makePinProtocolV2(random: RandomSource = randomBytes): PinProtocol {
  const salt = new Uint8Array(32);
  const aesKey = (shared: Uint8Array): Uint8Array => shared.subarray(32, 64);
  return {
    version: 2,
    kdf: (z) =>
      concatBytes(
        hkdf(sha256, z, salt, utf8ToBytes('CTAP2 HMAC key'), 32),
        hkdf(sha256, z, salt, utf8ToBytes('CTAP2 AES key'), 32),
      ),
    encrypt: (shared, plaintext) => {
      const iv = random(16);
      return concatBytes(iv, cbc(aesKey(shared), iv, { disablePadding: true }).encrypt(plaintext));
    },
    decrypt: (shared, data) => {
      if (data.length < 32)
        throw malformed('protocol 2 ciphertext is shorter than IV plus one block');
      checkBlocks(data.subarray(16));
      return cbc(aesKey(shared), data.subarray(0, 16), { disablePadding: true }).decrypt(
        data.subarray(16),
      );
    },
    authenticate: (key, message) => hmac(sha256, key.subarray(0, 32), message),
  };
}

/** Protocol 2 with system randomness. */
export const pinProtocolV2: PinProtocol = makePinProtocolV2();

/** The protocol object for a version number from GetInfo. */
export function pinProtocol(version: number): PinProtocol {
  if (version === 1) return pinProtocolV1;
  if (version === 2) return pinProtocolV2;
  throw new CtapError('unsupported', `PIN/UV auth protocol ${version}`);
}

/** ECDH on P-256 returning the x-coordinate Z; a peer point not on the curve is malformed. */
export function ecdhZ(secretKey: Uint8Array, peerPoint: Uint8Array): Uint8Array {
  try {
    return p256.getSharedSecret(secretKey, peerPoint, true).slice(1, 33);
  } catch {
    throw malformed('key-agreement point is not on P-256');
  }
}

/**
 * The client half of key agreement: a fresh ephemeral P-256 key against the authenticator's COSE key.
 * Returns the COSE key to send (alg −25, as the spec demands although it is not the algorithm used)
 * and the shared secret.
 */
export function encapsulate(
  protocol: PinProtocol,
  peerCose: CborValue | undefined,
  random: RandomSource = randomBytes,
): { keyAgreement: Map<number, CborValue>; shared: Uint8Array } {
  const peer = coseToP256(peerCose, 'keyAgreement');
  const secretKey = p256.utils.randomSecretKey(random(48));
  const keyAgreement = p256ToCose(p256.getPublicKey(secretKey, false), CoseAlg.ECDH_ES_HKDF_256);
  return { keyAgreement, shared: protocol.kdf(ecdhZ(secretKey, peer)) };
}

/** LEFT(SHA-256(pin), 16): what pinHashEnc encrypts and what the authenticator stores. */
export function pinHash(pin: string): Uint8Array {
  return sha256(utf8ToBytes(pin)).slice(0, 16);
}

/** UTF-8 PIN zero-padded to 64 bytes; a PIN of 4–63 bytes (CTAP minimum and padding limit). */
export function paddedPin(pin: string, minLength = 4): Uint8Array {
  const bytes = utf8ToBytes(pin);
  // Checked before sending, with the key's own status, so the UI names the policy rather than "invalid input".
  if ([...pin].length < minLength || bytes.length > 63)
    throw new CtapError('status', 'PIN length outside the key policy', Status.PIN_POLICY_VIOLATION);
  const out = new Uint8Array(64);
  out.set(bytes);
  return out;
}
