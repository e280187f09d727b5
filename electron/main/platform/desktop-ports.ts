import os from 'node:os';
import { app, globalShortcut } from 'electron';
import { autostartDir, xdgAutostart } from '../services/desktop/xdg-autostart';
import type { DesktopPorts } from '../services/desktop/desktop-actions';
import { START_HIDDEN_ARG } from '../services/desktop/window-behaviour';

/**
 * The Electron side of DesktopPorts: globalShortcut for the shortcuts (register returns false when
 * another app holds the keys), and "start at login": app.setLoginItemSettings on macOS and Windows,
 * an XDG autostart entry on Linux (the AppImage's own path when run from one, since execPath points
 * into its temporary mount). The window functions come from the bootstrap.
 */
export function electronDesktopPorts(window: { showWindow(): void; quit(): void }): DesktopPorts {
  const loginItem =
    process.platform === 'darwin' || process.platform === 'win32'
      ? {
          set: (openAtLogin: boolean) =>
            app.setLoginItemSettings({ openAtLogin, args: [START_HIDDEN_ARG] }),
        }
      : process.platform === 'linux'
        ? xdgAutostart(
            autostartDir(process.env, os.homedir()),
            process.env.APPIMAGE ?? process.execPath,
          )
        : undefined;
  return {
    ...window,
    globalShortcuts: {
      register: (accelerator, run) => globalShortcut.register(accelerator, run),
      unregister: (accelerator) => globalShortcut.unregister(accelerator),
    },
    ...(loginItem ? { loginItem } : {}),
  };
}

/** Whether this start came from the login item (our argument on Windows; macOS says so itself). */
export function launchedAtLogin(): boolean {
  return process.platform === 'darwin'
    ? app.getLoginItemSettings().wasOpenedAtLogin
    : process.argv.includes(START_HIDDEN_ARG);
}
