/**
 * The placeholder rewrite for PostgreSQL: `?` → `$n` in order, `@name` → one number per name bound
 * from an object, nothing inside literals, quoted identifiers or comments; property-tested.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { pgArguments, toPgPlaceholders } from '../../../server/store/pg-sql';

it('numbers positional and named parameters and leaves quoted text alone', () => {
  expect(
    toPgPlaceholders('SELECT * FROM t WHERE a = ? AND b = \'?\' AND "c?" = ? -- ?\n AND d = ?'),
  ).toEqual({
    text: 'SELECT * FROM t WHERE a = $1 AND b = \'?\' AND "c?" = $2 -- ?\n AND d = $3',
    names: null,
  });
  const named = toPgPlaceholders("INSERT INTO t (a, b, c) VALUES (@a, @b, @a) -- 'x@y'");
  expect(named).toEqual({
    text: "INSERT INTO t (a, b, c) VALUES ($1, $2, $1) -- 'x@y'",
    names: ['a', 'b'],
  });
  expect(pgArguments(named, [{ a: 1, b: 'x', extra: true }])).toEqual([1, 'x']);
  expect(toPgPlaceholders("SELECT 'it''s ? here', ?").text).toBe("SELECT 'it''s ? here', $1");
});

it('refuses what it cannot bind: mixed styles, a missing name, an unterminated literal', () => {
  expect(() => toPgPlaceholders('SELECT ?, @a')).toThrow(/mixes/);
  expect(() => pgArguments(toPgPlaceholders('SELECT @a, @b'), [{ a: 1 }])).toThrow(/@b/);
  expect(() => pgArguments(toPgPlaceholders('SELECT @a'), [1])).toThrow(/object/);
  expect(() => toPgPlaceholders("SELECT 'open")).toThrow(/unterminated/);
});

it('replaces exactly the unquoted ? and keeps every other character (property)', () => {
  const chunk = fc.oneof(
    fc.constantFrom('?', ' ', ',', 'a', '(', ')', '=', '$'),
    fc.string({ unit: fc.constantFrom('x', '?', ' ', '@') }).map((t) => `'${t}'`),
  );
  fc.assert(
    fc.property(fc.array(chunk, { maxLength: 40 }), (parts) => {
      const sql = parts.join('');
      const { text, names } = toPgPlaceholders(sql);
      expect(names).toBeNull();
      const placeholders = parts.filter((p) => p === '?').length;
      let n = 0;
      expect(text).toBe(parts.map((p) => (p === '?' ? `$${++n}` : p)).join(''));
      expect(n).toBe(placeholders);
    }),
  );
});
