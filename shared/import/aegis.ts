import { z } from 'zod';
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
 * Aegis vault export (beemdevelopment/Aegis docs/vault.md): `{version: 1, header: {slots, params},
 * db}`. Plain: header.slots/params null and db an object. Encrypted: db is Base64 AES-256-GCM
 * ciphertext under a random master key, which each slot wraps; password slots (type 1) derive their
 * wrapping key with scrypt(n, r, p, salt). Field mapping and what is dropped: docs/import-formats.md.
 */

const HEX = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`));
const GcmParams = z.object({ nonce: HEX(12), tag: HEX(16) });
const PasswordSlot = z.object({
  // GNOME Authenticator writes the slot type as a string ("1"); Aegis as a number.
  type: z.union([z.literal(1), z.literal('1')]),
  key: HEX(32),
  key_params: GcmParams,
  n: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string().regex(/^(?:[0-9a-fA-F]{2}){16,64}$/),
});

/** A password slot: scrypt parameters and the wrapped master key (all hex, as in the file). */
export type AegisPasswordSlot = z.infer<typeof PasswordSlot>;

/** What the envelope says: plain content, or what decryption needs. */
export type AegisFile =
  | { readonly kind: 'plain'; readonly db: unknown }
  | {
      readonly kind: 'encrypted';
      readonly slots: AegisPasswordSlot[];
      readonly nonce: string;
      readonly tag: string;
      readonly db: string;
    };

/** True when the JSON looks like an Aegis vault (used by format detection). */
export function looksLikeAegis(json: unknown): boolean {
  return isRecord(json) && isRecord(json.header) && 'db' in json && 'version' in json;
}

/** Reads the outer envelope; throws import-damaged / import-unsupported on anything else. */
export function readAegisEnvelope(json: unknown): AegisFile {
  if (!looksLikeAegis(json) || !isRecord(json)) throw damaged('not an Aegis vault');
  if (json.version !== 1) throw damaged('unsupported Aegis vault version');
  const header = json.header as Record<string, unknown>;
  if (isRecord(json.db)) return { kind: 'plain', db: json.db };
  if (typeof json.db !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(json.db))
    throw damaged('db is neither an object nor Base64');
  const params = GcmParams.safeParse(header.params);
  if (!params.success || !Array.isArray(header.slots)) throw damaged('encrypted header malformed');
  const slots = header.slots.flatMap((s) => {
    const parsed = PasswordSlot.safeParse(s);
    return parsed.success ? [parsed.data] : [];
  });
  // Only biometric (Android Keystore) or raw slots: nothing a password can open.
  if (slots.length === 0) throw damaged('no password slot');
  return { kind: 'encrypted', slots, nonce: params.data.nonce, tag: params.data.tag, db: json.db };
}

const TYPES = new Set(['totp', 'hotp']);

/**
 * Parses the (decrypted or plain) `db` object: `{version, entries: [...], groups?}`. An entry's
 * `favorite` → pinned; its groups → Faktor groups: v3 `groups` (uuids, named in `db.groups`; an
 * unknown uuid is skipped), v2 `group` (the name itself).
 */
export function parseAegisDb(db: unknown): ParsedImport {
  if (!isRecord(db)) throw damaged('db is not an object');
  const version = int(db, 'version');
  if (version < 1 || version > 3) throw damaged('unsupported Aegis content version', { version });
  const groupNames = nameTable(db.groups, 'uuid', 'name');
  const groupsOf = (e: Record<string, unknown>): unknown[] => [
    ...looseList(e.groups).map((uuid) => groupNames.get(uuid)),
    e.group,
  ];
  return collect(list(db, 'entries'), (e) => {
    const type = text(e, 'type').toLowerCase();
    const issuer = text(e, 'issuer');
    const label = text(e, 'name');
    if (!TYPES.has(type)) return unsupported(type, issuer, label);
    const info = e.info;
    if (!isRecord(info)) throw damaged('info missing');
    return {
      account: organised(
        account({
          type: type as 'totp' | 'hotp',
          secret: text(info, 'secret'),
          algorithm: text(info, 'algo', 'SHA1'),
          digits: int(info, 'digits', 6),
          period: type === 'totp' ? int(info, 'period', 30) : 30,
          counter: type === 'hotp' ? int(info, 'counter', 0) : 0,
          issuer,
          label,
        }),
        e.favorite,
        groupsOf(e),
      ),
    };
  });
}
