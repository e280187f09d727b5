import { p256 } from '@noble/curves/nist.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase64url, toBase64url } from './base64url';
import { protocolError, str, type WireObject } from './wire';

/**
 * ECDSA P-256 for the Servicekonto protocol: public keys travel as base64url of the 65-byte
 * uncompressed SEC1 point, signatures as base64url of the 64-byte r‖s (IEEE P1363) over SHA-256 of
 * the message. Pure (@noble/curves), so the app signs and the server verifies with the same code.
 */

/** base64url length of a 65-byte uncompressed point. */
const PUBLIC_KEY_CHARS = 87;
/** base64url length of a 64-byte r‖s signature. */
const SIGNATURE_CHARS = 86;

/** Reads a public-key field and checks the point lies on P-256; else `protocol-malformed`. */
export function readPublicKey(obj: WireObject, key: string): string {
  const text = str(obj, key, /^[A-Za-z0-9_-]+$/, PUBLIC_KEY_CHARS);
  const bytes = fromBase64url(text);
  if (!bytes || bytes.length !== 65 || bytes[0] !== 0x04)
    throw protocolError('protocol-malformed', key);
  try {
    p256.Point.fromBytes(bytes).assertValidity();
  } catch {
    throw protocolError('protocol-malformed', key);
  }
  return text;
}

/** Reads a signature field (64 bytes r‖s). */
export function readSignature(obj: WireObject, key: string): string {
  const text = str(obj, key, /^[A-Za-z0-9_-]+$/, SIGNATURE_CHARS);
  const bytes = fromBase64url(text);
  if (!bytes || bytes.length !== 64) throw protocolError('protocol-malformed', key);
  return text;
}

/** The public key (wire form) of a 32-byte P-256 secret key. */
export function publicKeyOf(secretKey: Uint8Array): string {
  return toBase64url(p256.getPublicKey(secretKey, false));
}

/** Signs `message` (UTF-8 text) with a 32-byte secret key; the wire form of the signature. */
export function signText(secretKey: Uint8Array, message: string): string {
  return toBase64url(p256.sign(utf8ToBytes(message), secretKey));
}

/** True when `signature` (wire form) is valid for `message` under `publicKey` (wire form). Never throws. */
export function verifyText(publicKey: string, message: string, signature: string): boolean {
  const pub = fromBase64url(publicKey);
  const sig = fromBase64url(signature);
  if (!pub || !sig || sig.length !== 64) return false;
  try {
    return p256.verify(sig, utf8ToBytes(message), pub, { lowS: false });
  } catch {
    return false;
  }
}
