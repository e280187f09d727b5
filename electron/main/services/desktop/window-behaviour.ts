import type { Settings } from '../../../../shared/ipc/schemas';

/**
 * What the window does on close / minimise and whether the app starts hidden (docs/desktop.md). Pure,
 * so platform/bootstrap.ts only applies the answer. Hiding keeps the vault as it is: auto-lock still
 * runs, and the tray's Lock is one click away.
 */

/** Close: hide to the tray when the setting is on and the app is not quitting; otherwise really close. */
export function onWindowClose(
  settings: Pick<Settings, 'closeToTray'>,
  quitting: boolean,
  hasTray: boolean,
): 'hide' | 'close' {
  return settings.closeToTray && hasTray && !quitting ? 'hide' : 'close';
}

/** Minimise: hide to the tray when the setting is on (and a tray exists to bring it back). */
export function onWindowMinimize(
  settings: Pick<Settings, 'minimizeToTray'>,
  hasTray: boolean,
): 'hide' | 'minimize' {
  return settings.minimizeToTray && hasTray ? 'hide' : 'minimize';
}

/** The argument the login item starts Faktor with, so it comes up hidden in the tray. */
export const START_HIDDEN_ARG = '--hidden';

/** Start hidden: launched by the login item (our argument, or macOS's "opened as hidden"), and a tray exists. */
export function startsHidden(
  argv: readonly string[],
  openedAsHidden: boolean,
  hasTray: boolean,
): boolean {
  return hasTray && (openedAsHidden || argv.includes(START_HIDDEN_ARG));
}
