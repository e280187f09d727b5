import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { isFaktorError } from '../../../shared/errors';
import { ocraPinHash, ocraResponse } from '../../../shared/ocra/ocra';
import { parseOcraSuite } from '../../../shared/ocra/suite';

// RFC 6287 Appendix C keys: the ASCII seeds of RFC 6238's reference code (protocols.md §1.2/§1.3).
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const K20 = ascii('12345678901234567890');
const K32 = ascii('12345678901234567890123456789012');
const K64 = ascii('1234567890'.repeat(6) + '1234');
const PIN = ocraPinHash('1234', 'SHA1');
const T = BigInt('0x132d0b6');
const digits = (d: number): string => String(d).repeat(8);

describe('RFC 6287 Appendix C', () => {
  it('has the RFC PIN hash for "1234"', () => {
    expect(PIN).toBe('7110eda4d09e062aa5e4a390b0a572ac0d2c0220');
  });

  it('C.1 OCRA-1:HOTP-SHA1-6:QN08', () => {
    const got = Array.from({ length: 10 }, (_, i) =>
      ocraResponse('OCRA-1:HOTP-SHA1-6:QN08', K20, { question: digits(i) }),
    );
    expect(got.join(' ')).toBe(
      '237653 243178 653583 740991 608993 388898 816933 224598 750600 294470',
    );
  });

  it('C.1 OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', () => {
    const got = Array.from({ length: 10 }, (_, c) =>
      ocraResponse('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', K32, {
        question: '12345678',
        counter: c,
        pinHashHex: PIN,
      }),
    );
    expect(got.join(' ')).toBe(
      '65347737 86775851 78192410 71565254 10104329 65983500 70069104 91771096 75011558 08522129',
    );
  });

  it('C.1 OCRA-1:HOTP-SHA256-8:QN08-PSHA1', () => {
    const got = Array.from({ length: 5 }, (_, i) =>
      ocraResponse('OCRA-1:HOTP-SHA256-8:QN08-PSHA1', K32, {
        question: digits(i),
        pinHashHex: PIN,
      }),
    );
    expect(got.join(' ')).toBe('83238735 01501458 17957585 86776967 86807031');
  });

  it('C.1 OCRA-1:HOTP-SHA512-8:C-QN08', () => {
    const got = Array.from({ length: 10 }, (_, i) =>
      ocraResponse('OCRA-1:HOTP-SHA512-8:C-QN08', K64, { question: digits(i), counter: i }),
    );
    expect(got.join(' ')).toBe(
      '07016083 63947962 70123924 25341727 33203315 34205738 44343969 51946085 20403879 31409299',
    );
  });

  it('C.1 OCRA-1:HOTP-SHA512-8:QN08-T1M', () => {
    const got = Array.from({ length: 5 }, (_, i) =>
      ocraResponse('OCRA-1:HOTP-SHA512-8:QN08-T1M', K64, { question: digits(i), timeSteps: T }),
    );
    expect(got.join(' ')).toBe('95209754 55907591 22048402 24218844 36209546');
  });

  it('C.2 mutual challenge-response, server and client', () => {
    // The RFC writes the questions as CLI22220SRV11110…; build them exactly.
    const q = (a: string, b: string, i: number): string => `${a}${i}${b}${i}`;
    const srv = (suite: string, key: Uint8Array, pin?: string): string =>
      Array.from({ length: 5 }, (_, i) =>
        ocraResponse(suite, key, {
          question: q('CLI2222', 'SRV1111', i),
          ...(pin ? { pinHashHex: pin } : {}),
        }),
      ).join(' ');
    const cli = (suite: string, key: Uint8Array, pin?: string): string =>
      Array.from({ length: 5 }, (_, i) =>
        ocraResponse(suite, key, {
          question: q('SRV1111', 'CLI2222', i),
          ...(pin ? { pinHashHex: pin } : {}),
        }),
      ).join(' ');
    expect(srv('OCRA-1:HOTP-SHA256-8:QA08', K32)).toBe(
      '28247970 01984843 65387857 03351211 83412541',
    );
    expect(cli('OCRA-1:HOTP-SHA256-8:QA08', K32)).toBe(
      '15510767 90175646 33777207 95285278 28934924',
    );
    expect(srv('OCRA-1:HOTP-SHA512-8:QA08', K64)).toBe(
      '79496648 76831980 12250499 90856481 12761449',
    );
    expect(cli('OCRA-1:HOTP-SHA512-8:QA08-PSHA1', K64, PIN)).toBe(
      '18806276 70020315 01600026 18951020 32528969',
    );
  });

  it('C.3 plain signature', () => {
    // Q = SIG1 ‖ i ‖ zeros up to the suite's question length.
    const sig = (suite: string, key: Uint8Array, zeros: string, extra: object): string =>
      Array.from({ length: 5 }, (_, i) =>
        ocraResponse(suite, key, { question: `SIG1${i}${zeros}`, ...extra }),
      ).join(' ');
    expect(sig('OCRA-1:HOTP-SHA256-8:QA08', K32, '000', {})).toBe(
      '53095496 04110475 31331128 76028668 46554205',
    );
    expect(sig('OCRA-1:HOTP-SHA512-8:QA10-T1M', K64, '00000', { timeSteps: T })).toBe(
      '77537423 31970405 10235557 95213541 65360607',
    );
  });
});

describe('TiQR vectors (protocols.md §2)', () => {
  it('QH10-S with the 32-byte key', () => {
    expect(
      ocraResponse('OCRA-1:HOTP-SHA1-6:QH10-S', K32, {
        question: '8ab9d15047',
        sessionHex: 'f2fadeb54690d0d71924236f87e090bb',
      }),
    ).toBe('880407');
  });

  it('QN08-S from tiqr OcraTest.php', () => {
    expect(
      ocraResponse('OCRA-1:HOTP-SHA1-6:QN08-S', K20, {
        question: '77777777',
        sessionHex: 'ABCDEFABCDEF',
      }),
    ).toBe('675831');
  });
});

describe('suite parsing', () => {
  it('reads every part of a full suite', () => {
    expect(parseOcraSuite('OCRA-1:HOTP-SHA512-8:C-QA10-PSHA256-S128-T1H')).toEqual({
      text: 'OCRA-1:HOTP-SHA512-8:C-QA10-PSHA256-S128-T1H',
      hash: 'SHA512',
      digits: 8,
      counter: true,
      question: { format: 'A', length: 10 },
      pinHash: 'SHA256',
      sessionLength: 128,
      timeStepSeconds: 3600,
    });
  });

  it.each([
    'OCRA-2:HOTP-SHA1-6:QN08',
    'OCRA-1:HOTP-MD5-6:QN08',
    'OCRA-1:HOTP-SHA1-3:QN08',
    'OCRA-1:HOTP-SHA1-6:QX08',
    'OCRA-1:HOTP-SHA1-6:QN08-T0M',
    'OCRA-1:HOTP-SHA1-6:QN08-Z',
  ])('refuses %s', (suite) => {
    expect(() => parseOcraSuite(suite)).toThrowError(
      expect.objectContaining({ code: 'invalid-parameter' }) as Error,
    );
  });

  it('never throws anything but a FaktorError, for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        try {
          parseOcraSuite(s);
        } catch (e) {
          expect(isFaktorError(e, 'invalid-parameter')).toBe(true);
        }
      }),
    );
  });
});

describe('inputs', () => {
  it('refuses a challenge longer than the 128-byte Q field or in the wrong format', () => {
    const suite = 'OCRA-1:HOTP-SHA256-8:QH40-S064';
    expect(() =>
      ocraResponse(suite, K32, { question: 'a'.repeat(257), sessionHex: '00' }),
    ).toThrowError(/question/);
    expect(() => ocraResponse(suite, K32, { question: 'xyz0', sessionHex: '00' })).toThrowError(
      /question/,
    );
    expect(() =>
      ocraResponse(suite, K32, { question: 'abcd', sessionHex: '0'.repeat(130) }),
    ).toThrowError(/session/);
    expect(() => ocraResponse(suite, K32, { question: 'abcd' })).toThrowError(/session/);
  });

  it('gives a different response for a different key (a wrong PIN gives a wrong code)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (a, b) => {
          fc.pre(a.some((x, i) => x !== b[i]));
          const inputs = { question: '0123456789abcdef0123456789abcdef01234567', sessionHex: 'ff' };
          const ra = ocraResponse('OCRA-1:HOTP-SHA256-0:QH40-S064', a, inputs);
          expect(ra).not.toBe(ocraResponse('OCRA-1:HOTP-SHA256-0:QH40-S064', b, inputs));
        },
      ),
    );
  });
});
