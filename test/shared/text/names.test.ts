import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../shared/errors';
import { checkName, hasUnsafeNameChar, mixedScripts } from '../../../shared/text/names';

/** Every code point the rule refuses, written out independently of the implementation's regex. */
const UNSAFE: number[] = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];
const unsafeSet = new Set(UNSAFE);

describe('checkName', () => {
  it('refuses each control and bidi control, anywhere in the name', () => {
    for (const cp of UNSAFE) {
      const c = String.fromCodePoint(cp);
      for (const name of [c, `a${c}`, `${c}b`, `a${c}b`]) {
        expect(() => checkName(name, 'label')).toThrow(
          expect.objectContaining({ code: 'unsafe-name', params: { name: 'label' } }),
        );
      }
    }
  });

  it('keeps what real names hold: spaces, accents, RTL letters, emoji with joiners, colons', () => {
    for (const name of [
      '  alice ',
      'Müller & Söhne',
      'שלום',
      'مرحبا',
      '👩‍💻 dev',
      'a:b',
      'GitHub (work)',
      '',
    ]) {
      expect(checkName(name, 'issuer')).toBe(name);
    }
  });

  it('property: refuses exactly the names that contain a listed code point', () => {
    const cp = fc.oneof(fc.integer({ min: 0, max: 0x2fff }), fc.constantFrom(...UNSAFE));
    fc.assert(
      fc.property(fc.array(cp, { maxLength: 12 }), (cps) => {
        const name = cps
          .filter((c) => c < 0xd800 || c > 0xdfff)
          .map((c) => String.fromCodePoint(c))
          .join('');
        const expected = [...name].some((ch) => unsafeSet.has(ch.codePointAt(0)!));
        expect(hasUnsafeNameChar(name)).toBe(expected);
        try {
          expect(checkName(name, 'issuer')).toBe(name);
          expect(expected).toBe(false);
        } catch (e) {
          expect(isFaktorError(e, 'unsafe-name')).toBe(true);
          expect(expected).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mixedScripts', () => {
  it('flags Latin mixed with Cyrillic or Greek look-alikes, not single-script names', () => {
    expect(mixedScripts('p\u0430ypal.com')).toEqual(['Latin', 'Cyrillic']); // Cyrillic а
    expect(mixedScripts('G\u03bfogle')).toEqual(['Latin', 'Greek']); // Greek ο
    expect(mixedScripts('paypal.com')).toEqual([]);
    expect(mixedScripts('Сбербанк')).toEqual([]);
    expect(mixedScripts('Ελληνικά 123')).toEqual([]);
    expect(mixedScripts('Müller')).toEqual([]);
    expect(mixedScripts('')).toEqual([]);
  });

  it('property: a Latin letter plus a Cyrillic letter anywhere is always flagged', () => {
    const latin = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöü');
    const cyrillic = fc.integer({ min: 0x0430, max: 0x044f }).map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(
        fc.string({ maxLength: 8 }),
        latin,
        cyrillic,
        fc.boolean(),
        (rest, l, c, order) => {
          expect(mixedScripts(order ? `${l}${rest}${c}` : `${c}${rest}${l}`)).toEqual(
            expect.arrayContaining(['Latin', 'Cyrillic']),
          );
        },
      ),
    );
  });
});
