/**
 * Username tags: HMAC-SHA256 of the normalised typed username under a per-install key. The audit log
 * and the throttle counters need to tell attempts on the same name apart, but must not keep the name
 * itself: an erased account's username would survive there (§7). The tag links attempts without
 * revealing the name to anyone reading the log, and it cannot be reversed without the install key.
 */
import { createHmac } from 'node:crypto';

/** Same normalisation as login and the throttle: trimmed, lower-case (usernames are NOCASE). */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** A tagger bound to one install key: 128 bits of HMAC-SHA256, hex. */
export function usernameTagger(key: Buffer): (username: string) => string {
  return (username) =>
    createHmac('sha256', key)
      .update(normaliseUsername(username), 'utf8')
      .digest('hex')
      .slice(0, 32);
}
