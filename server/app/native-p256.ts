/**
 * ECDSA P-256/SHA-256 verification for the server through Node's native crypto (OpenSSL), with the
 * exact semantics of shared/servicekonto/p256.ts `verifyText` (wire-form key and r‖s signature,
 * canonical base64url, either S accepted, never throws). The pure-JS verification cost ~6–10 ms per
 * signature on the loaded build machine and was most of the server's CPU in bench:pairing (every stream
 * connect, long-poll and answer verifies one or two signatures); imported keys are kept per key text.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { fromBase64url } from '../../shared/servicekonto/base64url';

/** DER SubjectPublicKeyInfo header of an uncompressed P-256 point (id-ecPublicKey, prime256v1, BIT STRING). */
const SPKI_P256 = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
/** Imported keys kept (one per paired device and key); the oldest goes first beyond it. */
const MAX_KEYS = 20_000;
const keys = new Map<string, KeyObject | null>();

function keyOf(publicKey: string): KeyObject | null {
  const hit = keys.get(publicKey);
  if (hit !== undefined) return hit;
  const raw = fromBase64url(publicKey);
  let key: KeyObject | null = null;
  if (raw && raw.length === 65 && raw[0] === 4) {
    try {
      key = createPublicKey({ key: Buffer.concat([SPKI_P256, raw]), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
  }
  if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value as string);
  keys.set(publicKey, key);
  return key;
}

/** True when `signature` (wire form) is valid for `message` under `publicKey` (wire form). Never throws. */
export function verifyTextNative(publicKey: string, message: string, signature: string): boolean {
  const key = keyOf(publicKey);
  const sig = fromBase64url(signature);
  if (!key || !sig || sig.length !== 64) return false;
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}
