/**
 * The one reorder rule of the account list, used by the vault (main) and mirrored by the renderer so
 * both end with the same order: the named items take the given order within the slots they occupy;
 * every other item keeps its place (a filtered view reorders only what it shows).
 */

/** Puts `named` (the new order of some items of `list`) into the slots those items occupy in `list`. */
export function reorderWithin<T>(
  list: readonly T[],
  keyOf: (item: T) => string,
  named: readonly T[],
): T[] {
  const keys = new Set(named.map(keyOf));
  let k = 0;
  return list.map((item) => (keys.has(keyOf(item)) ? named[k++]! : item));
}
