import { decodeCbor, decodeCborPrefix, type CborMap } from './cbor';
import { malformed } from './errors';
import { asMap } from './fields';

/** authenticatorData flag bits (WebAuthn §6.1). */
export const AuthFlag = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;

/** The credential a MakeCredential created, as embedded in authenticatorData. */
export interface AttestedCredential {
  readonly aaguid: Uint8Array;
  readonly credentialId: Uint8Array;
  /** The COSE public key exactly as encoded by the device. */
  readonly publicKeyCose: Uint8Array;
  readonly publicKey: CborMap;
}

/** Parsed authenticatorData; `raw` is kept because signatures cover these exact bytes. */
export interface AuthenticatorData {
  readonly raw: Uint8Array;
  readonly rpIdHash: Uint8Array;
  readonly flags: number;
  readonly signCount: number;
  readonly credential?: AttestedCredential;
  readonly extensions?: CborMap;
}

/** Parses authenticatorData strictly: lengths must add up exactly. Throws only CtapError. */
export function parseAuthenticatorData(raw: Uint8Array): AuthenticatorData {
  if (raw.length < 37) throw malformed(`authenticatorData of ${raw.length} bytes is too short`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const flags = raw[32] ?? 0;
  let rest = raw.subarray(37);
  let credential: AttestedCredential | undefined;
  if (flags & AuthFlag.AT) {
    if (rest.length < 18) throw malformed('attested credential data is truncated');
    const idLength = view.getUint16(37 + 16);
    if (rest.length < 18 + idLength) throw malformed('credential id is truncated');
    const coseBytes = rest.subarray(18 + idLength);
    const [key, after] = decodeCborPrefix(coseBytes);
    credential = {
      aaguid: rest.slice(0, 16),
      credentialId: rest.slice(18, 18 + idLength),
      publicKeyCose: coseBytes.slice(0, coseBytes.length - after.length),
      publicKey: asMap(key, 'credential public key'),
    };
    rest = after;
  }
  let extensions: CborMap | undefined;
  if (flags & AuthFlag.ED) {
    extensions = asMap(decodeCbor(rest), 'authenticatorData extensions');
    rest = rest.subarray(rest.length);
  }
  if (rest.length > 0) throw malformed('trailing bytes in authenticatorData');
  return {
    raw,
    rpIdHash: raw.slice(0, 32),
    flags,
    signCount: view.getUint32(33),
    credential,
    extensions,
  };
}
