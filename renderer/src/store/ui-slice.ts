import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** Which dialog is open (one at a time). */
export type DialogState =
  | { kind: 'add'; uri?: string }
  | { kind: 'edit'; id: string }
  | { kind: 'settings' }
  | { kind: 'backup' }
  | { kind: 'scan' }
  | { kind: 'delete'; id: string }
  | { kind: 'shortcuts' }
  | { kind: 'servicekonto' }
  | null;

/** A message in the live region; `action` is e.g. Undo. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  action?: { label: string; run: () => void };
}

/** View state: search text, open dialog, toasts. */
export interface UiSlice {
  query: string;
  dialog: DialogState;
  toasts: Toast[];
  setQuery: (query: string) => void;
  openDialog: (dialog: DialogState) => void;
  pushToast: (toast: Omit<Toast, 'id'>) => number;
  dismissToast: (id: number) => void;
}

let nextToastId = 1;

/** Creates the UI slice. */
export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  query: '',
  dialog: null,
  toasts: [],
  setQuery: (query) => set({ query }),
  openDialog: (dialog) => set({ dialog }),
  pushToast: (toast) => {
    const id = nextToastId++;
    // Keep the last three so the live region stays short.
    set((s) => ({ toasts: [...s.toasts.slice(-2), { ...toast, id }] }));
    return id;
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
