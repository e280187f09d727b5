import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCbor,
  decodeCborPrefix,
  encodeCbor,
  MAX_CBOR_DEPTH,
  type CborValue,
} from '../../../shared/ctap/cbor';
import { CtapError } from '../../../shared/ctap/errors';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

describe('CTAP2 canonical CBOR', () => {
  it('matches the python-fido2 oracle (length-first key order, major type first)', () => {
    // encode({'up': False, 1: b'x', 'rk': True, 2: 3, -1: 0}) in python-fido2 0.9.1 (protocols.md §3.2)
    const value = new Map<string | number, unknown>([
      ['up', false],
      [1, Uint8Array.of(0x78)],
      ['rk', true],
      [2, 3],
      [-1, 0],
    ]);
    expect(hex(encodeCbor(value as never))).toBe('a50141780203200062726bf5627570f4');
  });

  it('orders text keys by length before bytes (not RFC 8949 bytewise order)', () => {
    expect(hex(encodeCbor({ b: 1, aa: 2 }))).toBe('a2616201626161' + '02');
  });

  it('decodes what it encodes, integer keys staying integers', () => {
    const bytes = encodeCbor(
      new Map<number, CborValue>([
        [1, 'a'],
        [-2, Uint8Array.of(1, 2)],
      ]),
    );
    const back = decodeCbor(bytes) as Map<unknown, unknown>;
    expect(back.get(1)).toBe('a');
    expect(back.get(-2)).toEqual(Uint8Array.of(1, 2));
  });

  it('reads a map entry whose value is undefined as absent (nid-webauthn-emulator sends those)', () => {
    const map = decodeCbor(unhex('a20201' + '05f7')) as Map<number, unknown>;
    expect(map.get(2)).toBe(1);
    expect(map.get(5)).toBeUndefined();
  });

  it('returns the rest after one item', () => {
    const [v, rest] = decodeCborPrefix(unhex('0102'));
    expect(v).toBe(1);
    expect(hex(rest)).toBe('02');
  });

  it.each([
    ['indefinite array', '9f01ff'],
    ['tag', 'c11a514b67b0'],
    ['float', 'fb3ff8000000000000'],
    ['duplicate map key', 'a201010102'],
    ['truncated', '5a00000010'],
    ['trailing bytes', '0101'],
    ['empty', ''],
    ['64-bit integer', '1bffffffffffffffff'],
    ['huge declared array', '9bffffffffffffffff'],
  ])('rejects %s with a CtapError', (_name, input) => {
    expect(() => decodeCbor(unhex(input))).toThrow(CtapError);
  });

  it(`rejects nesting deeper than ${MAX_CBOR_DEPTH} without a stack overflow`, () => {
    const deep = new Uint8Array(5000).fill(0x81);
    expect(() => decodeCbor(deep)).toThrow(/nests too deeply/);
    const ok = new Uint8Array(MAX_CBOR_DEPTH + 1).fill(0x81);
    ok[MAX_CBOR_DEPTH] = 0x01;
    expect(decodeCbor(ok)).toBeDefined();
  });

  it('random bytes give a value or a CtapError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeCbor(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(CtapError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
