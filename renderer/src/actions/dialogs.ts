import { useStore } from '../store';
import type { DialogState } from '../store/ui-slice';

/** Opens one of the app's dialogs (features and components go through here, not the store). */
export function openDialog(dialog: Exclude<DialogState, null>): void {
  useStore.getState().openDialog(dialog);
}

/** Closes whichever dialog is open. */
export function closeDialog(): void {
  useStore.getState().openDialog(null);
}
