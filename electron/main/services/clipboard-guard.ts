import type { Clipboard, Clock } from '../ports';

/**
 * Copies a code and removes it again after a while, but only if the clipboard still holds exactly
 * that code: whatever the user copied since is theirs and stays.
 */
export interface ClipboardGuard {
  /** Copies `text`; resolves to when it will be cleared (ms since epoch), or null when never. */
  copy(text: string, clearAfterSeconds: number): Promise<number | null>;
  /** Clears now if the clipboard still holds the last copied text (e.g. when the app locks). */
  clearNow(): Promise<void>;
}

/** A guard over the given clipboard and clock. */
export function createClipboardGuard(clipboard: Clipboard, clock: Clock): ClipboardGuard {
  let pending: { text: string; cancel: () => void } | null = null;
  const clearIfUnchanged = async (text: string): Promise<void> => {
    if ((await clipboard.readText()) === text) await clipboard.writeText('');
  };
  return {
    async copy(text, seconds) {
      pending?.cancel();
      pending = null;
      await clipboard.writeText(text);
      if (seconds <= 0) return null;
      const cancel = clock.setTimer(seconds * 1000, () => {
        pending = null;
        // A clipboard that fails to answer later has nothing of ours to protect any more.
        void clearIfUnchanged(text).catch(() => undefined);
      });
      pending = { text, cancel };
      return clock.now() + seconds * 1000;
    },
    async clearNow() {
      if (!pending) return;
      const { text, cancel } = pending;
      pending = null;
      cancel();
      await clearIfUnchanged(text);
    },
  };
}
