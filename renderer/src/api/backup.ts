import type { ImportFormat } from '../../../shared/import/types';
import type { ImportPreview, ImportResult } from '../../../shared/ipc/schemas';
import { bridge, unwrap } from './bridge';

/** Encrypted export to a file main asks the user for. */
export const backupExport = (password: string): Promise<{ count: number; fileName: string }> =>
  unwrap(bridge().backupExport({ password }));
/** Plain otpauth:// list; only called after the warning was confirmed. */
export const backupExportPlain = (): Promise<{ count: number; fileName: string }> =>
  unwrap(bridge().backupExportPlain({ acknowledgedUnencrypted: true }));
/** All-or-nothing import; password null for a plain otpauth list. */
export const backupImport = (password: string | null): Promise<ImportResult> =>
  unwrap(bridge().backupImport({ password }));
/** Decodes another app's export from a file main asks for (or, with retryToken, the file picked before); nothing is written yet. */
export const importPreview = (
  format: ImportFormat | null,
  password: string | null,
  retryToken?: string,
): Promise<ImportPreview> =>
  unwrap(
    bridge().importPreview(
      retryToken === undefined ? { format, password } : { format, password, retryToken },
    ),
  );
/** Commits a previewed import (all or nothing). */
export const importCommit = (token: string): Promise<ImportResult> =>
  unwrap(bridge().importCommit({ token }));
/** Aegis JSON or printable QR sheet; only called after the plain-export warning was confirmed. */
export const exportAs = (
  format: 'aegis-plain' | 'qr-sheet',
): Promise<{ count: number; fileName: string }> =>
  unwrap(bridge().exportAs({ format, acknowledgedUnencrypted: true }));
