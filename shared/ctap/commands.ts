import { decodeCbor, encodeCbor, type CborMap, type CborValue } from './cbor';
import { CtapError, malformed } from './errors';
import { asMap } from './fields';

/** CTAP2 command bytes, the first byte of a CTAPHID_CBOR payload (CTAP 2.1 §6). */
export const Ctap2Cmd = {
  MAKE_CREDENTIAL: 0x01,
  GET_ASSERTION: 0x02,
  GET_INFO: 0x04,
  CLIENT_PIN: 0x06,
  RESET: 0x07,
  GET_NEXT_ASSERTION: 0x08,
  CREDENTIAL_MANAGEMENT: 0x0a,
  CREDENTIAL_MANAGEMENT_PREVIEW: 0x41,
  SELECTION: 0x0b,
} as const;

/** Builds a request payload: command byte followed by the canonical CBOR parameter map, if any. */
export function encodeRequest(
  cmd: number,
  params?: ReadonlyMap<number, CborValue | undefined>,
): Uint8Array {
  if (!params) return Uint8Array.of(cmd);
  const present = new Map<number, CborValue>();
  for (const [k, v] of params) if (v !== undefined) present.set(k, v);
  const body = encodeCbor(present);
  const out = new Uint8Array(1 + body.length);
  out[0] = cmd;
  out.set(body, 1);
  return out;
}

/**
 * Splits a reply into status and CBOR map: a non-zero status becomes CtapError.fromStatus, an empty
 * body an empty map. Throws only CtapError.
 */
export function decodeResponse(reply: Uint8Array): CborMap {
  if (reply.length === 0) throw malformed('empty CTAP2 reply');
  const status = reply[0] ?? 0;
  if (status !== 0) throw CtapError.fromStatus(status);
  if (reply.length === 1) return new Map();
  return asMap(decodeCbor(reply.subarray(1)), 'CTAP2 reply');
}

/** Decodes a request payload (for the software authenticator): command byte and parameter map. */
export function decodeRequest(payload: Uint8Array): { cmd: number; params: CborMap } {
  if (payload.length === 0) throw malformed('empty CTAP2 request');
  const cmd = payload[0] ?? 0;
  const params =
    payload.length > 1 ? asMap(decodeCbor(payload.subarray(1)), 'CTAP2 request') : new Map();
  return { cmd, params };
}
