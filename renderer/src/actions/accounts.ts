import i18next from 'i18next';
import type { AccountPatch, AccountView, ManualAccount } from '../../../shared/ipc/schemas';
import {
  accountsAddManual,
  accountsAddUri,
  accountsDelete,
  accountsList,
  accountsReorder,
  accountsRestore,
  accountsUpdate,
} from '../api/accounts';
import { useStore } from '../store';
import { displayName } from '../store/selectors';
import { refreshCodes } from './codes';
import { notify, notifyError } from './notify';

/** Marks the instant list data arrived, for the bench (a no-op for users). */
function markDataAvailable(): void {
  performance.mark('faktor:list-data');
}

/** Loads the list and its codes from main. */
export async function loadAccounts(): Promise<void> {
  try {
    const accounts = await accountsList();
    markDataAvailable();
    useStore.getState().setAccounts(accounts);
    await refreshCodes();
  } catch (e) {
    notifyError(e);
  }
}

/** Adds from a link; throws so the dialog can show the reason next to the field. */
export async function addFromUri(uri: string): Promise<AccountView> {
  const account = await accountsAddUri(uri);
  added(account);
  return account;
}

/** Adds from the form; throws so the dialog can show the reason. */
export async function addManual(input: ManualAccount): Promise<AccountView> {
  const account = await accountsAddManual(input);
  added(account);
  return account;
}

function added(account: AccountView): void {
  useStore.getState().upsertAccount(account);
  notify(i18next.t('toast.added', { name: displayName(account) }));
  void refreshCodes();
}

/** Saves metadata; throws so the dialog can show the reason. */
export async function updateAccount(id: string, patch: AccountPatch): Promise<void> {
  const account = await accountsUpdate(id, patch);
  useStore.getState().upsertAccount(account);
}

/** Deletes at once and offers Undo (accounts-restore) in the live region. */
export async function deleteAccount(id: string): Promise<void> {
  const s = useStore.getState();
  const account = s.byId[id];
  if (!account) return;
  const index = s.order.indexOf(id);
  try {
    const { undoToken } = await accountsDelete(id);
    useStore.getState().removeAccount(id);
    const name = displayName(account);
    notify(i18next.t('toast.deleted', { name }), {
      label: i18next.t('toast.undo'),
      run: () => void restoreAccount(undoToken, index),
    });
  } catch (e) {
    notifyError(e);
  }
}

async function restoreAccount(undoToken: string, index: number): Promise<void> {
  try {
    const account = await accountsRestore(undoToken);
    useStore.getState().upsertAccount(account, index);
    // Main restores at its own position; reload so both agree.
    await loadAccounts();
    notify(i18next.t('toast.restored', { name: displayName(account) }));
  } catch (e) {
    notifyError(e);
  }
}

/** Moves one account up (-1) or down (+1) and persists the order; reverts if main refuses. */
export async function moveAccount(id: string, delta: -1 | 1): Promise<void> {
  const before = useStore.getState().order;
  const from = before.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= before.length) return;
  const order = [...before];
  [order[from], order[to]] = [order[to]!, order[from]!];
  useStore.getState().setOrder(order);
  try {
    await accountsReorder(order);
  } catch (e) {
    useStore.getState().setOrder(before);
    notifyError(e);
  }
}
