import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FaktorError } from '../../../shared/errors';

/**
 * One writer per data directory: the app and the tester CLI each hold `faktor.lock` (created with
 * O_EXCL, holding the owner's pid) while they run, so they never write the vault at the same time.
 * A lock whose pid no longer runs (a crash) is taken over; a live one gives 'data-dir-busy'.
 */

/** File name of the lock inside the data directory. */
export const LOCK_FILE = 'faktor.lock';

/** A held lock. */
export interface DataDirLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

async function tryCreate(path: string, mine: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(mine);
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** Takes the lock of `dir` (creating the directory owner-only if needed) or throws 'data-dir-busy'. */
export async function acquireDataDirLock(
  dir: string,
  pid: number = process.pid,
): Promise<DataDirLock> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  const mine = `${JSON.stringify({ pid })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(path, mine)) {
      return {
        async release() {
          const now = await readFile(path, 'utf8').catch(() => null);
          if (now === mine) await unlink(path).catch(() => undefined);
        },
      };
    }
    const held = await readFile(path, 'utf8').catch(() => '');
    let owner = -1;
    try {
      owner = Number((JSON.parse(held) as { pid?: unknown }).pid);
    } catch {
      // unreadable lock: treat as stale below
    }
    if (alive(owner)) throw new FaktorError('data-dir-busy', `held by pid ${owner}`);
    await unlink(path).catch(() => undefined); // stale: its owner is gone
  }
  throw new FaktorError('data-dir-busy', 'lock contended');
}
