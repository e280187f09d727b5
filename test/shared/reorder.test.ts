import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reorderWithin } from '../../shared/reorder';
import '../support/fast-check-seed';

/** The one reorder rule shared by the vault and the renderer (drag and drop, move buttons). */
describe('reorderWithin', () => {
  const id = (x: string) => x;
  it('puts the named items in the given order into the slots they occupy; others stay', () => {
    expect(reorderWithin(['a', 'b', 'c', 'd', 'e'], id, ['d', 'b'])).toEqual([
      'a',
      'd',
      'c',
      'b',
      'e',
    ]);
    expect(reorderWithin(['a', 'b', 'c'], id, ['c', 'a', 'b'])).toEqual(['c', 'a', 'b']);
    expect(reorderWithin(['a', 'b'], id, [])).toEqual(['a', 'b']);
  });
  it('is a permutation that fixes every item not named (property)', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.string(), { maxLength: 30 })
          .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list))),
        ([list, named]) => {
          const out = reorderWithin(list, id, named);
          expect([...out].sort()).toEqual([...list].sort());
          const set = new Set(named);
          list.forEach((x, i) =>
            set.has(x) ? expect(set.has(out[i]!)).toBe(true) : expect(out[i]).toBe(x),
          );
          expect(out.filter((x) => set.has(x))).toEqual(named);
        },
      ),
    );
  });
});
