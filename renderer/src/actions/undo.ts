import { useStore } from '../store';

/*
 * The one Undo that Ctrl/Cmd+Z runs: the latest undoable change (a deletion, a group renamed or
 * dissolved) while its toast is still shown.
 */

let pending: { toastId: number; run: () => void } | null = null;

/** Makes this toast's action the one Ctrl/Cmd+Z runs (it replaces any earlier one). */
export function offerUndo(toastId: number, run: () => void): void {
  pending = { toastId, run };
}

/** Runs the Undo of the latest change if its toast is still shown. */
export function undoLast(): void {
  const undo = pending;
  pending = null;
  if (undo === null || !useStore.getState().toasts.some((t) => t.id === undo.toastId)) return;
  useStore.getState().dismissToast(undo.toastId);
  undo.run();
}
