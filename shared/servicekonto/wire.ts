import { FaktorError, type ErrorCode } from '../errors';

/**
 * Strict readers for the Servicekonto wire formats (docs/protocol.md): one JSON object per message,
 * exactly the documented keys, every value checked. Each failure is a FaktorError with one of the
 * `protocol-*` codes, so the app and the server refuse bad input the same way and nothing else escapes.
 */

/** The only wire-format version this code speaks; a message with another `v` is refused. */
export const PROTOCOL_VERSION = 1;

/** Longest JSON message accepted (bytes of UTF-16 text; QR payloads and HTTP bodies alike). */
export const MAX_MESSAGE_CHARS = 2048;

/** Throws the typed protocol error; `detail` names the field, never a value. */
export function protocolError(code: ErrorCode, detail: string): FaktorError {
  return new FaktorError(code, detail);
}

/** A parsed JSON object whose keys are exactly known (unknown or missing keys are refused). */
export type WireObject = Readonly<Record<string, unknown>>;

/** Parses `text` as one JSON object of at most MAX_MESSAGE_CHARS with exactly `keys`, version first. */
export function readMessage(text: unknown, keys: readonly string[], what: string): WireObject {
  if (typeof text !== 'string') throw protocolError('protocol-malformed', `${what}: not text`);
  if (text.length > MAX_MESSAGE_CHARS) throw protocolError('protocol-oversize', what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw protocolError('protocol-malformed', `${what}: not JSON`);
  }
  return readObject(value, keys, what);
}

/**
 * Serialises one wire message: `v` first, then exactly `keys` in their order. The key lists are the
 * canonical order (the login payload's bytes are hashed into OCRA's S), so one list serves the
 * writer and the strict reader.
 */
export function writeMessage<K extends string>(
  fields: Readonly<Record<K, unknown>>,
  keys: readonly K[],
): string {
  const body: Record<string, unknown> = { v: PROTOCOL_VERSION };
  for (const k of keys) body[k] = fields[k];
  return JSON.stringify(body);
}

/** Checks an already-parsed value (an HTTP body) the same way as readMessage. */
export function readObject(value: unknown, keys: readonly string[], what: string): WireObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw protocolError('protocol-malformed', `${what}: not an object`);
  const obj = value as WireObject;
  if (!Object.prototype.hasOwnProperty.call(obj, 'v'))
    throw protocolError('protocol-malformed', `${what}: v`);
  if (obj.v !== PROTOCOL_VERSION) throw protocolError('protocol-version', `${what}: v`);
  for (const k of Object.keys(obj))
    if (k !== 'v' && !keys.includes(k))
      throw protocolError('protocol-malformed', `${what}: unknown field ${k.slice(0, 32)}`);
  for (const k of keys)
    if (!Object.prototype.hasOwnProperty.call(obj, k))
      throw protocolError('protocol-malformed', `${what}: missing ${k}`);
  return obj;
}

/** A string field matching `pattern` (anchored), at most `max` characters. */
export function str(obj: WireObject, key: string, pattern: RegExp, max: number): string {
  const v = obj[key];
  if (typeof v !== 'string') throw protocolError('protocol-malformed', key);
  if (v.length > max) throw protocolError('protocol-oversize', key);
  if (!pattern.test(v)) throw protocolError('protocol-malformed', key);
  return v;
}

/** A display text field: 1…max characters, no control characters, no surrounding whitespace. */
export function text(obj: WireObject, key: string, max: number): string {
  return str(obj, key, DISPLAY_TEXT, max);
}

/** An integer field in [min, max]. */
export function int(obj: WireObject, key: string, min: number, max: number): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max)
    throw protocolError('protocol-malformed', key);
  return v;
}

/** A field that must be one of `values`. */
export function oneOf<T extends string>(obj: WireObject, key: string, values: readonly T[]): T {
  const v = obj[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
    throw protocolError('protocol-malformed', key);
  return v as T;
}

/** Refuses an expiry (unix seconds) that has passed at `nowMs`. */
export function checkNotExpired(expSeconds: number, nowMs: number, what: string): void {
  if (!Number.isFinite(nowMs)) throw protocolError('protocol-malformed', `${what}: clock`);
  if (expSeconds * 1000 <= nowMs) throw protocolError('protocol-expired', what);
}

/** Printable text without control characters, not starting or ending with whitespace. */
export const DISPLAY_TEXT = /^(?=\S)[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*(?<=\S)$/u;
/** base64url without padding. */
export const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An opaque identifier: an account id, a means id (UUIDs fit). */
export const IDENTIFIER = /^[A-Za-z0-9_-]{1,64}$/;
/** Latest expiry accepted: unix seconds up to the year 2286, far inside safe integers. */
export const MAX_UNIX_SECONDS = 9_999_999_999;

/** Splits `faktor-xxx:<json>` (scheme case-insensitive, surrounding whitespace ignored) into its JSON. */
export function stripScheme(payload: unknown, scheme: string): string {
  if (typeof payload !== 'string') throw protocolError('protocol-malformed', scheme);
  const t = payload.trim();
  if (t.length > MAX_MESSAGE_CHARS + scheme.length)
    throw protocolError('protocol-oversize', scheme);
  if (t.slice(0, scheme.length).toLowerCase() !== scheme)
    throw protocolError('protocol-malformed', scheme);
  return t.slice(scheme.length);
}
