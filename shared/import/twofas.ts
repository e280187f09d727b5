import {
  account,
  collect,
  damaged,
  int,
  isRecord,
  nameTable,
  organised,
  text,
  unsupported,
} from './entry';
import type { ParsedImport } from './types';

/*
 * 2FAS `.2fas` backup (twofas/2fas-android, schemaVersion 1–4): `{services: [...], groups,
 * schemaVersion, servicesEncrypted?, reference?}`. Encrypted: `servicesEncrypted` is
 * "base64(ciphertext‖tag):base64(salt):base64(iv)", AES-256-GCM under PBKDF2-HMAC-SHA256(10 000
 * iterations); `reference` is a known text encrypted the same way (checks the password).
 */

/** What the envelope says: plain services, or the encrypted parts; `groups` (never encrypted) is the group table. */
export type TwoFasFile =
  | { readonly kind: 'plain'; readonly services: unknown; readonly groups: unknown }
  | {
      readonly kind: 'encrypted';
      readonly services: B64Parts;
      readonly reference: B64Parts | null;
      readonly groups: unknown;
    };

/** The three Base64 parts of an encrypted 2FAS field. */
export interface B64Parts {
  readonly ciphertext: string;
  readonly salt: string;
  readonly iv: string;
}

/** True when the JSON looks like a 2FAS backup (used by format detection). */
export function looksLikeTwoFas(json: unknown): boolean {
  return (
    isRecord(json) &&
    typeof json.schemaVersion === 'number' &&
    ('services' in json || 'servicesEncrypted' in json)
  );
}

const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parts(field: string): B64Parts {
  const p = field.split(':');
  if (p.length !== 3 || !p.every((x) => B64.test(x))) throw damaged('encrypted field malformed');
  return { ciphertext: p[0]!, salt: p[1]!, iv: p[2]! };
}

/** Reads the outer object. */
export function readTwoFasEnvelope(json: unknown): TwoFasFile {
  if (!looksLikeTwoFas(json) || !isRecord(json)) throw damaged('not a 2FAS backup');
  const version = int(json, 'schemaVersion');
  if (version < 1 || version > 4) throw damaged('unsupported 2FAS schema version', { version });
  const enc = json.servicesEncrypted;
  if (typeof enc === 'string' && enc !== '') {
    const ref = json.reference;
    return {
      kind: 'encrypted',
      services: parts(enc),
      reference: typeof ref === 'string' && ref !== '' ? parts(ref) : null,
      groups: json.groups,
    };
  }
  return { kind: 'plain', services: json.services, groups: json.groups };
}

const TOKEN_TYPES = new Set(['TOTP', 'HOTP']);

/** Parses the (decrypted or plain) services array; a service's `groupId` names its group in `groups` (`[{id, name}]`). 2FAS has no favourites. */
export function parseTwoFasServices(services: unknown, groups: unknown = []): ParsedImport {
  if (!Array.isArray(services)) throw damaged('services is not a list');
  const groupNames = nameTable(groups, 'id', 'name');
  return collect(services, (s) => {
    const otp = isRecord(s.otp) ? s.otp : {};
    const tokenType = text(otp, 'tokenType', 'TOTP').toUpperCase();
    // 2FAS keeps the service name in `name` and the issuer in otp.issuer (often equal); the account
    // is otp.account, older versions only had otp.label.
    const issuer = text(otp, 'issuer') || text(s, 'name');
    const label = text(otp, 'account') || text(otp, 'label');
    if (!TOKEN_TYPES.has(tokenType)) return unsupported(tokenType.toLowerCase(), issuer, label);
    const type = tokenType === 'HOTP' ? 'hotp' : 'totp';
    return {
      account: organised(
        account({
          type,
          secret: text(s, 'secret'),
          algorithm: text(otp, 'algorithm', 'SHA1'),
          digits: int(otp, 'digits', 6),
          period: int(otp, 'period', 30),
          counter: int(otp, 'counter', 0),
          issuer,
          label,
        }),
        false,
        [groupNames.get(s.groupId)],
      ),
    };
  });
}
