import { createCipheriv, randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { FaktorError } from '../../../../shared/errors';
import { deriveKey, newKdfParams, type KdfCost, type KdfParams } from '../crypto';

/**
 * The PIN protection of a paired Servicekonto's device secrets, TiQR style (docs/servicekonto-app.md):
 * a key derived from the PIN (Argon2id) encrypts the raw 32-byte OCRA secret and the raw 32-byte P-256
 * private key with AES-256-CTR, WITHOUT a MAC, a check value or a public key next to it. Every PIN
 * therefore decrypts to *some* pair of secrets without an error; a wrong PIN only shows up as a wrong
 * OCRA response or a bad signature at the server, which blocks the means after 3 failures. Nothing
 * stored on the desktop can confirm a guessed PIN, so a stolen vault gives no offline PIN search.
 */

/** A PIN: 6 to 32 ASCII digits (the "6+ digits"; the upper bound keeps input sane). */
export const PIN_PATTERN = /^[0-9]{6,32}$/;

/** Raw bytes of the two device secrets; exists only while a PIN-approved operation runs. */
export interface DeviceSecrets {
  /** 32-byte OCRA key (offline codes). */
  readonly ocraSecret: Uint8Array;
  /** 32-byte P-256 private scalar (online approvals, device-authenticated calls). */
  readonly signingKey: Uint8Array;
}

/** What is stored: KDF parameters (with salt), the CTR IV and the two ciphertexts, all Base64. */
export interface PinSealed {
  readonly kdf: KdfParams;
  readonly iv: string;
  readonly ocraSecret: string;
  readonly signingKey: string;
}

const IV_BYTES = 16;
const SECRET_BYTES = 32;

/** Throws 'invalid-pin' for anything but 6–32 digits (a format check only; it says nothing about "right"). */
export function checkPin(pin: string): void {
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) throw new FaktorError('invalid-pin');
}

/** Fresh device secrets: 32 random bytes for OCRA and a random valid P-256 private key. */
export function newDeviceSecrets(): DeviceSecrets {
  return {
    ocraSecret: new Uint8Array(randomBytes(SECRET_BYTES)),
    signingKey: p256.utils.randomSecretKey(),
  };
}

/**
 * Any 32 bytes as a valid P-256 private key: reduced mod n (0 → 1). A right key (< n) is unchanged; a
 * wrong-PIN key becomes some other valid key, so signing never throws and so never reveals the PIN.
 */
export function toScalar(bytes: Uint8Array): Uint8Array {
  const n = p256.Point.CURVE().n;
  let d = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`) % n;
  if (d === 0n) d = 1n;
  return Uint8Array.from(Buffer.from(d.toString(16).padStart(64, '0'), 'hex'));
}

function ctr(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Encrypts both secrets under a key from the PIN with a fresh salt and IV. */
export async function sealWithPin(
  pin: string,
  secrets: DeviceSecrets,
  cost: KdfCost,
): Promise<PinSealed> {
  checkPin(pin);
  if (secrets.ocraSecret.length !== SECRET_BYTES || secrets.signingKey.length !== SECRET_BYTES) {
    throw new FaktorError('invalid-secret', 'device secrets must be 32 bytes each');
  }
  const kdf = newKdfParams(cost);
  const iv = randomBytes(IV_BYTES);
  const key = await deriveKey(pin, kdf);
  const plain = Buffer.concat([secrets.ocraSecret, secrets.signingKey]);
  try {
    const sealed = ctr(key, iv, plain);
    return {
      kdf,
      iv: iv.toString('base64'),
      ocraSecret: sealed.subarray(0, SECRET_BYTES).toString('base64'),
      signingKey: sealed.subarray(SECRET_BYTES).toString('base64'),
    };
  } finally {
    key.fill(0);
    plain.fill(0);
  }
}

/** The AES key a PIN gives for this record (the slow, KDF part of opening; the caller zeroes it). */
export async function pinKey(pin: string, sealed: PinSealed): Promise<Buffer> {
  checkPin(pin);
  return deriveKey(pin, sealed.kdf);
}

/** Decrypts with a key from pinKey (the fast part; never fails for a well-formed record). */
export function openWithKey(key: Uint8Array, sealed: PinSealed): DeviceSecrets {
  const iv = Buffer.from(sealed.iv, 'base64');
  const ct = Buffer.concat([
    Buffer.from(sealed.ocraSecret, 'base64'),
    Buffer.from(sealed.signingKey, 'base64'),
  ]);
  if (iv.length !== IV_BYTES || ct.length !== 2 * SECRET_BYTES)
    throw new FaktorError('vault-corrupt', 'sealed device secrets malformed');
  const plain = ctr(key, iv, ct);
  const out = {
    ocraSecret: new Uint8Array(plain.subarray(0, SECRET_BYTES)),
    signingKey: new Uint8Array(plain.subarray(SECRET_BYTES)),
  };
  plain.fill(0);
  return out;
}

/**
 * Decrypts with whatever PIN was typed. Never fails for a well-formed PIN and record: a wrong PIN
 * yields different secrets. The caller zeroes them (wipeSecrets) as soon as the operation is done.
 */
export async function openWithPin(pin: string, sealed: PinSealed): Promise<DeviceSecrets> {
  const key = await pinKey(pin, sealed);
  try {
    return openWithKey(key, sealed);
  } finally {
    key.fill(0);
  }
}

/** Zeroes decrypted device secrets. */
export function wipeSecrets(s: DeviceSecrets): void {
  s.ocraSecret.fill(0);
  s.signingKey.fill(0);
}
