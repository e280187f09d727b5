import { checkAccelerator } from '../../../../shared/desktop/accelerator';
import type { ShortcutState } from '../../../../shared/ipc/desktop-schemas';

/** The OS's global shortcuts (Electron globalShortcut; a double in tests and the harness). */
export interface GlobalShortcutPort {
  /** True when registered; false when the OS refused (another app holds it). May throw on a bad accelerator. */
  register(accelerator: string, run: () => void): boolean;
  unregister(accelerator: string): void;
}

/** The two global shortcuts Faktor offers. */
export type ShortcutName = 'scan' | 'search';

/**
 * Keeps the registered global shortcuts in line with the settings: each apply() unregisters what this
 * manager registered before and registers the new accelerators, remembering per shortcut whether the
 * OS took it ('active'), refused it ('taken' — another app has it, shown plainly in the settings), it
 * is not valid ('invalid'), or it is off. Off by default: an empty setting registers nothing.
 */
export function createShortcutManager(
  port: GlobalShortcutPort | undefined,
  actions: Readonly<Record<ShortcutName, () => void>>,
) {
  const registered = new Map<ShortcutName, string>();
  const state: Record<ShortcutName, ShortcutState> = { scan: 'off', search: 'off' };
  return {
    /** Applies the shortcut settings; returns the state of each. */
    apply(
      wanted: Readonly<Record<ShortcutName, string>>,
    ): Readonly<Record<ShortcutName, ShortcutState>> {
      for (const [, accelerator] of registered) port?.unregister(accelerator);
      registered.clear();
      const taken = new Set<string>();
      for (const name of ['scan', 'search'] as const) {
        const text = wanted[name];
        if (text === '') {
          state[name] = 'off';
          continue;
        }
        const check = checkAccelerator(text);
        if (!check.ok) {
          state[name] = 'invalid';
          continue;
        }
        // Both set to the same keys: the second cannot have it.
        if (!port || taken.has(check.accelerator)) {
          state[name] = 'taken';
          continue;
        }
        let ok: boolean;
        try {
          ok = port.register(check.accelerator, actions[name]);
        } catch {
          ok = false; // Electron throws on an accelerator it cannot parse on this platform
        }
        state[name] = ok ? 'active' : 'taken';
        if (ok) {
          registered.set(name, check.accelerator);
          taken.add(check.accelerator);
        }
      }
      return { ...state };
    },
    /** The state after the last apply(). */
    state(): Readonly<Record<ShortcutName, ShortcutState>> {
      return { ...state };
    },
    /** Unregisters everything (quit). */
    clear(): void {
      for (const [, accelerator] of registered) port?.unregister(accelerator);
      registered.clear();
    },
  };
}

/** The manager's shape. */
export type ShortcutManager = ReturnType<typeof createShortcutManager>;
