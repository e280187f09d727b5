import type { EventName } from '../../shared/ipc/contract';
import type { Clipboard, Clock, FileDialogs, FileFilter } from '../../electron/main/ports';

/*
 * TEST DOUBLES for the platform ports. The Electron binary cannot run on the build machines (see
 * ARCHITECTURE.md), so the few things only Electron provides — the system clipboard, native file
 * dialogs, app.getLocale(), webContents.send — are replaced here. Everything behind the ports (the api,
 * the vault, the real keychain, the IPC dispatcher) is the real code.
 */

/** DOUBLE of the system clipboard: a string in memory the test can read. */
export class MemoryClipboard implements Clipboard {
  text = '';
  /** Whether the current text came with the clipboard-manager concealment hints. */
  concealed = false;
  writeText(text: string): void {
    this.text = text;
    this.concealed = false;
  }
  writeConcealed(text: string): void {
    this.text = text;
    this.concealed = true;
  }
  readText(): string {
    return this.text;
  }
}

/** DOUBLE of the native dialogs: returns the paths and answers the test queued (null = the user cancelled). */
export class ScriptedDialogs implements FileDialogs {
  private saves: (string | null)[] = [];
  private opens: (string | null)[] = [];
  private consents: boolean[] = [];
  /** How often main asked the native plain-export question. */
  consentAsked = 0;
  /** Filters the app asked for in the last open dialog (to assert on). */
  lastFilters: readonly FileFilter[] = [];
  /** The next save dialog answers `path`. */
  nextSave(path: string | null): void {
    this.saves.push(path);
  }
  /** The next open dialog answers `path`. */
  nextOpen(path: string | null): void {
    this.opens.push(path);
  }
  /** The next native "export unencrypted?" question answers `yes` (unqueued questions answer no). */
  nextPlainConsent(yes: boolean): void {
    this.consents.push(yes);
  }
  async confirmPlainExport(_language: 'de' | 'en'): Promise<boolean> {
    this.consentAsked++;
    return this.consents.length > 0 ? this.consents.shift()! : false;
  }
  async chooseSaveFile(_defaultName: string): Promise<string | null> {
    return this.saves.length > 0 ? this.saves.shift()! : null;
  }
  async chooseOpenFile(filters: readonly FileFilter[]): Promise<string | null> {
    this.lastFilters = filters;
    return this.opens.length > 0 ? this.opens.shift()! : null;
  }
}

/**
 * DOUBLE of the wall clock: pinned at `start`, moved only by `advance`, which fires due timers in
 * order (clipboard clearing, auto-lock, undo expiry). The harness moves the page clock in step.
 */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = end;
  }
}

/** DOUBLE of webContents.send: collects events until a page is attached, then forwards them. */
export class EventRelay {
  private target: ((name: EventName, payload: unknown) => Promise<void>) | null = null;
  readonly sent: { name: EventName; payload: unknown }[] = [];
  attach(target: (name: EventName, payload: unknown) => Promise<void>): void {
    this.target = target;
  }
  /** The harness's event transport: gets what the app's createEventPublisher already checked. */
  emit(name: EventName, payload: unknown): void {
    this.sent.push({ name, payload });
    void this.target?.(name, payload).catch(() => undefined);
  }
}
