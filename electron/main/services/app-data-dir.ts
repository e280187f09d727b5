import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the Faktor app keeps its data (Electron's `app.getPath('userData')` for the product name
 * "Faktor"), computed without Electron so the tester CLI defaults to the very same directory.
 */

/** The product name electron-builder.yml gives the app; Electron names the userData folder after it. */
export const APP_DIR_NAME = 'Faktor';

/** The app's userData directory on this OS (env and home injectable for tests). */
export function defaultAppDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(home, '.config'),
    APP_DIR_NAME,
  );
}
