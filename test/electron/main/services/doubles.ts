import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EventName, EventOf } from '../../../../shared/ipc/contract';
import type { Clipboard, Clock, FileDialogs, FileFilter, Ports } from '../../../../electron/main/ports';
import type { KdfCost } from '../../../../electron/main/services/crypto';

/**
 * Test doubles for the platform ports (the real ones need the Electron binary, which cannot run
 * here). Everything else in these tests is real: files, the keychain, the crypto.
 */

/** Cheap KDF cost, passed explicitly by tests only (production uses DEFAULT_KDF). */
export const TEST_KDF: KdfCost = { name: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

/** A clock the test moves by hand; timers fire when it passes their deadline. */
export class FakeClock implements Clock {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private seq = 0;
  constructor(public t = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.t;
  }
  setTimer(ms: number, fn: () => void): () => void {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}

/** In-memory clipboard; `concealed` says whether the current text came with the clipboard-manager hints. */
export class MemoryClipboard implements Clipboard {
  text = '';
  concealed = false;
  writeText(t: string): void {
    this.text = t;
    this.concealed = false;
  }
  writeConcealed(t: string): void {
    this.text = t;
    this.concealed = true;
  }
  readText(): string {
    return this.text;
  }
}

/** Dialogs that answer with whatever path the test set (null = user cancelled). */
export class ScriptedDialogs implements FileDialogs {
  savePath: string | null = null;
  openPath: string | null = null;
  lastFilters: readonly FileFilter[] = [];
  /** What the native plain-export question answers (default: the user says no). */
  plainConsent = false;
  /** Languages the plain-export question was asked in, in order. */
  readonly consentAsked: Array<'de' | 'en'> = [];
  async confirmPlainExport(language: 'de' | 'en'): Promise<boolean> {
    this.consentAsked.push(language);
    return this.plainConsent;
  }
  async chooseSaveFile(): Promise<string | null> {
    return this.savePath;
  }
  async chooseOpenFile(filters: readonly FileFilter[]): Promise<string | null> {
    this.lastFilters = filters;
    return this.openPath;
  }
}

/** Ports made of the doubles above, with every emitted event recorded. */
export function testPorts(clock = new FakeClock()): Ports & {
  clock: FakeClock;
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

/** A fresh temp dir and a keychain service name no real user has; `cleanup` removes the dir. */
export function sandbox(): { dir: string; service: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'faktor-vault-'));
  return { dir, service: `faktor-test-${randomBytes(6).toString('hex')}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
