import { FaktorError } from '../../../../shared/errors';
import { otpParamsOf } from '../../../../shared/account';
import { parseAegisDb, readAegisEnvelope } from '../../../../shared/import/aegis';
import { parseAndOtp } from '../../../../shared/import/andotp';
import {
  AUTHPRO_ENCRYPTED_HEADER,
  parseAuthenticatorPro,
} from '../../../../shared/import/authenticator-pro';
import { parseBitwarden } from '../../../../shared/import/bitwarden';
import { detectFormat } from '../../../../shared/import/detect';
import { parseEntePlain, readEnteEnvelope } from '../../../../shared/import/ente';
import { damaged, parseJson } from '../../../../shared/import/entry';
import { parseFreeOtpPlus } from '../../../../shared/import/freeotp-plus';
import { parseOtpauthList } from '../../../../shared/import/otpauth-list';
import { parseTwoFasServices, readTwoFasEnvelope } from '../../../../shared/import/twofas';
import type {
  DroppedEntry,
  ImportedAccount,
  ImportFormat,
  ParsedImport,
} from '../../../../shared/import/types';
import { decodeBackup, MAX_BACKUP_BYTES } from '../backup';
import { NODE_KDF, type KdfPrimitives } from '../crypto';
import type { NewAccount } from '../vault-account';
import { decryptAegis } from './aegis-decrypt';
import { decryptAndOtp } from './andotp-decrypt';
import { decryptAuthenticatorPro } from './authpro-decrypt';
import { decryptEnte } from './ente-decrypt';
import { decryptTwoFas } from './twofas-decrypt';

/** Largest file any importer reads (same bound as our own backups). */
export const MAX_IMPORT_BYTES = MAX_BACKUP_BYTES;

/** A decoded file: its format, the accounts to add and the entries left out. */
export interface ForeignFile {
  readonly format: ImportFormat;
  readonly accounts: NewAccount[];
  readonly dropped: DroppedEntry[];
}

/**
 * Reads any supported file: size check, format (given or detected), decryption where needed, then
 * the pure parser of shared/import/. Throws only FaktorErrors: 'import-unknown-format',
 * 'import-damaged', 'import-unsupported', 'backup-wrong-password' (also for a missing password),
 * and for our own format decodeBackup's codes. `kdf` is injectable so tests can see a refused
 * file never derive.
 */
export async function readForeign(
  bytes: Uint8Array,
  opts: { format?: ImportFormat; password?: string | null },
  kdf: KdfPrimitives = NODE_KDF,
): Promise<ForeignFile> {
  if (bytes.length > MAX_IMPORT_BYTES) throw damaged('too large');
  const text = utf8(bytes);
  const format = opts.format ?? detectFormat(text, bytes);
  const password = (): string => {
    if (opts.password === undefined || opts.password === null || opts.password === '')
      throw new FaktorError('backup-wrong-password', 'password required');
    return opts.password;
  };
  const needText = (): string => {
    if (text === null) throw damaged('not UTF-8 text');
    return text;
  };
  const parsed = async (): Promise<ParsedImport> => {
    switch (format) {
      case 'faktor':
        return { accounts: await decodeBackup(needText(), password(), kdf), dropped: [] };
      case 'otpauth':
        return parseOtpauthList(needText());
      case 'aegis':
      case 'gnome': {
        const t = needText();
        if (format === 'gnome' && !t.trimStart().startsWith('{')) return parseOtpauthList(t);
        const env = readAegisEnvelope(parseJson(t));
        return parseAegisDb(
          env.kind === 'plain' ? env.db : await decryptAegis(env, password(), kdf),
        );
      }
      case '2fas': {
        const env = readTwoFasEnvelope(parseJson(needText()));
        return parseTwoFasServices(
          env.kind === 'plain' ? env.services : await decryptTwoFas(env, password()),
          env.groups,
        );
      }
      case 'ente': {
        const t = needText();
        if (!t.trimStart().startsWith('{')) return parseEntePlain(t);
        return parseEntePlain(await decryptEnte(readEnteEnvelope(parseJson(t)), password(), kdf));
      }
      case 'andotp':
        if (text !== null && text.trimStart().startsWith('[')) return parseAndOtp(parseJson(text));
        return parseAndOtp(await decryptAndOtp(bytes, password()));
      case 'bitwarden':
        return parseBitwarden(parseJson(needText()));
      case 'authenticator-pro':
        if (AUTHPRO_ENCRYPTED_HEADER.test(String.fromCharCode(...bytes.subarray(0, 16))))
          return parseAuthenticatorPro(await decryptAuthenticatorPro(bytes, password(), kdf));
        return parseAuthenticatorPro(parseJson(needText()));
      case 'freeotp-plus':
        return parseFreeOtpPlus(parseJson(needText()));
      default:
        throw new FaktorError('import-unknown-format', 'format not supported');
    }
  };
  const result = await parsed();
  return { format, accounts: result.accounts.map(toNewAccount), dropped: result.dropped };
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Copy of only the fields of the vault's new-account shape: our own backup keeps color and icon; every
 * format keeps a favourite (pinned) and groups (tags) where the parser found them.
 */
function toNewAccount(a: NewAccount | ImportedAccount): NewAccount {
  const base: NewAccount = otpParamsOf(a);
  const looks = 'color' in a || 'icon' in a ? { color: a.color ?? null, icon: a.icon ?? null } : {};
  const organising = {
    ...(a.pinned !== undefined ? { pinned: a.pinned } : {}),
    ...(a.tags !== undefined ? { tags: [...a.tags] } : {}),
  };
  return { ...base, ...looks, ...organising };
}
