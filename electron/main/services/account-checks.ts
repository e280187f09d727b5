import { FaktorError } from '../../../shared/errors';
import { COLOR_PATTERN, MAX_ICON_CHARS, MAX_TAGS, Tag } from '../../../shared/account';
import { hasUnsafeNameChar } from '../../../shared/text/names';

/**
 * Checks of an account's look (colour, icon) and organising fields (pinned, tags, lastUsed) that every
 * way in shares (vault add/edit, backups, imports); the OTP parameters and names are checked by the
 * vault's checkNewAccount, which calls these.
 */

/** The fields checkLooks reads. */
interface Looks {
  readonly color?: string | null;
  readonly icon?: string | null;
}

/** The fields checkOrganising reads (absent = the default). */
interface Organising {
  readonly pinned?: boolean;
  readonly tags?: readonly string[];
  readonly lastUsed?: number | null;
}

/** Colour #rrggbb and a bounded icon name, else 'invalid-parameter'. */
export function checkLooks(a: Looks): void {
  if (a.color != null && !COLOR_PATTERN.test(a.color))
    throw new FaktorError('invalid-parameter', 'color');
  if (a.icon != null && a.icon.length > MAX_ICON_CHARS)
    throw new FaktorError('invalid-parameter', 'icon');
}

/** Tags within the shared limits and without control characters (blank ones are dropped later); a boolean pin; an integer time. */
export function checkOrganising(a: Organising): void {
  if (a.pinned !== undefined && typeof a.pinned !== 'boolean')
    throw new FaktorError('invalid-parameter', 'pinned');
  if (a.lastUsed != null && !Number.isSafeInteger(a.lastUsed))
    throw new FaktorError('invalid-parameter', 'lastUsed');
  if (a.tags === undefined) return;
  if (a.tags.length > MAX_TAGS)
    throw new FaktorError('invalid-parameter', 'tags', { name: 'tags' });
  for (const tag of a.tags) {
    if (hasUnsafeNameChar(tag))
      throw new FaktorError('unsafe-name', 'tag holds a control character', { name: 'tags' });
    if (tag.trim() !== '' && !Tag.safeParse(tag.trim()).success)
      throw new FaktorError('invalid-parameter', 'tag', { name: 'tags' });
  }
}

/** Tags as stored: trimmed, empty ones dropped, duplicates (case-insensitive) dropped, order kept. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}
