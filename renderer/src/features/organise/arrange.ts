import type { AccountView, Settings } from '../../../../shared/ipc/schemas';

/**
 * Which accounts the list shows, and in what order (issue #12): the search and the group (tag) filter
 * narrow the list; pinned accounts come first; within pinned and unpinned the chosen sort applies
 * (manual = the vault's order, name, or most recently copied first). Pure, so it is unit-tested.
 */

/** What the arrangement depends on besides the accounts. */
export interface ArrangeOptions {
  readonly query: string;
  /** Only accounts carrying this tag (compared case-insensitively); null = every account. */
  readonly tag: string | null;
  readonly sort: Settings['sortOrder'];
  /** Collation locale for "by name" (the UI language). */
  readonly locale: string;
}

/** Sort key of "by name": what the row shows first, then the account name. */
function nameKey(a: AccountView): [string, string] {
  return [a.issuer || a.label, a.issuer ? a.label : ''];
}

/** Whether an account matches the search text (issuer, label or a tag) and the group filter. */
export function matches(a: AccountView, q: string, tag: string | null): boolean {
  if (tag !== null && !a.tags.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase()))
    return false;
  if (q === '') return true;
  return (
    a.issuer.toLocaleLowerCase().includes(q) ||
    a.label.toLocaleLowerCase().includes(q) ||
    a.tags.some((t) => t.toLocaleLowerCase().includes(q))
  );
}

/** The ids to show, in display order. `order` is the vault's (manual) order. */
export function arrangeIds(
  order: readonly string[],
  byId: Readonly<Record<string, AccountView>>,
  o: ArrangeOptions,
): string[] {
  const q = o.query.trim().toLocaleLowerCase();
  const shown: AccountView[] = [];
  for (const id of order) {
    const a = byId[id];
    if (a !== undefined && matches(a, q, o.tag)) shown.push(a);
  }
  const collator = new Intl.Collator(o.locale, { sensitivity: 'base', numeric: true });
  const rank = new Map(shown.map((a, i) => [a.id, i]));
  const byManual = (x: AccountView, y: AccountView): number => rank.get(x.id)! - rank.get(y.id)!;
  const within = (x: AccountView, y: AccountView): number => {
    if (o.sort === 'name') {
      const [x1, x2] = nameKey(x);
      const [y1, y2] = nameKey(y);
      return collator.compare(x1, y1) || collator.compare(x2, y2) || byManual(x, y);
    }
    if (o.sort === 'recent')
      return (y.lastUsed ?? -Infinity) - (x.lastUsed ?? -Infinity) || byManual(x, y);
    return byManual(x, y);
  };
  // Array#sort is stable; ties fall back to the manual order explicitly anyway.
  return shown.sort((x, y) => Number(y.pinned) - Number(x.pinned) || within(x, y)).map((a) => a.id);
}

/** Every tag in use, once each (first spelling wins), sorted for the filter menu. */
export function allTags(accounts: Iterable<AccountView>, locale: string): string[] {
  const seen = new Map<string, string>();
  for (const a of accounts)
    for (const t of a.tags)
      if (!seen.has(t.toLocaleLowerCase())) seen.set(t.toLocaleLowerCase(), t);
  return [...seen.values()].sort(new Intl.Collator(locale, { sensitivity: 'base' }).compare);
}

/**
 * The neighbour a keyboard move swaps with: the next shown account in the given direction within the
 * same pin group (a pinned account never moves below an unpinned one, or the other way round), or null.
 */
export function moveTarget(
  visible: readonly string[],
  byId: Readonly<Record<string, AccountView>>,
  id: string,
  delta: -1 | 1,
): string | null {
  const at = visible.indexOf(id);
  const other = at < 0 ? undefined : visible[at + delta];
  if (other === undefined) return null;
  return byId[other]?.pinned === byId[id]?.pinned ? other : null;
}

/**
 * Where a dragged account lands when dropped on `overId`: the drop index clamped to the account's own
 * pin group (pinned accounts stay above the others), or null when nothing moves.
 */
export function dropIndex(
  visible: readonly string[],
  byId: Readonly<Record<string, AccountView>>,
  id: string,
  overId: string,
): number | null {
  const from = visible.indexOf(id);
  let to = visible.indexOf(overId);
  if (from < 0 || to < 0) return null;
  const step = to > from ? -1 : 1;
  while (to !== from && byId[visible[to]!]?.pinned !== byId[id]?.pinned) to += step;
  return to === from ? null : to;
}

/**
 * What a drop sends to main (accounts-reorder): the shown accounts between the old and the new place,
 * in their new order. The vault puts exactly these into the slots they occupy, so accounts hidden by a
 * group filter keep their places, as with the move buttons. Null when nothing moves.
 */
export function dropSlice(
  visible: readonly string[],
  byId: Readonly<Record<string, AccountView>>,
  id: string,
  overId: string,
): string[] | null {
  const to = dropIndex(visible, byId, id, overId);
  if (to === null) return null;
  const from = visible.indexOf(id);
  const [lo, hi] = from < to ? [from, to] : [to, from];
  const slice = visible.slice(lo, hi + 1).filter((x) => x !== id);
  slice.splice(to - lo, 0, id);
  return slice;
}
