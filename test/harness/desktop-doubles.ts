import type { DesktopPorts } from '../../electron/main/services/desktop/desktop-actions';
import type { GlobalShortcutPort } from '../../electron/main/services/desktop/shortcuts';

/**
 * DOUBLES of the desktop platform (no Electron binary here): the OS's global shortcuts, the window's
 * show and the app's quit, and the login item. A test presses a shortcut with `press`, which runs what
 * Electron's globalShortcut would run; the tray's clicks go through the real `desktop.run`.
 */

/** Electron's globalShortcut: `takenByOthers` is what another app holds (register answers false). */
export class OsShortcuts implements GlobalShortcutPort {
  readonly held = new Map<string, () => void>();
  constructor(readonly takenByOthers = new Set<string>()) {}
  register(accelerator: string, run: () => void): boolean {
    if (accelerator === 'Control+num9') throw new Error('conversion failure'); // what Electron does for a key it cannot map
    if (this.takenByOthers.has(accelerator) || this.held.has(accelerator)) return false;
    this.held.set(accelerator, run);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
  /** Presses a registered shortcut (throws when nothing is registered for it). */
  press(accelerator: string): void {
    const run = this.held.get(accelerator);
    if (!run) throw new Error(`no global shortcut ${accelerator}`);
    run();
  }
}

/** Window, quit, shortcuts and login item, recording what the app asked for. */
export class DesktopDoubles implements DesktopPorts {
  shown = 0;
  quits = 0;
  readonly globalShortcuts = new OsShortcuts();
  readonly loginItemCalls: boolean[] = [];
  readonly loginItem = {
    set: (openAtLogin: boolean): void => void this.loginItemCalls.push(openAtLogin),
  };
  showWindow(): void {
    this.shown++;
  }
  quit(): void {
    this.quits++;
  }
}
