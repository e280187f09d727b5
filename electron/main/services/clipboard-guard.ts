import type { Clipboard, Clock } from '../ports';

/**
 * Copies a code and removes it again after a while, on lock and on quit — but only if the clipboard
 * still holds exactly that code: whatever the user copied since is theirs and stays.
 */
export interface ClipboardGuard {
  /** Copies `text` (with the concealment hints when the port can write them); resolves to when it will be cleared (ms since epoch), or null when never by time. */
  copy(text: string, clearAfterSeconds: number): Promise<number | null>;
  /** Clears now if the clipboard still holds the last copied code (lock and quit), timer or not. */
  clearNow(): Promise<void>;
}

/** True when clearing must happen: the clipboard still shows the code we put there (pure; see clipboard-guard.test). */
export function stillOurs(current: string, ours: string | null): boolean {
  return ours !== null && ours !== '' && current === ours;
}

/** A guard over the given clipboard and clock. */
export function createClipboardGuard(clipboard: Clipboard, clock: Clock): ClipboardGuard {
  /** The last code we copied and have not cleared yet; kept even when timed clearing is off ("never"). */
  let ours: string | null = null;
  let cancelTimer: (() => void) | null = null;
  const clearIfUnchanged = async (text: string): Promise<void> => {
    if (stillOurs(await clipboard.readText(), text)) await clipboard.writeText('');
  };
  return {
    async copy(text, seconds) {
      cancelTimer?.();
      cancelTimer = null;
      ours = text;
      await (clipboard.writeConcealed ? clipboard.writeConcealed(text) : clipboard.writeText(text));
      if (seconds <= 0) return null;
      cancelTimer = clock.setTimer(seconds * 1000, () => {
        cancelTimer = null;
        if (ours === text) ours = null;
        // A clipboard that fails to answer later has nothing of ours to protect any more.
        void clearIfUnchanged(text).catch(() => undefined);
      });
      return clock.now() + seconds * 1000;
    },
    async clearNow() {
      cancelTimer?.();
      cancelTimer = null;
      const text = ours;
      ours = null;
      if (text !== null) await clearIfUnchanged(text);
    },
  };
}
