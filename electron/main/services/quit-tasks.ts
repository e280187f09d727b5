/**
 * Work that must finish before the app exits (clearing a copied code from the clipboard), run with a
 * time limit so a hung clipboard can never keep the app from quitting. platform/bootstrap.ts runs it
 * from Electron's 'will-quit' (prevent, await, quit again); tests run it directly.
 */
export interface QuitTasks {
  /** Registers a task (the Ports.onQuit hook). */
  add(task: () => Promise<void>): void;
  /** Runs every task once, in parallel; resolves when all settled or after `limitMs`. Later calls resolve at once. */
  run(limitMs: number): Promise<void>;
  /** True once run() was called (so the second 'will-quit' passes through). */
  readonly started: boolean;
}

/** An empty task list. */
export function createQuitTasks(): QuitTasks {
  const tasks: Array<() => Promise<void>> = [];
  let started = false;
  return {
    add(task) {
      tasks.push(task);
    },
    async run(limitMs) {
      if (started) return;
      started = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limitMs);
      });
      try {
        await Promise.race([Promise.allSettled(tasks.map(async (t) => t())), limit]);
      } finally {
        clearTimeout(timer);
      }
    },
    get started() {
      return started;
    },
  };
}
