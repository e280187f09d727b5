import { decodeFirst, encode, Tokenizer, Type, type Token } from 'cborg';
import { CtapError, malformed } from './errors';

/** The CBOR values CTAP2 uses: no floats, tags, undefined or indefinite lengths. */
export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | readonly CborValue[]
  | ReadonlyMap<CborValue, CborValue>
  | { readonly [key: string]: CborValue };

/** A decoded CBOR map (device output is always decoded to Maps, so integer keys keep their type). */
export type CborMap = ReadonlyMap<CborValue, CborValue>;

/**
 * CTAP2 canonical encoding (CTAP 2.1 §8: shortest ints, definite lengths, map keys by major type, then
 * length, then bytes — RFC 7049 §3.9, not RFC 8949's bytewise order). cborg's default map sorter is
 * exactly that order; test/shared/ctap/cbor.test.ts proves it against the python-fido2 oracle.
 */
export function encodeCbor(value: CborValue): Uint8Array {
  return encode(value);
}

/** How deep device CBOR may nest; real replies need 4 (authData → COSE key is the deepest). */
export const MAX_CBOR_DEPTH = 16;

/** Largest CBOR input we accept: one CTAPHID message (7609 bytes) minus the status byte. */
export const MAX_CBOR_BYTES = 7608;

/**
 * Wraps cborg's tokenizer to count open containers, so hostile nesting ends in our typed error
 * instead of a stack overflow in the recursive object builder.
 */
class DepthLimitedTokenizer extends Tokenizer {
  private readonly open: number[] = [];

  override next(): Token {
    const token = super.next();
    if (this.open.length > 0) {
      const top = this.open.length - 1;
      this.open[top] = (this.open[top] ?? 1) - 1;
    }
    const isContainer = Type.equals(token.type, Type.array) || Type.equals(token.type, Type.map);
    const children = isContainer
      ? Number(token.value) * (Type.equals(token.type, Type.map) ? 2 : 1)
      : 0;
    if (children > 0) {
      this.open.push(children);
      if (this.open.length > MAX_CBOR_DEPTH) throw malformed('CBOR nests too deeply');
    }
    while (this.open.length > 0 && this.open[this.open.length - 1] === 0) this.open.pop();
    return token;
  }
}

const DECODE_OPTIONS = {
  useMaps: true,
  allowIndefinite: false,
  // `undefined` (simple value 23) is not CTAP, but nid-webauthn-emulator sends it for absent GetInfo
  // fields; decoded as undefined it reads as "absent" through fields.ts, and nowhere as a value.
  allowUndefined: true,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  rejectDuplicateMapKeys: true,
  tags: [],
  // Not `strict` (minimal-length integers): real keys are meant to be canonical but a few older ones are
  // not, and a longer-than-needed integer carries no ambiguity we could be fooled by.
  strict: false,
} as const;

/**
 * Decodes one CBOR item from device input, with bounded size and depth. Returns the value and the
 * bytes after it (authenticator data embeds a COSE key followed by extensions). Throws only CtapError.
 */
export function decodeCborPrefix(bytes: Uint8Array): [CborValue, Uint8Array] {
  if (bytes.length > MAX_CBOR_BYTES)
    throw malformed(`CBOR input of ${bytes.length} bytes is too large`);
  if (bytes.length === 0) throw malformed('CBOR input is empty');
  try {
    const tokenizer = new DepthLimitedTokenizer(bytes, DECODE_OPTIONS);
    const [value, rest] = decodeFirst(bytes, { ...DECODE_OPTIONS, tokenizer }) as [
      CborValue,
      Uint8Array,
    ];
    if (typeof value === 'number' && !Number.isInteger(value))
      throw malformed('floats are not used by CTAP');
    return [value, rest];
  } catch (e) {
    if (e instanceof CtapError) throw e;
    throw malformed(e instanceof Error ? e.message.slice(0, 120) : 'CBOR decode failed');
  }
}

/** Decodes exactly one CBOR item; trailing bytes are an error. Throws only CtapError. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const [value, rest] = decodeCborPrefix(bytes);
  if (rest.length > 0) throw malformed('trailing bytes after CBOR item');
  return value;
}
