import type { StateCreator } from 'zustand';
import type { ScanResult } from '../../../shared/qr/found-code';
import type { Store } from './index';

/** Which dialog is open (one at a time). */
export type DialogState =
  | { kind: 'add'; uri?: string }
  | { kind: 'edit'; id: string }
  | { kind: 'settings' }
  | { kind: 'backup'; mode?: 'export' | 'import' }
  /** `initial`: a scan made outside the window (tray, shortcut, faktor:// link) to show at once. */
  | { kind: 'scan'; initial?: ScanResult }
  | { kind: 'delete'; id: string }
  /** Rename the group `name` on every account (features/organise/RenameGroupDialog.tsx). */
  | { kind: 'rename-group'; name: string }
  | { kind: 'shortcuts' }
  | { kind: 'keys' }
  | { kind: 'servicekonto' }
  | null;

/** A message in the live region; `action` is e.g. Undo. */
export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** When the text names an account: the text split around the name, so the name renders in <bdi>. */
  named?: { before: string; name: string; after: string };
  action?: { label: string; run: () => void };
}

/** View state: search text, open dialog, toasts. */
export interface UiSlice {
  query: string;
  /** The group (tag) the list is narrowed to; null = all accounts. View state only, not persisted. */
  tagFilter: string | null;
  dialog: DialogState;
  toasts: Toast[];
  setQuery: (query: string) => void;
  setTagFilter: (tag: string | null) => void;
  openDialog: (dialog: DialogState) => void;
  pushToast: (toast: Omit<Toast, 'id'>) => number;
  dismissToast: (id: number) => void;
}

let nextToastId = 1;

/** Creates the UI slice. */
export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  query: '',
  tagFilter: null,
  dialog: null,
  toasts: [],
  setQuery: (query) => set({ query }),
  setTagFilter: (tagFilter) => set({ tagFilter }),
  openDialog: (dialog) => set({ dialog }),
  pushToast: (toast) => {
    const id = nextToastId++;
    // Keep the last three so the live region stays short.
    set((s) => ({ toasts: [...s.toasts.slice(-2), { ...toast, id }] }));
    return id;
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});
