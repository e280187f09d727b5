import {
  account,
  collect,
  damaged,
  int,
  isRecord,
  list,
  looseList,
  nameTable,
  organised,
  text,
  unsupported,
} from './entry';
import type { ParsedImport } from './types';

/*
 * Authenticator Pro (jamie-mh/AuthenticatorPro) unencrypted JSON backup: `{Authenticators: [{Type,
 * Issuer, Username, Secret, Algorithm, Digits, Period, Counter, Pin, Icon, Ranking, CopyCount}],
 * Categories, AuthenticatorCategories, CustomIcons}`. Type: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam,
 * 5 Yandex. Algorithm: 0 SHA-1, 1 SHA-256, 2 SHA-512.
 */

/** Header of Authenticator Pro's encrypted backups (legacy "AuthenticatorPro", current "AUTHENTICATORPRO"). */
export const AUTHPRO_ENCRYPTED_HEADER = /^AuthenticatorPro/i;

/** True when the JSON looks like an Authenticator Pro backup (used by format detection). */
export function looksLikeAuthenticatorPro(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.Authenticators);
}

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'hotp',
  2: 'totp',
  3: 'motp',
  4: 'steam',
  5: 'yandex',
};
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'];

/**
 * Parses an unencrypted Authenticator Pro backup. Categories → Faktor groups: `AuthenticatorCategories`
 * links a `CategoryId` (named in `Categories`) to an authenticator by its `AuthenticatorSecret`, in
 * file order. It has no favourites (`Pin` is mOTP's PIN).
 */
export function parseAuthenticatorPro(json: unknown): ParsedImport {
  if (!isRecord(json)) throw damaged('not an Authenticator Pro backup');
  const categoryNames = nameTable(json.Categories, 'Id', 'Name');
  const bySecret = new Map<unknown, unknown[]>();
  for (const link of looseList(json.AuthenticatorCategories)) {
    if (!isRecord(link)) continue;
    bySecret.set(link.AuthenticatorSecret, [
      ...(bySecret.get(link.AuthenticatorSecret) ?? []),
      categoryNames.get(link.CategoryId),
    ]);
  }
  return collect(list(json, 'Authenticators'), (e) => {
    const typeName = TYPE_NAMES[int(e, 'Type')] ?? `type ${int(e, 'Type')}`;
    const issuer = text(e, 'Issuer');
    const label = text(e, 'Username');
    if (typeName !== 'totp' && typeName !== 'hotp') return unsupported(typeName, issuer, label);
    const algorithm = ALGORITHMS[int(e, 'Algorithm', 0)];
    if (algorithm === undefined) throw damaged('Algorithm out of range');
    return {
      account: organised(
        account({
          type: typeName,
          secret: text(e, 'Secret'),
          algorithm,
          digits: int(e, 'Digits', 6),
          period: int(e, 'Period', 30),
          counter: int(e, 'Counter', 0),
          issuer,
          label,
        }),
        false,
        bySecret.get(e.Secret) ?? [],
      ),
    };
  });
}
