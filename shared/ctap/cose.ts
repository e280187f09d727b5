import type { CborMap, CborValue } from './cbor';
import { malformed } from './errors';
import { asBytes, asInt, asMap, required } from './fields';

/** COSE algorithm ids CTAP uses: ES256 for credentials, ECDH-ES+HKDF-256 as the PIN key-agreement label. */
export const CoseAlg = { ES256: -7, ECDH_ES_HKDF_256: -25, EdDSA: -8, RS256: -257 } as const;

/** An uncompressed P-256 point (0x04 ‖ x ‖ y) as a COSE_Key map with the given alg. */
export function p256ToCose(uncompressed: Uint8Array, alg: number): Map<number, CborValue> {
  if (uncompressed.length !== 65 || uncompressed[0] !== 4)
    throw malformed('not an uncompressed P-256 point');
  return new Map<number, CborValue>([
    [1, 2],
    [3, alg],
    [-1, 1],
    [-2, uncompressed.slice(1, 33)],
    [-3, uncompressed.slice(33, 65)],
  ]);
}

/** Reads a COSE EC2 P-256 key back to an uncompressed point; other key types are malformed here. */
export function coseToP256(value: CborValue | undefined, what: string): Uint8Array {
  const key: CborMap = asMap(value, what);
  if (required(key, 1, asInt, `${what} kty`) !== 2) throw malformed(`${what} is not an EC2 key`);
  if (required(key, -1, asInt, `${what} crv`) !== 1) throw malformed(`${what} is not on P-256`);
  const x = required(key, -2, asBytes, `${what} x`);
  const y = required(key, -3, asBytes, `${what} y`);
  if (x.length !== 32 || y.length !== 32) throw malformed(`${what} coordinates are not 32 bytes`);
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(x, 1);
  out.set(y, 33);
  return out;
}
