import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Crash-safe file replacement: the reader sees either the complete old file or the complete new
 * one, never a torn mix. Steps: write a temp file next to the target, fsync it, rename over the
 * target (atomic on POSIX and on NTFS via MoveFileEx), fsync the directory so the rename itself is
 * durable. A crash before the rename leaves the old file untouched plus a stray temp file.
 */

/** Test hook points; production passes none. Each may throw or never resolve (to simulate a crash). */
export interface AtomicWriteHooks {
  /** After the temp file is written and fsynced, before the rename. */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

const TEMP_MARK = '.tmp-';

/** Writes `data` to `path` atomically with the given file mode (default owner-only). */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode?: number; hooks?: AtomicWriteHooks } = {},
): Promise<void> {
  const temp = join(
    dirname(path),
    `${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`,
  );
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  try {
    await options.hooks?.beforeRename?.(temp);
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await syncDir(dirname(path));
}

/** fsync on a directory makes a rename durable on Linux; Windows cannot open directories, skip there. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's bytes, or null when it does not exist (any other read error propagates). */
export async function readFileIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Removes temp files a crash left next to `path` (their write was never acknowledged to anyone). */
export async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((n) => n.startsWith(prefix))
      .map((n) => unlink(join(dirname(path), n)).catch(() => undefined)),
  );
}
