import i18next from 'i18next';
import { qrAddAccount, qrImportMigration } from '../features/scan/scan-api';
import { displayName } from '../store/selectors';
import { loadAccounts } from './accounts';
import { closeDialog } from './dialogs';
import { notify, notifyNamed } from './notify';

/** Adds the scanned account the user confirmed, then reloads the list, says so and closes the dialog; throws for the dialog. */
export async function addScannedAccount(token: string): Promise<void> {
  const account = await qrAddAccount(token);
  await loadAccounts();
  notifyNamed('toast.added', displayName(account));
  closeDialog();
}

/** Imports a complete Google export (its part tokens), reports imported and skipped accounts, closes the dialog; throws for the dialog. */
export async function importScannedBatch(tokens: string[]): Promise<void> {
  const result = await qrImportMigration(tokens);
  await loadAccounts();
  const dup = result.duplicates.map(displayName).join(', ');
  notify(
    i18next.t('scan.imported', { count: result.imported }) +
      (dup ? ` ${i18next.t('scan.skipped', { names: dup })}` : ''),
  );
  closeDialog();
}
