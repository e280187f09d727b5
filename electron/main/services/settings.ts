import { join } from 'node:path';
import { FaktorError } from '../../../shared/errors';
import { Settings } from '../../../shared/ipc/schemas';
import { readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * User settings (nothing secret) as plain JSON in app-data, replaced atomically. A missing or damaged
 * file means defaults, field by field, so one bad value never resets the rest.
 */

/** Defaults for a first start: the issue asks for clipboard clearing after 30 s. */
export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  autoLockMinutes: 5,
  clipboardClearSeconds: 30,
  theme: 'system',
  sortOrder: 'manual',
  hideCodes: false,
  // Desktop integration (docs/desktop.md): everything off until the user turns it on.
  closeToTray: false,
  minimizeToTray: false,
  startAtLogin: false,
  shortcutScan: '',
  shortcutSearch: '',
};

/** File name inside the app-data directory. */
export const SETTINGS_FILE = 'settings.json';

/** Reads and writes settings. */
export interface SettingsStore {
  get(): Promise<Settings>;
  /** Merges a partial update, validates the result, writes it, and returns it. */
  set(patch: Partial<Settings>): Promise<Settings>;
}

/** A settings store in `dir`. */
export function createSettingsStore(dir: string): SettingsStore {
  const path = join(dir, SETTINGS_FILE);
  let cached: Settings | null = null;
  const load = async (): Promise<Settings> => {
    if (cached) return cached;
    const raw = await readFileIfExists(path);
    let stored: Record<string, unknown> = {};
    try {
      const parsed: unknown = raw ? JSON.parse(raw.toString('utf8')) : {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        stored = parsed as Record<string, unknown>;
    } catch {
      stored = {};
    }
    const merged: Settings = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      const one = Settings.shape[key].safeParse(stored[key]);
      if (one.success) (merged as Record<keyof Settings, unknown>)[key] = one.data;
    }
    cached = merged;
    return merged;
  };
  return {
    get: load,
    async set(patch) {
      const next = Settings.safeParse({ ...(await load()), ...patch });
      if (!next.success) throw new FaktorError('invalid-parameter', 'settings');
      await writeFileAtomic(path, `${JSON.stringify(next.data, null, 2)}\n`, { mode: 0o644 });
      cached = next.data;
      return next.data;
    },
  };
}
