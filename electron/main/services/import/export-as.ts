import { FaktorError } from '../../../../shared/errors';
import { encodeBackup, encodePlainList } from '../backup';
import { DEFAULT_KDF, type KdfCost } from '../crypto';
import type { VaultAccount } from '../vault-account';
import { encodeAegisPlain } from './aegis-export';
import { renderQrSheet } from './qr-sheet';

/** Every export format: our encrypted backup, the otpauth list, Aegis plain JSON, the printable QR sheet. */
export const EXPORT_FORMATS = ['faktor', 'otpauth', 'aegis-plain', 'qr-sheet'] as const;
/** One of EXPORT_FORMATS. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export needs besides the accounts. */
export interface ExportOptions {
  readonly nowMs: number;
  /** Required for 'faktor'. */
  readonly password?: string;
  /** Required (true) for every unencrypted format: the caller showed the warning and got consent. */
  readonly acknowledgedUnencrypted?: boolean;
  readonly kdf?: KdfCost;
  readonly lang?: 'de' | 'en';
}

/** The file text and a default file name for it. */
export interface ExportFile {
  readonly text: string;
  readonly fileName: string;
}

/**
 * The one export entry point (IPC handlers and the tester CLI call it). Unencrypted formats refuse
 * without the acknowledgement ('invalid-request'), like the plain export always did.
 */
export async function exportAs(
  format: ExportFormat,
  accounts: readonly VaultAccount[],
  opts: ExportOptions,
): Promise<ExportFile> {
  const date = new Date(opts.nowMs).toISOString().slice(0, 10);
  if (format === 'faktor') {
    if (opts.password === undefined || opts.password.length < 8)
      throw new FaktorError('invalid-request', 'backup password required');
    return {
      text: await encodeBackup(accounts, opts.password, opts.nowMs, opts.kdf ?? DEFAULT_KDF),
      fileName: `faktor-backup-${date}.faktor`,
    };
  }
  if (opts.acknowledgedUnencrypted !== true)
    throw new FaktorError('invalid-request', 'unencrypted export not acknowledged');
  switch (format) {
    case 'otpauth':
      return { text: encodePlainList(accounts), fileName: `faktor-otpauth-${date}.txt` };
    case 'aegis-plain':
      return { text: encodeAegisPlain(accounts), fileName: `faktor-aegis-${date}.json` };
    case 'qr-sheet':
      return {
        text: await renderQrSheet(accounts, opts.nowMs, opts.lang),
        fileName: `faktor-qr-sheet-${date}.html`,
      };
    default:
      throw new FaktorError('invalid-request', 'unknown export format');
  }
}
