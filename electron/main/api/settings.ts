import { FaktorError } from '../../../shared/errors';
import type { Channel } from '../../../shared/ipc/contract';
import type { Settings } from '../../../shared/ipc/schemas';
import type { Ports } from '../ports';
import { createSettingsStore, DEFAULT_SETTINGS } from '../services/settings';
import type { Vault } from '../services/vault';
import type { HandlersOf } from './handlers';

/** The settings in force, readable synchronously by auto-lock, clipboard and native dialogs. */
export interface LiveSettings {
  /** Settles once the stored settings were read (or could not be: the defaults stay). */
  readonly ready: Promise<unknown>;
  current(): Settings;
  /** Stores a patch (after the lock check) and returns what is now in force. */
  set(patch: Partial<Settings>): Promise<Settings>;
  /** Reads the stored settings. */
  get(): Promise<Settings>;
}

/** Opens settings.json in the app-data directory; nothing secret lives there. */
export function createLiveSettings(appDataDir: string): LiveSettings {
  const store = createSettingsStore(appDataDir);
  let current = { ...DEFAULT_SETTINGS };
  // A settings file that cannot be read leaves the defaults in force (it is nothing secret).
  const ready = store.get().then(
    (s) => (current = s),
    () => current,
  );
  return {
    ready,
    current: () => current,
    get: () => store.get(),
    set: async (patch) => (current = await store.set(patch)),
  };
}

/** The language main's own native dialogs use: the app setting, else the OS locale (German or English). */
export function uiLanguage(setting: 'system' | 'de' | 'en', osLocale: string): 'de' | 'en' {
  if (setting !== 'system') return setting;
  return /^de\b/i.test(osLocale) ? 'de' : 'en';
}

/** settings-get, settings-set and app-locale. */
export function createSettingsHandlers(deps: {
  settings: LiveSettings;
  vault: Pick<Vault, 'open'>;
  ports: Pick<Ports, 'locale'>;
  onChanged: () => void;
}): HandlersOf<Extract<Channel, `settings-${string}`> | 'app-locale'> {
  return {
    'settings-get': async () => deps.settings.get(),
    'settings-set': async (patch) => {
      // A locked app is a locked app: nobody at the keyboard may turn auto-lock or clipboard clearing off.
      if ((await deps.vault.open()).state === 'locked') throw new FaktorError('vault-locked');
      const next = await deps.settings.set(patch);
      deps.onChanged();
      return next;
    },
    'app-locale': async () => ({ locale: deps.ports.locale().slice(0, 64) }),
  };
}
