import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { APP_ORIGIN, originOf } from './app-origin';

/** The file served for `app://faktor/` (the renderer's single page). */
export const APP_INDEX = 'index.html';

/** True when `child` is `root` itself or lies below it (both absolute, already resolved). */
function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The still-encoded pathname of an `app://faktor/...` request, or null for any other origin
 * (the app:// handler sees every app:// host, so the origin is checked before the path).
 */
export function appRequestPathname(requestUrl: string): string | null {
  return originOf(requestUrl) === APP_ORIGIN ? new URL(requestUrl).pathname : null;
}

/**
 * Checklist item 18: maps a request pathname (still percent-encoded, as in the URL) to a file under
 * the renderer output directory, or null. Refuses `..`/`.` segments (also percent-encoded),
 * backslashes, NUL, drive letters, double encoding (`%25…`), empty segments and dotfiles — and finally
 * checks the joined path is still inside `rootDir`. Pure string work; see resolveAppFile for symlinks.
 * The app:// handler and the test harness's loopback server both serve through this.
 */
export function resolveAppPath(rootDir: string, rawPath: string): string | null {
  const root = resolve(rootDir);
  if (/%(00|5c|2f)/i.test(rawPath) || rawPath.includes('\\')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded === '' || decoded === '/') decoded = `/${APP_INDEX}`;
  if (!decoded.startsWith('/')) return null;
  const segments = decoded.slice(1).split('/');
  for (const s of segments) {
    if (s === '' || s.startsWith('.') || /[\0\\:%]/.test(s)) return null;
  }
  const candidate = join(root, ...segments);
  return isInside(root, candidate) && candidate !== root ? candidate : null;
}

/**
 * resolveAppPath plus the file-system check: the real path (symlinks followed) must still lie
 * inside the real path of `rootDir` and be a regular file (a directory would make Chromium render a
 * file:// listing). Null for anything refused or missing.
 */
export async function resolveAppFile(rootDir: string, rawPath: string): Promise<string | null> {
  const candidate = resolveAppPath(rootDir, rawPath);
  if (candidate === null) return null;
  try {
    const [realRoot, realFile] = await Promise.all([
      realpath(resolve(rootDir)),
      realpath(candidate),
    ]);
    if (!isInside(realRoot, realFile) || realFile === realRoot) return null;
    return (await stat(realFile)).isFile() ? realFile : null;
  } catch {
    return null;
  }
}
