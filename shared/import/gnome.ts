import { parseAegisDb, readAegisEnvelope } from './aegis';
import { parseJson } from './entry';
import { parseOtpauthList } from './otpauth-list';
import type { ParsedImport } from './types';

/*
 * GNOME Authenticator (World/Authenticator, src/backup/) writes no format of its own: its
 * "Authenticator" backup is an otpauth:// list ("compatible with FreeOTP+", freeotp.rs) and its
 * "Aegis" backup is Aegis JSON with quirks (db version 2, a `group` text instead of `groups`, both
 * `period` and `counter` in every entry, the password slot's type possibly written as "1"; aegis.rs).
 * Both are read by the Aegis and otpauth parsers, which accept these quirks; this file only routes.
 */

/** Parses a plain GNOME Authenticator backup (an encrypted Aegis-flavour one is decrypted first, as Aegis). */
export function parseGnomePlain(text: string): ParsedImport {
  if (text.trimStart().startsWith('{')) {
    const env = readAegisEnvelope(parseJson(text));
    if (env.kind === 'plain') return parseAegisDb(env.db);
  }
  return parseOtpauthList(text);
}
