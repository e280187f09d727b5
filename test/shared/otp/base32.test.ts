import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../shared/errors';
import { decodeBase32, encodeBase32 } from '../../../shared/otp/base32';
import { hex, python } from './peers';

describe('decodeBase32', () => {
  it('accepts the dialects of protocols.md §1.4: any case, spaces, full/partial/no padding', () => {
    for (const s of ['JBUQ', 'jbuq', 'JbUq', 'JBUQ====', 'JBUQ==', 'JBUQ=', 'JB UQ', ' JB\tUQ\n']) {
      expect(hex(decodeBase32(s)), s).toBe('4869');
    }
    expect(hex(decodeBase32('JBSWY3DPEHPK3PXP'))).toBe('48656c6c6f21deadbeef');
  });

  it('ignores non-zero trailing bits like pyotp and yubikit (JBUR = JBUQ)', () => {
    expect(hex(decodeBase32('JBUR'))).toBe('4869');
  });

  it.each([
    ['over-padded', 'JBSWY3DPEHPK3PXP======'],
    ['padding on a full group', 'JBSWY3DP========'],
    ['padding past the group', 'JBUQ====='],
    ['impossible length 1', 'J'],
    ['impossible length 3', 'JBU'],
    ['impossible length 6', 'JBSWY3'],
    ['digit outside the alphabet', 'JBU1'],
    ['padding inside', 'JB=UQ'],
    ['empty', ''],
    ['only spaces', '   '],
    ['only padding', '===='],
    ['non-ASCII', 'JBÜQ'],
  ])('rejects %s', (_why, s) => {
    expect(() => decodeBase32(s)).toThrow(expect.objectContaining({ code: 'invalid-secret' }));
  });

  it('agrees with Python base64.b32decode on every length and padding that both accept', () => {
    const inputs = fc
      .sample(
        fc.tuple(
          fc.string({
            unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
            minLength: 1,
            maxLength: 20,
          }),
          fc.nat(8),
        ),
        { seed: 42, numRuns: 200 },
      )
      .map(([body, pad]) => body + '='.repeat(pad));
    const theirs = python<(string | null)[]>(
      `import base64, json, sys
def dec(s):
    try:
        # yubikit's parse_b32_key: complete the padding, then decode strictly
        return base64.b32decode(s + "=" * (-len(s) % 8)).hex()
    except Exception:
        return None
json.dump([dec(s) for s in json.load(sys.stdin)], sys.stdout)`,
      inputs,
    );
    inputs.forEach((s, i) => {
      let ours: string | null;
      try {
        ours = hex(decodeBase32(s));
      } catch (e) {
        if (!isFaktorError(e, 'invalid-secret')) throw e;
        ours = null;
      }
      expect(ours, s).toBe(theirs[i]);
    });
  });
});

describe('encodeBase32', () => {
  it('is canonical: uppercase, unpadded, and round-trips', () => {
    expect(encodeBase32(Uint8Array.from([0x48, 0x69]))).toBe('JBUQ');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = encodeBase32(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        if (bytes.length > 0) expect(decodeBase32(text)).toEqual(bytes);
        if (bytes.length > 0)
          expect(decodeBase32(text.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(bytes);
      }),
    );
  });

  it('decodeBase32 throws only FaktorError on garbage', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: fc.constantFrom(...'AB27=  a8') }),
        ),
        (s) => {
          try {
            decodeBase32(s);
          } catch (e) {
            expect(isFaktorError(e, 'invalid-secret')).toBe(true);
          }
        },
      ),
    );
  });
});
