import { BrowserWindow, nativeTheme } from 'electron';
import { findInsecurePreferences, secureWebPreferences } from '../security/window-options';

/** What the main window needs to know from the bootstrap. */
export type MainWindowOptions = Readonly<{
  preloadPath: string;
  devTools: boolean;
  icon?: string;
  startHidden?: boolean;
}>;

/**
 * The one secure window factory (checklist items 2–4, 6, 8–11): webPreferences come from
 * security/window-options and are checked again here, so a future edit that weakens them fails at
 * startup instead of shipping. The caller loads the URL; navigation guards are app-wide.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const webPreferences = secureWebPreferences(options.preloadPath, options.devTools);
  const insecure = findInsecurePreferences(webPreferences);
  if (insecure.length > 0) throw new Error(`insecure webPreferences: ${insecure.join(', ')}`);

  const win = new BrowserWindow({
    width: 960,
    height: 720,
    minWidth: 400,
    minHeight: 480,
    show: false,
    title: 'Faktor',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1b1f' : '#ffffff',
    autoHideMenuBar: true,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences,
  });
  // Started by the login item with a tray: stay in the tray until the user opens the window.
  if (options.startHidden !== true) win.once('ready-to-show', () => win.show());
  return win;
}
