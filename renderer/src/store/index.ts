import { create } from 'zustand';
import { createAccountsSlice, type AccountsSlice } from './accounts-slice';
import { createCodesSlice, type CodesSlice } from './codes-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createVaultSlice, type VaultSlice } from './vault-slice';

/** The whole view state: one store made of feature slices. Holds no secret, ever. */
export type Store = AccountsSlice & CodesSlice & UiSlice & VaultSlice;

/** The one zustand store (always read through a selector). */
export const useStore = create<Store>()((...a) => ({
  ...createAccountsSlice(...a),
  ...createCodesSlice(...a),
  ...createUiSlice(...a),
  ...createVaultSlice(...a),
}));
