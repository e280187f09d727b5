import { isFaktorError } from '../errors';
import { splitLabel } from '../otp/label';
import { parseMigrationUri } from '../otp/migration';
import { parseOtpauthUri } from '../otp/uri';
import type { OtpParams } from '../otp/types';
import { damaged, isRecord, looseList, organised, unsupportedEntry } from './entry';
import type { DroppedEntry, ImportedAccount, ParsedImport } from './types';

/*
 * Plain otpauth:// lists: our own plain export, Ente Auth's plain export, GNOME Authenticator's
 * "Authenticator" backup, FreeOTP+'s URI export. One URI per line; blank lines and '#' comments are
 * ignored; Google's otpauth-migration:// lines are expanded. otpauth://steam|yandex|motp lines are
 * dropped (listed); any other bad line fails the file with its line number.
 */

const FOREIGN_TYPE = /^otpauth:\/\/(steam|yandex|motp|yaotp)\/([^?#]*)/i;

/** True when the text's first meaningful line is an otpauth link (used by format detection). */
export function looksLikeOtpauthList(text: string): boolean {
  const first = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  return first !== undefined && /^otpauth(-migration)?:\/\//i.test(first);
}

/** Parses the list into accounts and dropped lines. */
export function parseOtpauthList(text: string): ParsedImport {
  const accounts: ImportedAccount[] = [];
  const dropped: DroppedEntry[] = [];
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const foreign = FOREIGN_TYPE.exec(line);
    if (foreign) {
      const name = splitLabel(safeDecode(foreign[2]!));
      dropped.push({
        entry: i + 1,
        ...unsupportedEntry(foreign[1]!.toLowerCase(), name.issuer ?? '', name.account),
      });
      return;
    }
    try {
      if (/^otpauth-migration:/i.test(line)) accounts.push(...parseMigrationUri(line).accounts);
      else accounts.push(withEnteDisplay(parseOtpauthUri(line).params, line));
    } catch (e) {
      throw damaged(`line ${i + 1}`, {
        line: i + 1,
        reason: isFaktorError(e) ? e.code : 'invalid-uri',
      });
    }
  });
  if (accounts.length === 0 && dropped.length === 0) throw damaged('no accounts');
  return { accounts, dropped };
}

/**
 * Ente Auth's own `codeDisplay` parameter (percent-encoded JSON of its CodeDisplay: `pinned`, `tags`,
 * `trashed`, `note`, …): `pinned` → pinned, `tags` → groups. It is optional display data, so an
 * unreadable one adds nothing instead of failing the line.
 */
function withEnteDisplay(params: OtpParams, line: string): ImportedAccount {
  const raw = /[?&]codeDisplay=([^&#]*)/.exec(line)?.[1];
  if (raw === undefined) return params;
  try {
    const display: unknown = JSON.parse(decodeURIComponent(raw.replace(/\+/g, ' ')));
    return isRecord(display) ? organised(params, display.pinned, looseList(display.tags)) : params;
  } catch {
    return params;
  }
}

/** Percent-decoding for a dropped line's display name only; undecodable stays raw. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s).slice(0, 200);
  } catch {
    return s.slice(0, 200);
  }
}
