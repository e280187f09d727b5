/**
 * A one-slot queue: operations run strictly one after another, so two vault writes (or an unlock
 * attempt and a lock) never interleave, even though each awaits I/O.
 */
export function createSerial(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  };
}
