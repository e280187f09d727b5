/**
 * Input rules every entry point gets (JSON API, HTML pages, a future OIDC front end): the services
 * call these before acting, so a route's JSON schema is a first fence, never the only one.
 * Passwords follow NIST SP 800-63B §3.1.1.2 / ASVS 6.2: at least 8 characters, at most 128, checked
 * against a list of common passwords shipped with the server (server/data/common-passwords.txt, MIT,
 * see its LICENSE file), no composition rules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServiceError } from './errors';

/** Shortest accepted password, in characters (code points). */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest accepted password (ASVS 6.2.9 accepts ≥ 64). */
export const MAX_PASSWORD_LENGTH = 128;

const LIST_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'data',
  'common-passwords.txt',
);
let common: ReadonlySet<string> | undefined;

/** The shipped list of common passwords, lower-cased (read once; no network at run time). */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(LIST_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

/** C0/C1 controls, bidi controls and other invisible format characters (U+202E turns "nimda" into "admin"). */
const CONTROL_OR_BIDI = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

function invalid(field: string, reason: string): ServiceError {
  return new ServiceError('validation', { field, reason });
}

/** A password or block password: 8–128 characters and not on the common list; `field` names it in the error. */
export function checkPassword(password: string, field: 'password' | 'blockPassword'): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw invalid(field, 'too-short');
  if (length > MAX_PASSWORD_LENGTH) throw invalid(field, 'too-long');
  if (commonPasswords().has(password.toLowerCase())) throw invalid(field, 'too-common');
}

/** A new username: trimmed, 3–64 characters, no control, bidi or invisible format characters. Returns it trimmed. */
export function checkUsername(username: string): string {
  const name = username.trim();
  const length = [...name].length;
  if (length < 3 || length > 64) throw invalid('username', 'length');
  if (CONTROL_OR_BIDI.test(name)) throw invalid('username', 'control-character');
  return name;
}

/**
 * A phone number for SMS codes, E.164-like: '+', country code not starting with 0, 7–15 digits in all;
 * spaces, dots, dashes and slashes between digits are allowed on input. Returns the compact form (+4915123…).
 */
export function checkPhoneNumber(phone: string | undefined): string {
  if (phone === undefined || phone.trim() === '') throw invalid('phone', 'required');
  const compact = phone
    .trim()
    .replace(/(?<=\d)[ .\-/](?=\d)/g, '')
    .replace(/^\+ /, '+');
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) throw invalid('phone', 'format');
  return compact;
}

/** A means label the user chose: at most 64 characters, no control or bidi characters. Returns it trimmed (null when empty). */
export function checkLabel(label: string): string | null {
  const l = label.trim();
  if ([...l].length > 64) throw invalid('label', 'length');
  if (CONTROL_OR_BIDI.test(l)) throw invalid('label', 'control-character');
  return l === '' ? null : l;
}
