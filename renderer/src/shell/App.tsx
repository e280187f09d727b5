import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { AccountList } from '../features/accounts/AccountList';
import { AddAccountDialog } from '../features/accounts/AddAccountDialog';
import { BackupDialog } from '../features/backup/BackupDialog';
import { EditAccountDialog } from '../features/accounts/EditAccountDialog';
import { ErrorScreen } from '../features/lock/ErrorScreen';
import { LockScreen } from '../features/lock/LockScreen';
import { SearchBar } from '../features/organise/SearchBar';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { Toasts } from '../components/Toasts';
import { Toolbar } from './Toolbar';
import { ScanDialog } from '../features/scan/ScanDialog';
import { ApprovalRequests } from '../features/servicekonto/ApprovalRequests';
import { ServicekontoDialog } from '../features/servicekonto/ServicekontoDialog';
import { ShortcutsDialog } from '../features/shortcuts/ShortcutsDialog';
import { useShortcuts } from '../features/shortcuts/use-shortcuts';
import { DeleteAccountDialog } from '../features/accounts/DeleteAccountDialog';
import { KeysDialog } from '../features/keys/KeysDialog';
import { ListControls } from '../features/organise/ListControls';
import { RenameGroupDialog } from '../features/organise/RenameGroupDialog';

function OpenDialog() {
  const dialog = useStore((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add':
      return <AddAccountDialog {...(dialog.uri ? { initialUri: dialog.uri } : {})} />;
    case 'edit':
      return <EditAccountDialog id={dialog.id} />;
    case 'settings':
      return <SettingsDialog />;
    case 'backup':
      return <BackupDialog {...(dialog.mode ? { mode: dialog.mode } : {})} />;
    case 'scan':
      return <ScanDialog {...(dialog.initial ? { initial: dialog.initial } : {})} />;
    case 'delete':
      return <DeleteAccountDialog id={dialog.id} />;
    case 'shortcuts':
      return <ShortcutsDialog />;
    case 'keys':
      return <KeysDialog />;
    case 'servicekonto':
      return <ServicekontoDialog />;
    case 'rename-group':
      return <RenameGroupDialog name={dialog.name} />;
  }
}

/** Picks the screen from the vault state: loading, error, locked, or the account list. */
export function App() {
  const { t } = useTranslation();
  const state = useStore((s) => s.status?.state ?? null);
  const error = useStore((s) => s.status?.error ?? null);
  let screen;
  if (state === null) screen = <p className="list-status">{t('app.loading')}</p>;
  else if (state === 'error') screen = <ErrorScreen code={error} />;
  else if (state === 'locked') screen = <LockScreen />;
  else screen = <VaultScreen />;
  return (
    <>
      {screen}
      <Toasts />
    </>
  );
}

/** The open vault: toolbar, search, list, the open dialog, and the keyboard shortcuts. */
function VaultScreen() {
  const { t } = useTranslation();
  useShortcuts();
  return (
    <div className="shell">
      <Toolbar />
      <main className="content">
        <ApprovalRequests />
        <h2 className="visually-hidden">{t('list.heading')}</h2>
        <SearchBar />
        <ListControls />
        <AccountList />
      </main>
      <OpenDialog />
    </div>
  );
}
