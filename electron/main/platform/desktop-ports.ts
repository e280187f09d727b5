import { app, globalShortcut } from 'electron';
import type { DesktopPorts } from '../services/desktop/desktop-actions';
import { START_HIDDEN_ARG } from '../services/desktop/window-behaviour';

/**
 * The Electron side of DesktopPorts: globalShortcut for the shortcuts (register returns false when
 * another app holds the keys), and app.setLoginItemSettings for "start at login" where Electron offers
 * it (macOS, Windows; not Linux — docs/desktop.md). The window functions come from the bootstrap.
 */
export function electronDesktopPorts(window: { showWindow(): void; quit(): void }): DesktopPorts {
  const loginItem = process.platform === 'darwin' || process.platform === 'win32'
    ? { set: (openAtLogin: boolean) => app.setLoginItemSettings({ openAtLogin, args: [START_HIDDEN_ARG] }) }
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
  return process.platform === 'darwin' ? app.getLoginItemSettings().wasOpenedAtLogin : process.argv.includes(START_HIDDEN_ARG);
}
