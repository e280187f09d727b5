import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../support/fast-check-seed';
import { Tag } from '../../shared/account';
import { isFaktorError } from '../../shared/errors';
import { checkGroupName, importedGroupName, importedTags } from '../../shared/groups';
import { hasUnsafeNameChar } from '../../shared/text/names';

/** Group names given on their own (rename) and from other apps' files (import), issue #12. */

/** Any text, with controls, bidi marks, commas and astral characters mixed in. */
const anyName = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom(',', ' ', '\u202e', '\u0000', '\u2066', '😀', '\n'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return e.code;
  }
};

describe('checkGroupName (a typed name: refused, never changed beyond trimming)', () => {
  it('trims and accepts a name the editor would store', () => {
    expect(checkGroupName('  Office ')).toBe('Office');
    expect(checkGroupName('x'.repeat(32))).toBe('x'.repeat(32));
  });

  it('refuses control/bidi characters, commas, empty and over-long names with typed codes', () => {
    expect(codeOf(() => checkGroupName('a\u202eb'))).toBe('unsafe-name');
    expect(codeOf(() => checkGroupName('a\nb'))).toBe('unsafe-name');
    for (const bad of ['', '   ', 'a,b', 'x'.repeat(33)])
      expect([bad, codeOf(() => checkGroupName(bad))]).toEqual([bad, 'invalid-group-name']);
  });

  it('property: anything it accepts is a valid stored tag without control characters or commas', () => {
    fc.assert(
      fc.property(anyName, (raw) => {
        const code = codeOf(() => checkGroupName(raw));
        expect(['ok', 'unsafe-name', 'invalid-group-name']).toContain(code);
        if (code !== 'ok') return;
        const name = checkGroupName(raw);
        expect(Tag.safeParse(name).success && !hasUnsafeNameChar(name) && !name.includes(',')).toBe(
          true,
        );
      }),
    );
  });
});

describe("importedGroupName / importedTags (a file's names: cleaned, never refused)", () => {
  it('removes controls, turns commas into spaces, collapses whitespace, cuts to 32 never inside a code point', () => {
    expect(importedGroupName('  a\u0000b\u202Ec,d \n e ')).toBe('abc d e');
    expect(importedGroupName('\u2066\u2069')).toBeNull();
    expect(importedGroupName(42)).toBeNull();
    expect(importedGroupName(`${'x'.repeat(31)}😀`)).toBe('x'.repeat(31)); // 31 + 2 UTF-16 units do not fit
  });

  it('keeps each group once (first spelling), at most 16', () => {
    expect(importedTags(['A', 'a', null, ' ', 'B'])).toEqual(['A', 'B']);
    expect(importedTags(Array.from({ length: 20 }, (_, i) => `g${i}`))).toHaveLength(16);
  });

  it('property: the result is null or a name checkGroupName accepts unchanged', () => {
    fc.assert(
      fc.property(anyName, (raw) => {
        const name = importedGroupName(raw);
        if (name !== null) expect(checkGroupName(name)).toBe(name);
      }),
    );
  });
});
