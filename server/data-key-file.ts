import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataKeys } from './store/credential-cipher';

/** Name of the key file in the data directory, used only when FAKTOR_DATA_KEYS is not set. */
export const DATA_KEY_FILE = 'data-key';

/** What loadOrCreateDataKeyFile found or made. */
export interface DataKeyFile {
  /** The key in FAKTOR_DATA_KEYS syntax (`local:<base64>`). */
  readonly keys: string;
  readonly path: string;
  readonly created: boolean;
}

/**
 * `npm run server` without FAKTOR_DATA_KEYS must still start for a tester on a fresh clone: the key
 * that seals credentials at rest then lives in `<dataDir>/data-key` (mode 0600, created on first start,
 * never overwritten). The banner says so, because a copy of the whole data directory then opens the
 * credentials; operators set FAKTOR_DATA_KEYS instead (docs/servicekonto.md, Keys). A damaged file is
 * an error, never silently replaced (that would make every stored credential unreadable).
 */
export function loadOrCreateDataKeyFile(dataDir: string): DataKeyFile {
  const file = path.join(dataDir, DATA_KEY_FILE);
  let exists = true;
  try {
    statSync(file);
  } catch {
    exists = false;
  }
  if (!exists) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // 'wx': never replace a key another process wrote meanwhile.
    writeFileSync(file, `local:${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
  }
  const keys = readFileSync(file, 'utf8').trim();
  try {
    parseDataKeys(keys);
  } catch (e) {
    throw new Error(
      `${file} is not a valid data key file (${(e as Error).message}); restore it from a backup or set FAKTOR_DATA_KEYS`,
      { cause: e },
    );
  }
  return { keys, path: file, created: !exists };
}
