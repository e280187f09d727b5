import type { KeyDevice } from './node-hid-transport';

/** A plug or unplug seen between two polls. */
export interface KeyChange {
  readonly added: readonly KeyDevice[];
  readonly removed: readonly KeyDevice[];
  readonly current: readonly KeyDevice[];
}

/**
 * Hotplug detection by polling the OS device list (node-hid has no hotplug events): every `intervalMs`
 * the list is compared by path and `onChange` hears what came and went. A failed listing counts as
 * "no change" so a transient error does not make keys flicker away.
 */
export class KeyWatcher {
  private known = new Map<string, KeyDevice>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  constructor(
    private readonly list: () => Promise<KeyDevice[]>,
    private readonly onChange: (change: KeyChange) => void,
    private readonly intervalMs = 1000,
  ) {}

  /** One poll; also what the interval runs. Returns the change (empty lists when nothing changed). */
  async poll(): Promise<KeyChange> {
    if (this.polling) return { added: [], removed: [], current: [...this.known.values()] };
    this.polling = true;
    try {
      const now = new Map((await this.list()).map((d) => [d.path, d] as const));
      const added = [...now.values()].filter((d) => !this.known.has(d.path));
      const removed = [...this.known.values()].filter((d) => !now.has(d.path));
      this.known = now;
      const change = { added, removed, current: [...now.values()] };
      if (added.length > 0 || removed.length > 0) this.onChange(change);
      return change;
    } catch {
      return { added: [], removed: [], current: [...this.known.values()] };
    } finally {
      this.polling = false;
    }
  }

  /** Starts polling (first poll at once). */
  start(): void {
    if (this.timer) return;
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref?.(); // the watch alone must not keep a process (CLI, test worker) alive
  }

  /** Stops polling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
