import type { ImportResult } from '../../../shared/ipc/schemas';
import { bridge, unwrap } from './bridge';

/** Encrypted export to a file main asks the user for. */
export const backupExport = (password: string): Promise<{ count: number; fileName: string }> =>
  unwrap(bridge().backupExport({ password }));
/** Plain otpauth:// list; only called after the warning was confirmed. */
export const backupExportPlain = (): Promise<{ count: number; fileName: string }> =>
  unwrap(bridge().backupExportPlain({ acknowledgedUnencrypted: true }));
/** All-or-nothing import; password null for a plain otpauth list. */
export const backupImport = (password: string | null): Promise<ImportResult> => unwrap(bridge().backupImport({ password }));
