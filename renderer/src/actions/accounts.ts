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
import { displayName, selectVisibleIds } from '../store/selectors';
import { dropSlice, moveTarget } from '../features/organise/arrange';
import { reorderWithin } from '../../../shared/reorder';
import { refreshCodes } from './codes';
import { notifyError, notifyNamed } from './notify';
import { offerUndo } from './undo';

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
  notifyNamed('toast.added', displayName(account));
  void refreshCodes();
}

/** Saves metadata; throws so the dialog can show the reason. */
export async function updateAccount(id: string, patch: AccountPatch): Promise<void> {
  const account = await accountsUpdate(id, patch);
  useStore.getState().upsertAccount(account);
}

/**
 * Deletes (after the confirm dialog) and offers Undo (accounts-restore) in the live region. Focus
 * moves to the row that took the deleted one's place (or the search field when the list is empty).
 */
export async function deleteAccount(id: string): Promise<void> {
  const s = useStore.getState();
  const account = s.byId[id];
  if (!account) return;
  const index = s.order.indexOf(id);
  try {
    const { undoToken } = await accountsDelete(id);
    const visible = selectVisibleIds(useStore.getState());
    const next = visible[visible.indexOf(id) + 1] ?? visible[visible.indexOf(id) - 1] ?? null;
    // Focus moves before the row goes (the neighbour stays mounted), so it never falls to <body>.
    focusRowOrSearch(next);
    useStore.getState().removeAccount(id);
    const name = displayName(account);
    const run = () => void restoreAccount(undoToken, index);
    const toastId = notifyNamed('toast.deleted', name, { label: i18next.t('toast.undo'), run });
    offerUndo(toastId, run);
  } catch (e) {
    notifyError(e);
  }
}

/** Focuses a row's copy button (else its first control, e.g. a hidden code's "show"), else the search field. */
function focusRowOrSearch(id: string | null): void {
  const row =
    id === null
      ? null
      : document.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(id)}"]`);
  const target =
    row?.querySelector<HTMLElement>('button.code') ?? row?.querySelector<HTMLElement>('button');
  (target ?? document.getElementById('search'))?.focus();
}

async function restoreAccount(undoToken: string, index: number): Promise<void> {
  try {
    const account = await accountsRestore(undoToken);
    useStore.getState().upsertAccount(account, index);
    // Main restores at its own position; reload so both agree.
    await loadAccounts();
    notifyNamed('toast.restored', displayName(account));
  } catch (e) {
    notifyError(e);
  }
}

/**
 * Moves one account up (-1) or down (+1) in the list as shown: it swaps with its visible neighbour in
 * the same pin group (a group filter may hide accounts in between; those keep their places, as the
 * vault's reorder keeps every account it is not named). Persists; reverts if main refuses.
 */
export async function moveAccount(id: string, delta: -1 | 1): Promise<void> {
  const s = useStore.getState();
  const other = moveTarget(selectVisibleIds(s), s.byId, id, delta);
  if (other !== null) await dropAccount(id, other);
}

/**
 * Drag and drop (features/organise/SortableAccounts.tsx): puts the account at the place of `overId`,
 * within its pin group. Sends only the shown accounts between the two places (arrange.ts `dropSlice`);
 * main checks them and applies the same rule (shared/reorder.ts). Reverts if main refuses.
 */
export async function dropAccount(id: string, overId: string): Promise<void> {
  const s = useStore.getState();
  const slice = dropSlice(selectVisibleIds(s), s.byId, id, overId);
  if (slice === null) return;
  const before = s.order;
  useStore.getState().setOrder(reorderWithin(before, (x) => x, slice));
  try {
    await accountsReorder(slice);
  } catch (e) {
    useStore.getState().setOrder(before);
    notifyError(e);
  }
}

/** Pins or unpins an account (pinned ones stay on top); the list re-arranges at once. */
export async function setPinned(id: string, pinned: boolean): Promise<void> {
  try {
    await updateAccount(id, { pinned });
  } catch (e) {
    notifyError(e);
  }
}
