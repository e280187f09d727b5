import type { EventName, EventOf } from '../../shared/ipc/contract';
import type { QrScanPorts } from './services/qr-scan';
import type { KeyManagerDeps } from './services/fido/key-manager';
import type { DestructiveAction } from './security/destructive-consent';
import type { OsUnlockMethod } from '../../shared/ipc/os-unlock-schemas';

/**
 * What the main-process services need from the platform. Electron adapters (electron/main/platform)
 * implement these in the app; the harness and the tests pass doubles. Nothing here imports electron.
 */

/**
 * The system clipboard (text only): the code is copied in main so the renderer never needs it.
 * Electron 45's clipboard is Promise-based; in-memory doubles may answer synchronously. Callers await.
 */
export interface Clipboard {
  writeText(text: string): void | Promise<void>;
  readText(): string | Promise<string>;
  /**
   * Writes a code together with the "don't keep this" hints for clipboard managers and the OS history
   * (security/clipboard-hints.ts) in one atomic write. Absent in doubles that only hold text.
   */
  writeConcealed?(text: string): void | Promise<void>;
}

/** One filter row of an open dialog, e.g. `{ name: 'Faktor backup', extensions: ['faktor'] }`. */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/** Native file pickers; `null` means the user cancelled. Paths are absolute. */
export interface FileDialogs {
  chooseSaveFile(defaultName: string): Promise<string | null>;
  chooseOpenFile(filters: readonly FileFilter[]): Promise<string | null>;
  /**
   * Asks, in a native dialog main controls, whether to write every seed unencrypted (the renderer's
   * own warning is not enough: a compromised renderer could skip it). True only on an explicit yes.
   * Absent → plain export is refused.
   */
  confirmPlainExport?(language: 'de' | 'en'): Promise<boolean>;
  /**
   * Asks, in a native dialog, before an action that cannot be undone here (security/destructive-consent.ts):
   * blocking a means or removing this desktop at the server, a key's factory reset. Absent → refused.
   */
  confirmDestructive?(action: DestructiveAction, language: 'de' | 'en'): Promise<boolean>;
}

/** Wall clock plus one-shot timers, injectable so auto-lock, undo and clipboard clearing are testable. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. Must not keep the process alive. */
  setTimer(ms: number, fn: () => void): () => void;
}

/**
 * The OS's user-verification prompt (docs/desktop.md, "OS unlock"): macOS Touch ID through Electron
 * (platform/os-verifier.ts); null elsewhere. It only answers "the user passed the prompt", it releases
 * no key — what it unlocks stays behind the keychain (services/os-unlock.ts).
 */
export interface OsVerifier {
  /** The prompt this computer can show now, or null (no sensor, none enrolled, unsupported OS). */
  available(): Promise<OsUnlockMethod | null>;
  /** Shows the prompt with `reason`; true only when the user passed it (cancel, failure, error → false). */
  verify(reason: string): Promise<boolean>;
}

/** Everything platform-specific the API needs, in one bag. */
export interface Ports {
  readonly clipboard: Clipboard;
  readonly dialogs: FileDialogs;
  readonly clock: Clock;
  /** The OS locale, e.g. 'de-DE' (Electron: app.getLocale()). */
  locale(): string;
  /**
   * QR scan sources (platform/screen-capture.ts, platform/clipboard-image.ts; test doubles in the
   * harness). Absent → screen scan reports screen-capture-denied and the clipboard holds no image.
   */
  readonly qrSources?: QrScanPorts;
  /**
   * Registers work that must finish before the app exits (Electron: 'will-quit', awaited with a
   * time limit), e.g. clearing a copied code from the clipboard. Absent in tests without a quit.
   */
  onQuit?(run: () => Promise<void>): void;
  /**
   * Shows a desktop notification (platform/notifications.ts; a recording double in the harness).
   * Absent → no notification, the in-app request still appears. Text only, never a secret. A click
   * brings the window up (the adapter does that) and then runs `onClick`.
   */
  readonly notify?: (n: { title: string; body: string; onClick?: () => void }) => void;
  /**
   * Where security keys come from: node-hid in the app (services/fido/node-hid-transport.ts), the
   * software authenticator behind the same transport interface in the harness. Absent → no keys.
   */
  readonly keys?: Pick<KeyManagerDeps, 'list' | 'open'>;
  /** The OS's user-verification prompt (Touch ID); absent → OS unlock is not offered. */
  readonly osVerifier?: OsVerifier;
  /** Pushes an event to the renderer (payloads never carry a secret). */
  emit<E extends EventName>(event: E, payload: EventOf<E>): void;
}

/** The real clock for production and the harness: Date.now and unref'd timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return () => clearTimeout(t);
  },
};
