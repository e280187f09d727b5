import { MAX_TAG_CHARS, MAX_TAGS, Tag } from './account';
import { FaktorError } from './errors';
import { hasUnsafeNameChar, stripUnsafeNameChars } from './text/names';

/*
 * Group names (an account's tags, issue #12) given on their own: a group renamed in one place, and the
 * groups, tags and folders other apps' exports carry. The rule is the account editor's group field
 * (shared/account.ts `Tag`, checked by the vault's checkOrganising): trimmed, 1–32 characters, no
 * control or bidi character, and no comma — the editor splits its field on commas, so a name with
 * one could never be edited back.
 */

/** A group name the user typed (rename): trimmed and returned, else 'unsafe-name' / 'invalid-group-name'. */
export function checkGroupName(raw: string): string {
  if (hasUnsafeNameChar(raw))
    throw new FaktorError('unsafe-name', 'group name holds a control character', { name: 'tags' });
  const name = raw.trim();
  if (name.includes(',') || !Tag.safeParse(name).success)
    throw new FaktorError('invalid-group-name', 'group name');
  return name;
}

/**
 * A group name from another app's file as Faktor can keep it, or null when nothing is left: control and
 * bidi characters removed (the file is data, not the user's typing, so the import is not refused over
 * a folder name), commas become spaces, whitespace collapsed, cut to 32 characters (never inside a code point).
 */
export function importedGroupName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const cleaned = stripUnsafeNameChars(raw).replace(/,/g, ' ').replace(/\s+/gu, ' ').trim();
  let cut = '';
  // Whole code points while the stored length (UTF-16 units, what Tag counts) stays within the limit.
  for (const ch of cleaned) {
    if (cut.length + ch.length > MAX_TAG_CHARS) break;
    cut += ch;
  }
  cut = cut.trim();
  return cut === '' ? null : cut;
}

/**
 * One account's groups from another app's file → Faktor tags: each cleaned by importedGroupName, empty
 * ones dropped, each once (case-insensitive, first spelling), in file order, at most MAX_TAGS.
 */
export function importedTags(names: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = importedGroupName(raw);
    if (name === null || seen.has(name.toLocaleLowerCase())) continue;
    seen.add(name.toLocaleLowerCase());
    out.push(name);
    if (out.length === MAX_TAGS) break;
  }
  return out;
}
