import i18next from 'i18next';
import { groupsDissolve, groupsRename, groupsRestore } from '../api/groups';
import { useStore } from '../store';
import { loadAccounts } from './accounts';
import { notify, notifyError, notifyNamed } from './notify';
import { offerUndo } from './undo';

/*
 * Groups changed in one place (issue #12): rename or dissolve the group the list is filtered to. Main
 * changes every account in one write; the list reloads, the filter follows the group, and the toast
 * offers Undo (also Ctrl/Cmd+Z) for as long as main keeps the token.
 */

const same = (a: string | null, b: string): boolean =>
  a !== null && a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** Renames a group on every account; throws so the dialog can show the reason next to the field. */
export async function renameGroup(from: string, to: string): Promise<void> {
  // Read before the change: the list's own reload (vault-changed) may drop the old filter meanwhile.
  const shown = same(useStore.getState().tagFilter, from);
  const { undoToken } = await groupsRename(from, to);
  const name = to.trim();
  await loadAccounts();
  if (shown) useStore.getState().setTagFilter(name);
  const run = () => void undoGroupChange(undoToken, from);
  offerUndo(notifyNamed('toast.groupRenamed', name, { label: i18next.t('toast.undo'), run }), run);
}

/** Takes every account out of a group (they stay in the list); the filter goes back to all accounts. */
export async function dissolveGroup(name: string): Promise<void> {
  try {
    const { undoToken } = await groupsDissolve(name);
    if (same(useStore.getState().tagFilter, name)) useStore.getState().setTagFilter(null);
    await loadAccounts();
    const run = () => void undoGroupChange(undoToken, name);
    offerUndo(
      notifyNamed('toast.groupDissolved', name, { label: i18next.t('toast.undo'), run }),
      run,
    );
  } catch (e) {
    notifyError(e);
  }
}

/** Puts the groups back and shows the group again (its old name). */
async function undoGroupChange(undoToken: string, group: string): Promise<void> {
  try {
    await groupsRestore(undoToken);
    await loadAccounts();
    useStore.getState().setTagFilter(group);
    notify(i18next.t('toast.groupRestored'));
  } catch (e) {
    notifyError(e);
  }
}
