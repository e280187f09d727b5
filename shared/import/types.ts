import type { OtpParams } from '../otp/types';

/*
 * The normalized result every foreign-format parser returns (docs/import-formats.md). Parsers are
 * pure: they see decrypted/plain JSON or text, never a password; decryption lives in the main
 * process (electron/main/services/import/).
 */

/** Every file format the importer reads; `faktor` is our own encrypted backup. */
export const IMPORT_FORMATS = [
  'faktor',
  'otpauth',
  'aegis',
  '2fas',
  'ente',
  'andotp',
  'bitwarden',
  'authenticator-pro',
  'freeotp-plus',
  'gnome',
] as const;

/** One of IMPORT_FORMATS. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Why an entry of an otherwise good file was left out (shown in the preview, nothing else happens):
 * - 'unsupported-type': Steam, Yandex, mOTP, … — codes Faktor cannot compute; importing them would
 *   show wrong codes.
 */
export type DropReason = 'unsupported-type';

/** An entry left out of the import, named so the user can recognize it. */
export interface DroppedEntry {
  /** 1-based position in the file. */
  readonly entry: number;
  readonly issuer: string;
  readonly label: string;
  readonly reason: DropReason;
  /** The foreign type name for 'unsupported-type' (e.g. "steam"), else ''. */
  readonly detail: string;
}

/**
 * One account a parser found: its OTP fields, and where the other app had them, its favourite mark
 * (→ pinned) and its groups, tags, folders or categories (→ Faktor's groups, cleaned by
 * shared/groups.ts importedTags). Mapping per format: docs/import-formats.md.
 */
export type ImportedAccount = OtpParams & {
  readonly pinned?: boolean;
  readonly tags?: readonly string[];
};

/** What a parser hands back: accounts in the vault's new-account shape, plus what it left out. */
export interface ParsedImport {
  readonly accounts: ImportedAccount[];
  readonly dropped: DroppedEntry[];
}
