import { FaktorError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import type { Ports } from '../ports';
import { decodeBackupText, readChosenBackup, saveExport } from '../services/backup-files';
import type { KdfCost } from '../services/crypto';
import { exportAs, type ExportFormat } from '../services/import/export-as';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/**
 * Backups and exports: the encrypted backup, every unencrypted format, and the backup import. Every
 * unencrypted export needs two yeses: the renderer's warning (`acknowledgedUnencrypted`) and a native
 * question asked here in main, which a compromised renderer cannot answer (issue #7 item 11).
 */
export function createBackupHandlers(deps: {
  vault: Vault;
  ports: Ports;
  kdf: KdfCost;
  language: () => 'de' | 'en';
}): HandlersOf<Extract<Channel, `backup-${string}`> | 'export-as'> {
  const { vault, ports } = deps;
  const exportPlain = async (format: Exclude<ExportFormat, 'faktor'>, acknowledged: boolean) => {
    if (acknowledged !== true)
      throw new FaktorError('invalid-request', 'unencrypted export not acknowledged');
    await vault.list(); // refuse early while locked, before asking anything
    const language = deps.language();
    if (!ports.dialogs.confirmPlainExport || !(await ports.dialogs.confirmPlainExport(language)))
      throw new FaktorError('cancelled', 'plain export not confirmed');
    const nowMs = ports.clock.now();
    return saveExport(ports.dialogs, await vault.exportAccounts(), (accounts) =>
      exportAs(format, accounts, { nowMs, acknowledgedUnencrypted: true, lang: language }),
    );
  };
  return {
    'backup-export': async ({ password }) => {
      const nowMs = ports.clock.now();
      return saveExport(ports.dialogs, await vault.exportAccounts(), (accounts) =>
        exportAs('faktor', accounts, { nowMs, password, kdf: deps.kdf }),
      );
    },
    'backup-export-plain': async ({ acknowledgedUnencrypted }) =>
      exportPlain('otpauth', acknowledgedUnencrypted),
    'export-as': async ({ format, acknowledgedUnencrypted }) =>
      exportPlain(format, acknowledgedUnencrypted),
    'backup-import': async ({ password }) => {
      await vault.list(); // refuse early while locked, before asking for a file
      return vault.importAccounts(
        await decodeBackupText(await readChosenBackup(ports.dialogs), password),
      );
    },
  };
}
