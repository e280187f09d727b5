import { z } from 'zod';
import { ScanResult } from '../qr/found-code';

/**
 * IPC shapes of the desktop integration (docs/desktop.md): what main asks the renderer to show after a
 * tray click, a global shortcut, a notification click or a `faktor://` link, and the state of the
 * global shortcuts for the settings screen. No secret in any of them (codes are RouteViews + tokens).
 */

/** Main → renderer: show something because the user acted outside the window. */
export const DesktopAction = z.discriminatedUnion('kind', [
  /**
   * Open the scan flow on this result: a screen scan (tray or shortcut), or the one code of a
   * same-device link, already checked (pinning, expiry, single use). One code → its confirm step.
   */
  z.strictObject({ kind: z.literal('show-scan'), result: ScanResult }),
  /** The search shortcut: focus the search field. */
  z.strictObject({ kind: z.literal('focus-search') }),
  /** A notification was clicked: bring this online approval request into view. */
  z.strictObject({ kind: z.literal('open-request'), tx: z.string().max(64) }),
  /** An action outside the window failed (e.g. a refused link): say so plainly. */
  z.strictObject({ kind: z.literal('error'), code: z.string().max(64) }),
]);
export type DesktopAction = z.infer<typeof DesktopAction>;

/** One global shortcut: off, registered, refused by the OS (taken by another app), or not valid. */
export const ShortcutState = z.enum(['off', 'active', 'taken', 'invalid']);
export type ShortcutState = z.infer<typeof ShortcutState>;

/** What the settings screen shows next to the desktop options. */
export const DesktopStatus = z.strictObject({
  shortcuts: z.strictObject({ scan: ShortcutState, search: ShortcutState }),
  /** Whether "start at login" can be set on this platform. */
  loginItem: z.boolean(),
});
export type DesktopStatus = z.infer<typeof DesktopStatus>;
