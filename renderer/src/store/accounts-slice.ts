import type { StateCreator } from 'zustand';
import type { AccountView } from '../../../shared/ipc/schemas';
import type { Store } from './index';

/** Account metadata as shown in the list (never a secret), in the user's order. */
export interface AccountsSlice {
  /** Ordered ids. */
  order: string[];
  byId: Record<string, AccountView>;
  /** False until the first list arrived (drives the loading state). */
  loaded: boolean;
  setAccounts: (accounts: AccountView[]) => void;
  upsertAccount: (account: AccountView, index?: number) => void;
  removeAccount: (id: string) => void;
  setOrder: (order: string[]) => void;
  clearAccounts: () => void;
}

/** Creates the accounts slice. */
export const createAccountsSlice: StateCreator<Store, [], [], AccountsSlice> = (set) => ({
  order: [],
  byId: {},
  loaded: false,
  setAccounts: (accounts) =>
    set({
      order: accounts.map((a) => a.id),
      byId: Object.fromEntries(accounts.map((a) => [a.id, a])),
      loaded: true,
    }),
  upsertAccount: (account, index) =>
    set((s) => {
      const exists = account.id in s.byId;
      const order = exists ? s.order : [...s.order];
      if (!exists) order.splice(index ?? order.length, 0, account.id);
      return { order, byId: { ...s.byId, [account.id]: account } };
    }),
  removeAccount: (id) =>
    set((s) => {
      const { [id]: _gone, ...byId } = s.byId;
      return { order: s.order.filter((x) => x !== id), byId };
    }),
  setOrder: (order) => set({ order }),
  clearAccounts: () => set({ order: [], byId: {}, loaded: false }),
});
