import type { EventName, EventOf } from '../../shared/ipc/contract';
import type {
  Clipboard,
  Clock,
  FileDialogs,
  FileFilter,
  OsVerifier,
  Ports,
} from '../../electron/main/ports';
import type { OsUnlockMethod } from '../../shared/ipc/os-unlock-schemas';
import type { KdfCost } from '../../electron/main/services/crypto';
import type { DestructiveAction } from '../../electron/main/security/destructive-consent';

/*
 * TEST DOUBLES for the platform ports — the one set, used by the vitest suites and the e2e harness.
 * The Electron binary cannot run on the build machines (see ARCHITECTURE.md), so the few things only
 * Electron provides — the system clipboard, native file dialogs, app.getLocale(), webContents.send —
 * are replaced here. Everything behind the ports (the api, the vault, the real keychain, the IPC
 * dispatcher, files, crypto) is the real code.
 */

/** Cheap KDF cost, passed explicitly by tests only (production uses DEFAULT_KDF). */
export const TEST_KDF: KdfCost = { name: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

/**
 * DOUBLE of the wall clock: pinned at `t`, moved only by `advance` (which fires due timers in order:
 * clipboard clearing, auto-lock, undo expiry) or by setting `t` (a jump without timers, e.g. a sleep).
 */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  constructor(public t: number = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.t;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
  /** Moves time forward by `ms`, running every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers
        .filter((x) => x.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}

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

/**
 * DOUBLE of the native dialogs. Each dialog first takes the answers the test queued (`nextSave`,
 * `nextOpen`, `nextPlainConsent`, one per dialog shown), and once its queue is empty gives its standing
 * answer (`savePath`, `openPath`, `plainConsent`; null = the user cancelled, false = "no").
 */
export class ScriptedDialogs implements FileDialogs {
  private saves: (string | null)[] = [];
  private opens: (string | null)[] = [];
  private consents: boolean[] = [];
  /** Standing answer of the save dialog. */
  savePath: string | null = null;
  /** Standing answer of the open dialog. */
  openPath: string | null = null;
  /** Standing answer of the native "export unencrypted?" question (default: the user says no). */
  plainConsent = false;
  /** Languages the plain-export question was asked in, in order. */
  readonly consentAsked: Array<'de' | 'en'> = [];
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
  /** The next native "export unencrypted?" question answers `yes`. */
  nextPlainConsent(yes: boolean): void {
    this.consents.push(yes);
  }
  /**
   * Standing answer of the native "block / remove / reset?" questions: yes, so the app's flows run in
   * the e2e harness as after a click on the native button; tests of the refusal queue a no.
   */
  destructiveConsent = true;
  private destructive: boolean[] = [];
  /** The destructive questions asked, in order. */
  readonly destructiveAsked: Array<{ action: DestructiveAction; language: 'de' | 'en' }> = [];
  /** The next native "block / remove / reset?" question answers `yes`. */
  nextDestructiveConsent(yes: boolean): void {
    this.destructive.push(yes);
  }
  async confirmDestructive(action: DestructiveAction, language: 'de' | 'en'): Promise<boolean> {
    this.destructiveAsked.push({ action, language });
    return this.destructive.length > 0 ? this.destructive.shift()! : this.destructiveConsent;
  }
  async confirmPlainExport(language: 'de' | 'en'): Promise<boolean> {
    this.consentAsked.push(language);
    return this.consents.length > 0 ? this.consents.shift()! : this.plainConsent;
  }
  async chooseSaveFile(_defaultName: string): Promise<string | null> {
    return this.saves.length > 0 ? this.saves.shift()! : this.savePath;
  }
  async chooseOpenFile(filters: readonly FileFilter[]): Promise<string | null> {
    this.lastFilters = filters;
    return this.opens.length > 0 ? this.opens.shift()! : this.openPath;
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

/** Ports made of the doubles above (OS locale de-DE), with every emitted event recorded. */
export function testPorts(clock = new ManualClock()): Ports & {
  clock: ManualClock;
  clipboard: MemoryClipboard;
  dialogs: ScriptedDialogs;
  events: Array<{ event: EventName; payload: unknown }>;
} {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  return {
    clock,
    clipboard: new MemoryClipboard(),
    dialogs: new ScriptedDialogs(),
    locale: () => 'de-DE',
    emit<E extends EventName>(event: E, payload: EventOf<E>) {
      events.push({ event, payload });
    },
    events,
  };
}

/** One scripted answer of the stand-in OS prompt: passed, refused (cancel / no match), or the prompt itself failing. */
export type PromptAnswer = 'pass' | 'refuse' | 'throw';

/**
 * STAND-IN for the OS's user-verification prompt (macOS Touch ID via systemPreferences.promptTouchID).
 * No such prompt can exist on the build machines (no Electron binary, no sensor, Linux), so the answer
 * is scripted: `next` queues answers, `standing` answers when the queue is empty. Everything behind
 * the OsVerifier port — the OS-unlock service, the real keychain, the vault, the throttle — is real.
 */
export class StandInOsVerifier implements OsVerifier {
  /** What `available()` answers; null = this computer offers no prompt. */
  method: OsUnlockMethod | null;
  standing: PromptAnswer = 'pass';
  private readonly queue: PromptAnswer[] = [];
  /** The reason text of every prompt shown, in order. */
  readonly prompts: string[] = [];
  constructor(method: OsUnlockMethod | null = 'touch-id') {
    this.method = method;
  }
  /** The next prompts answer these, in order. */
  next(...answers: PromptAnswer[]): void {
    this.queue.push(...answers);
  }
  async available(): Promise<OsUnlockMethod | null> {
    return this.method;
  }
  async verify(reason: string): Promise<boolean> {
    this.prompts.push(reason);
    const answer = this.queue.shift() ?? this.standing;
    if (answer === 'throw') throw new Error('prompt failed');
    return answer === 'pass';
  }
}
