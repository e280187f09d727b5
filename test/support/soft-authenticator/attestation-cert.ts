import { p256 } from '@noble/curves/nist.js';
import { concatBytes } from '@noble/hashes/utils.js';

// A minimal self-signed X.509 certificate for the software authenticator's U2F attestation key.
// Hand-built DER because no npm/Debian tool we may use creates certificates in-process; it only has
// to be parseable by python-fido2's Ctap1 (cryptography) and our U2F parser.

function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = concatBytes(...parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concatBytes(Uint8Array.of(tag, ...len), body);
}

const oid = (...bytes: number[]): Uint8Array => der(0x06, Uint8Array.from(bytes));
const ECDSA_SHA256 = der(0x30, oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
const EC_PUBLIC_KEY = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
const PRIME256V1 = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** DER certificate binding `publicKey` (uncompressed P-256), self-signed with `secretKey`. */
export function selfSignedCertificate(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const name = der(
    0x30,
    der(0x31, der(0x30, oid(0x55, 0x04, 0x03), der(0x0c, text('Faktor soft authenticator')))),
  );
  const validity = der(0x30, der(0x17, text('250101000000Z')), der(0x17, text('450101000000Z')));
  const spki = der(
    0x30,
    der(0x30, EC_PUBLIC_KEY, PRIME256V1),
    der(0x03, Uint8Array.of(0), publicKey),
  );
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, Uint8Array.of(2))),
    der(0x02, Uint8Array.of(1)),
    ECDSA_SHA256,
    name,
    validity,
    name,
    spki,
  );
  const signature = p256.sign(tbs, secretKey, { format: 'der' });
  return der(0x30, tbs, ECDSA_SHA256, der(0x03, Uint8Array.of(0), signature));
}
