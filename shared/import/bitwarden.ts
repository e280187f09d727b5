import { FaktorError } from '../errors';
import { parseOtpauthUri } from '../otp/uri';
import {
  account,
  collect,
  damaged,
  isRecord,
  list,
  nameTable,
  organised,
  text,
  unsupported,
  type Converted,
} from './entry';
import type { ParsedImport } from './types';

/*
 * Bitwarden unencrypted JSON export (`{encrypted: false, folders, items}`): items of type 1 (login)
 * may carry `login.totp`, which is an otpauth:// URI, a bare Base32 secret (Bitwarden then uses
 * TOTP/SHA-1/6 digits/30 s) or `steam://<secret>`. Logins without `totp` are passwords only and are
 * skipped without a listing (a password vault holds hundreds of them).
 */

/** True when the JSON looks like a Bitwarden export (used by format detection). */
export function looksLikeBitwarden(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if (json.encrypted === true && typeof json.encKeyValidation_DO_NOT_EDIT === 'string') return true; // password-protected export
  return (
    Array.isArray(json.items) && ('encrypted' in json || 'folders' in json || 'collections' in json)
  );
}

/** Parses an unencrypted Bitwarden JSON export; a password-protected one is 'import-unsupported'. */
export function parseBitwarden(json: unknown): ParsedImport {
  if (!isRecord(json)) throw damaged('not a Bitwarden export');
  if (json.encrypted === true)
    throw new FaktorError('import-unsupported', 'password-protected Bitwarden export');
  const withTotp = list(json, 'items').filter(
    (i) =>
      isRecord(i) &&
      isRecord(i.login) &&
      typeof i.login.totp === 'string' &&
      i.login.totp.trim() !== '',
  );
  if (withTotp.length === 0) throw damaged('no accounts');
  const folders = nameTable(json.folders, 'id', 'name');
  return collect(withTotp, (item) => {
    const c = convert(item, item.login as Record<string, unknown>);
    // An item's `favorite` → pinned, its folder (`folderId`, named in `folders`) → its Faktor group.
    return 'account' in c
      ? { account: organised(c.account, item.favorite, [folders.get(item.folderId)]) }
      : c;
  });
}

function convert(item: Record<string, unknown>, login: Record<string, unknown>): Converted {
  const totp = text(login, 'totp').trim();
  const issuer = text(item, 'name');
  const label = text(login, 'username');
  if (/^steam:\/\//i.test(totp)) return unsupported('steam', issuer, label);
  if (/^otpauth:\/\//i.test(totp)) {
    const params = parseOtpauthUri(totp).params;
    // A URI without a label: fall back to the Bitwarden item's own names.
    return {
      account: {
        ...params,
        issuer: params.issuer || issuer.trim(),
        label: params.label || label.trim(),
      },
    };
  }
  return {
    account: account({
      type: 'totp',
      secret: totp,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer,
      label,
    }),
  };
}
