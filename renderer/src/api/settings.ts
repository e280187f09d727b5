import type { Settings } from '../../../shared/ipc/schemas';
import { bridge, unwrap } from './bridge';

/** The persisted settings. */
export const settingsGet = (): Promise<Settings> => unwrap(bridge().settingsGet({}));
/** Saves some settings and returns all of them. */
export const settingsSet = (patch: Partial<Settings>): Promise<Settings> =>
  unwrap(bridge().settingsSet(patch));
/** The OS locale, for language 'system'. */
export const appLocale = async (): Promise<string> => (await unwrap(bridge().appLocale({}))).locale;
