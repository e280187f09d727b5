import type { CborMap, CborValue } from './cbor';
import { malformed } from './errors';

// Typed readers for decoded device CBOR: each names the field it reads so a malformed reply says
// which part was wrong, and each throws only CtapError.

/** The value as a CBOR map, or a malformed error naming `what`. */
export function asMap(value: CborValue | undefined, what: string): CborMap {
  if (!(value instanceof Map)) throw malformed(`${what} is not a map`);
  return value;
}

/** The value as an array, or a malformed error. */
export function asArray(value: CborValue | undefined, what: string): readonly CborValue[] {
  if (!Array.isArray(value)) throw malformed(`${what} is not an array`);
  return value as readonly CborValue[];
}

/** The value as a byte string, or a malformed error. */
export function asBytes(value: CborValue | undefined, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${what} is not a byte string`);
  return value;
}

/** The value as a text string, or a malformed error. */
export function asText(value: CborValue | undefined, what: string): string {
  if (typeof value !== 'string') throw malformed(`${what} is not a text string`);
  return value;
}

/** The value as a safe integer, or a malformed error. */
export function asInt(value: CborValue | undefined, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw malformed(`${what} is not an integer`);
  return value;
}

/** The value as a boolean, or a malformed error. */
export function asBool(value: CborValue | undefined, what: string): boolean {
  if (typeof value !== 'boolean') throw malformed(`${what} is not a boolean`);
  return value;
}

/** Reads an optional field through `read`; absent means undefined. */
export function optional<T>(
  map: CborMap,
  key: CborValue,
  read: (v: CborValue, what: string) => T,
  what: string,
): T | undefined {
  const value = map.get(key);
  return value === undefined ? undefined : read(value, what);
}

/** Reads a required field through `read`; absent is a malformed error. */
export function required<T>(
  map: CborMap,
  key: CborValue,
  read: (v: CborValue, what: string) => T,
  what: string,
): T {
  const value = map.get(key);
  if (value === undefined) throw malformed(`${what} is missing`);
  return read(value, what);
}

/** A text-keyed map of booleans (GetInfo options) as a plain record. */
export function asBoolRecord(value: CborValue, what: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [k, v] of asMap(value, what))
    out[asText(k, `${what} key`)] = asBool(v, `${what}.${String(k)}`);
  return out;
}
