import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { FaktorError } from '../../../shared/errors';
import type { FileDialogs } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { decodeBackup, looksEncrypted, MAX_BACKUP_BYTES, parsePlainList } from './backup';
import type { ExportFile } from './import/export-as';
import type { NewAccount, VaultAccount } from './vault-account';

/** What an export reports: how many accounts went into which file (the name only, never the path). */
export interface SavedExport {
  readonly count: number;
  readonly fileName: string;
}

/**
 * The one way an export reaches the disk: render, ask where, write atomically. The exported secrets
 * are zeroed afterwards whatever happened (cancel, write error), so no handler has to remember it.
 */
export async function saveExport(
  dialogs: FileDialogs,
  accounts: VaultAccount[],
  render: (accounts: readonly VaultAccount[]) => Promise<ExportFile>,
): Promise<SavedExport> {
  try {
    const out = await render(accounts);
    const path = await dialogs.chooseSaveFile(out.fileName);
    if (path === null) throw new FaktorError('cancelled');
    await writeFileAtomic(path, out.text);
    return { count: accounts.length, fileName: basename(path) };
  } finally {
    for (const a of accounts) a.secret.fill(0);
  }
}

/** Asks for a Faktor backup or otpauth:// list and reads it (bounded: a backup is never 16 MiB). */
export async function readChosenBackup(dialogs: FileDialogs): Promise<string> {
  const path = await dialogs.chooseOpenFile([
    { name: 'Faktor backup', extensions: ['faktor', 'json'] },
    { name: 'otpauth:// list', extensions: ['txt'] },
  ]);
  if (path === null) throw new FaktorError('cancelled');
  if ((await stat(path)).size > MAX_BACKUP_BYTES)
    throw new FaktorError('invalid-backup', 'too large');
  return readFile(path, 'utf8');
}

/** Decodes what readChosenBackup read: an encrypted backup needs its password, a plain list none. */
export async function decodeBackupText(
  text: string,
  password: string | null,
): Promise<NewAccount[]> {
  if (!looksEncrypted(text)) return parsePlainList(text);
  if (password === null || password === '')
    throw new FaktorError('backup-wrong-password', 'password required');
  return decodeBackup(text, password);
}
