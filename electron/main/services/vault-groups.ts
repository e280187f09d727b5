import { FaktorError } from '../../../shared/errors';
import { checkGroupName } from '../../../shared/groups';
import { normaliseTags } from './account-checks';
import type { VaultAccount } from './vault-account';

/*
 * Groups (an account's tags) changed in one place, issue #12: the pure rules the vault (vault.ts)
 * applies in ONE serialized, atomic write. A group is matched case-insensitively, like the list's
 * group filter; each changed account's previous tags are kept so the change can be undone.
 */

/** One group in use: its first spelling in display order and how many accounts carry it. */
export interface GroupInfo {
  readonly name: string;
  readonly count: number;
}

/** What a bulk group change keeps for its undo: each changed account's tags before and after the change. */
export interface GroupUndo {
  readonly tagsBefore: ReadonlyMap<string, readonly string[]>;
  readonly tagsAfter: ReadonlyMap<string, readonly string[]>;
}

/** The accounts after a group change, and what undoes it. */
export interface GroupChange {
  readonly accounts: VaultAccount[];
  readonly undo: GroupUndo;
}

const key = (tag: string): string => tag.toLocaleLowerCase();

/** Every group in use, once each (first spelling in display order wins), in that order. */
export function groupsOf(accounts: readonly VaultAccount[]): GroupInfo[] {
  const found = new Map<string, { name: string; count: number }>();
  for (const a of accounts) {
    for (const tag of a.tags) {
      const g = found.get(key(tag));
      if (g) g.count++;
      else found.set(key(tag), { name: tag, count: 1 });
    }
  }
  return [...found.values()];
}

/** Applies `edit` to the tags of every account carrying `group` ('group-not-found' when none does). */
function changeGroup(
  accounts: readonly VaultAccount[],
  group: string,
  edit: (tags: readonly string[]) => string[],
): GroupChange {
  const k = key(group.trim());
  const tagsBefore = new Map<string, readonly string[]>();
  const tagsAfter = new Map<string, readonly string[]>();
  const next = accounts.map((a) => {
    if (!a.tags.some((t) => key(t) === k)) return a;
    const tags = normaliseTags(edit(a.tags));
    tagsBefore.set(a.id, a.tags);
    tagsAfter.set(a.id, tags);
    return { ...a, tags };
  });
  if (tagsBefore.size === 0)
    throw new FaktorError('group-not-found', 'no account carries this group');
  return { accounts: next, undo: { tagsBefore, tagsAfter } };
}

/**
 * Renames a group on every account that carries it, in place (an account already in the target group
 * keeps it once, spelled the new way). `to` follows the editor's rule (shared/groups.ts); a change of case only is a rename.
 */
export function renamedGroup(
  accounts: readonly VaultAccount[],
  from: string,
  to: string,
): GroupChange {
  const name = checkGroupName(to);
  const k = key(from.trim());
  // The target's spelling wins where an account already had it; normaliseTags then keeps it once.
  return changeGroup(accounts, from, (tags) =>
    tags.map((t) => (key(t) === k || key(t) === key(name) ? name : t)),
  );
}

/** Removes a group from every account that carries it; the accounts stay. */
export function dissolvedGroup(accounts: readonly VaultAccount[], group: string): GroupChange {
  const k = key(group.trim());
  return changeGroup(accounts, group, (tags) => tags.filter((t) => key(t) !== k));
}

/**
 * The accounts with the tags an undo kept put back, and how many. Accounts deleted since, or whose
 * groups were edited since, are left as they are now (the later edit wins).
 */
export function undoneGroupChange(
  accounts: readonly VaultAccount[],
  undo: GroupUndo,
): { accounts: VaultAccount[]; restored: number } {
  let restored = 0;
  const next = accounts.map((a) => {
    const before = undo.tagsBefore.get(a.id);
    const after = undo.tagsAfter.get(a.id);
    if (before === undefined || after === undefined || !sameTags(a.tags, after)) return a;
    restored++;
    return { ...a, tags: [...before] };
  });
  return { accounts: next, restored };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
