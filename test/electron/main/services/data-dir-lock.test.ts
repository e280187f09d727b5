import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { defaultAppDataDir } from '../../../../electron/main/services/app-data-dir';
import { acquireDataDirLock, LOCK_FILE } from '../../../../electron/main/services/data-dir-lock';

/** Real files and real processes (a finished child's pid stands in for a crashed owner). */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faktor-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data-dir lock', () => {
  it('lets one holder in, refuses a second with data-dir-busy, and frees on release', async () => {
    const lock = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toSatisfy((e) =>
      isFaktorError(e, 'data-dir-busy'),
    );
    await lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    await (await acquireDataDirLock(dir)).release();
  });

  it('takes over a lock whose owner is gone (crash), and one that is unreadable', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead }));
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid });
    await lock.release();
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    await (await acquireDataDirLock(dir)).release();
  });

  it('creates a missing data directory', async () => {
    const nested = join(dir, 'a', 'Faktor');
    await (await acquireDataDirLock(nested)).release();
    expect(existsSync(nested)).toBe(true);
  });
});

describe('default data directory', () => {
  it('is Electron\'s userData for "Faktor" on each OS', () => {
    expect(defaultAppDataDir('linux', {}, '/home/e')).toBe('/home/e/.config/Faktor');
    expect(defaultAppDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/e')).toBe('/x/Faktor');
    expect(defaultAppDataDir('darwin', {}, '/Users/e')).toBe(
      '/Users/e/Library/Application Support/Faktor',
    );
    expect(
      defaultAppDataDir('win32', { APPDATA: 'C:\\Users\\e\\AppData\\Roaming' }, 'C:\\Users\\e'),
    ).toMatch(/Roaming[\\/]Faktor$/);
  });
});
