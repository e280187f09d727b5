import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CborValue } from '../../../shared/ctap/cbor';
import { encodeCbor } from '../../../shared/ctap/cbor';
import { decodeResponse } from '../../../shared/ctap/commands';
import { CtapError, isCtapError, Status } from '../../../shared/ctap/errors';
import { parseInfo, credMgmtCommand, preferredPinProtocol } from '../../../shared/ctap/info';
import { parseMakeCredential } from '../../../shared/ctap/make-credential';
import { parseAssertion } from '../../../shared/ctap/get-assertion';
import { parseClientPin } from '../../../shared/ctap/client-pin';
import { parseCredential, parseCredsMetadata, parseRp } from '../../../shared/ctap/cred-mgmt';
import { parseAuthenticatorData } from '../../../shared/ctap/auth-data';
import {
  parseApdu,
  parseApduResponse,
  parseU2fAuthentication,
  parseU2fRegistration,
} from '../../../shared/ctap/u2f';

const cbor = (v: CborValue): Uint8Array => encodeCbor(v);
const mapParsers = [
  parseInfo,
  parseMakeCredential,
  parseAssertion,
  parseClientPin,
  parseCredential,
  parseCredsMetadata,
  parseRp,
];
const byteParsers = [
  parseAuthenticatorData,
  parseApdu,
  parseApduResponse,
  parseU2fRegistration,
  parseU2fAuthentication,
];

/** Arbitrary CTAP-shaped CBOR: small int keys, nested maps, byte strings of plausible sizes. */
const value: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: -300, max: 300 }),
    fc.constantFrom('id', 'name', 'public-key', 'packed', 'FIDO_2_1', 'up'),
    fc.boolean(),
    fc.uint8Array({ maxLength: 80 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.integer({ min: -3, max: 20 }),
            fc.constantFrom('id', 'name', 'rk', 'clientPin'),
          ),
          tie('v'),
        ),
        { maxLength: 6 },
      )
      .map((e) => new Map(e)),
  ),
})).v;

describe('CTAP2 reply parsers', () => {
  it('a non-zero status byte is a typed status error', () => {
    expect(() => decodeResponse(Uint8Array.of(Status.PIN_INVALID))).toThrow(CtapError);
    try {
      decodeResponse(Uint8Array.of(0x31));
    } catch (e) {
      expect(isCtapError(e, Status.PIN_INVALID)).toBe(true);
      expect((e as CtapError).code).toBe('key-pin-invalid');
      expect((e as CtapError).params).toEqual({ status: 'PIN_INVALID' });
    }
  });

  it('GetInfo: credMgmt picks 0x0A, preview-only 0x41; protocol 2 preferred', () => {
    const base = new Map<number, CborValue>([
      [1, ['FIDO_2_0', 'FIDO_2_1_PRE']],
      [3, new Uint8Array(16)],
      [6, [1, 2]],
    ]);
    const preview = parseInfo(new Map([...base, [4, new Map([['credentialMgmtPreview', true]])]]));
    expect(credMgmtCommand(preview)).toBe(0x41);
    expect(preferredPinProtocol(preview)).toBe(2);
    const full = parseInfo(
      new Map([
        ...base,
        [
          4,
          new Map([
            ['credMgmt', true],
            ['credentialMgmtPreview', true],
          ]),
        ],
        [6, [1]],
      ]),
    );
    expect(credMgmtCommand(full)).toBe(0x0a);
    expect(preferredPinProtocol(full)).toBe(1);
    expect(() =>
      parseInfo(
        new Map([
          [1, ['FIDO_2_0']],
          [3, new Uint8Array(15)],
        ] as [number, CborValue][]),
      ),
    ).toThrow(CtapError);
  });

  it('authenticatorData with a truncated credential id is malformed', () => {
    const raw = new Uint8Array(37 + 18);
    raw[32] = 0x41;
    raw[37 + 16] = 0x01;
    expect(() => parseAuthenticatorData(raw)).toThrow(CtapError);
  });

  it('random CBOR maps into every map parser give a result or a CtapError', () => {
    fc.assert(
      fc.property(value, (v) => {
        for (const parse of mapParsers) {
          try {
            const bytes = Uint8Array.of(0, ...cbor(v));
            parse(decodeResponse(bytes));
          } catch (e) {
            expect(e).toBeInstanceOf(CtapError);
          }
        }
      }),
      { numRuns: 800 },
    );
  });

  it('random bytes into every byte parser give a result or a CtapError', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 0, max: 255 }),
        (bytes, flags) => {
          if (bytes.length > 32) bytes[32] = flags;
          for (const parse of [...byteParsers, decodeResponse]) {
            try {
              parse(bytes);
            } catch (e) {
              expect(e).toBeInstanceOf(CtapError);
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
