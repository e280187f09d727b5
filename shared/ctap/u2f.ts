import { CtapError, malformed } from './errors';

/** U2F instruction bytes (FIDO U2F raw message formats). */
export const U2fIns = { REGISTER: 0x01, AUTHENTICATE: 0x02, VERSION: 0x03 } as const;

/** U2F AUTHENTICATE P1: enforce user presence and sign, check only, or sign without presence. */
export const U2fAuthMode = { ENFORCE: 0x03, CHECK_ONLY: 0x07, DONT_ENFORCE: 0x08 } as const;

/** ISO 7816 status words a U2F token answers with. */
export const U2fSw = {
  OK: 0x9000,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  WRONG_DATA: 0x6a80,
  WRONG_LENGTH: 0x6700,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** Extended-length APDU: 00 INS P1 P2 00 Lc(2) data 00 00. */
export function encodeApdu(ins: number, p1: number, p2: number, data: Uint8Array): Uint8Array {
  if (data.length > 0xffff) throw new CtapError('invalid-argument', 'APDU data too long');
  const out = new Uint8Array(7 + data.length + 2);
  out.set([0, ins, p1, p2, 0, data.length >> 8, data.length & 0xff]);
  out.set(data, 7);
  return out;
}

/** A parsed command APDU (for the software authenticator). */
export interface Apdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
}

/** Parses an extended-length command APDU; a short or inconsistent one is malformed. */
export function parseApdu(bytes: Uint8Array): Apdu {
  if (bytes.length < 4) throw malformed('APDU shorter than its header');
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes;
  if (bytes.length <= 7) return { cla, ins, p1, p2, data: new Uint8Array(0) };
  if (bytes[4] !== 0) throw malformed('only extended-length APDUs are supported');
  const lc = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (bytes.length < 7 + lc) throw malformed('APDU data shorter than Lc');
  return { cla, ins, p1, p2, data: bytes.slice(7, 7 + lc) };
}

/** Splits a response APDU into data and status word; a non-9000 word is a typed u2f error. */
export function parseApduResponse(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 2) throw malformed('APDU response shorter than its status word');
  const sw = ((bytes[bytes.length - 2] ?? 0) << 8) | (bytes[bytes.length - 1] ?? 0);
  if (sw !== U2fSw.OK) throw new CtapError('u2f', `U2F status word 0x${sw.toString(16)}`, sw);
  return bytes.subarray(0, bytes.length - 2);
}

/** What a U2F REGISTER returned. `signedData` is what the attestation signature covers. */
export interface U2fRegistration {
  readonly publicKey: Uint8Array;
  readonly keyHandle: Uint8Array;
  readonly certificate: Uint8Array;
  readonly signature: Uint8Array;
}

/** Length of the DER element starting at `at` (tag, length, contents), for the attestation cert. */
function derLength(bytes: Uint8Array, at: number): number {
  const first = bytes[at + 1];
  if (first === undefined) throw malformed('certificate is truncated');
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 3) throw malformed('certificate length form not supported');
  let len = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[at + 2 + i];
    if (b === undefined) throw malformed('certificate is truncated');
    len = (len << 8) | b;
  }
  return 2 + n + len;
}

/** Parses a REGISTER response body: 05 ‖ pub(65) ‖ L ‖ kh ‖ cert(DER) ‖ sig. */
export function parseU2fRegistration(body: Uint8Array): U2fRegistration {
  if (body.length < 67 || body[0] !== 0x05)
    throw malformed('U2F registration does not start with 0x05');
  const publicKey = body.slice(1, 66);
  if (publicKey[0] !== 0x04) throw malformed('U2F public key is not an uncompressed point');
  const khLength = body[66] ?? 0;
  const certAt = 67 + khLength;
  if (body.length < certAt + 2 || body[certAt] !== 0x30)
    throw malformed('U2F attestation certificate missing');
  const certEnd = certAt + derLength(body, certAt);
  if (certEnd >= body.length) throw malformed('U2F registration has no signature');
  return {
    publicKey,
    keyHandle: body.slice(67, certAt),
    certificate: body.slice(certAt, certEnd),
    signature: body.slice(certEnd),
  };
}

/** What a U2F AUTHENTICATE returned. */
export interface U2fAuthentication {
  readonly userPresence: number;
  readonly counter: number;
  readonly signature: Uint8Array;
}

/** Parses an AUTHENTICATE response body: UP(1) ‖ counter(4, BE) ‖ signature. */
export function parseU2fAuthentication(body: Uint8Array): U2fAuthentication {
  if (body.length < 6) throw malformed('U2F authentication response too short');
  const counter = new DataView(body.buffer, body.byteOffset + 1, 4).getUint32(0);
  return { userPresence: body[0] ?? 0, counter, signature: body.slice(5) };
}
