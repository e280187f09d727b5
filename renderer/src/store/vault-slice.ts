import type { StateCreator } from 'zustand';
import type { Settings, VaultStatus } from '../../../shared/ipc/schemas';
import type { Language } from '../i18n';
import type { Store } from './index';

/** Vault state (drives lock/error screens) and the user's settings. */
export interface VaultSlice {
  status: VaultStatus | null;
  settings: Settings | null;
  /** OS locale as main reports it (shown next to "as the system"). */
  osLocale: string;
  language: Language;
  setStatus: (status: VaultStatus) => void;
  setSettings: (settings: Settings) => void;
  setLocale: (osLocale: string, language: Language) => void;
}

/** Creates the vault/settings slice. */
export const createVaultSlice: StateCreator<Store, [], [], VaultSlice> = (set) => ({
  status: null,
  settings: null,
  osLocale: 'en',
  language: 'en',
  setStatus: (status) => set({ status }),
  setSettings: (settings) => set({ settings }),
  setLocale: (osLocale, language) => set({ osLocale, language }),
});
