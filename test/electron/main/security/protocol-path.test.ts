import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { tmpdir } from 'node:os';
import {
  appRequestPathname,
  resolveAppFile,
  resolveAppPath,
} from '../../../../electron/main/security/protocol-path';

/** What the app:// handler does with a request URL: origin first, then the path guard. */
function resolveUrl(root: string, url: string): string | null {
  const rawPath = appRequestPathname(url);
  return rawPath === null ? null : resolveAppPath(root, rawPath);
}

/** resolveAppFile for an app:// URL (these tests only use app://faktor URLs). */
function resolveFileUrl(root: string, url: string): Promise<string | null> {
  return resolveAppFile(root, appRequestPathname(url) ?? '/');
}

const ROOT = resolve('/srv/faktor/out/renderer');

describe('resolveAppPath', () => {
  it.each([
    ['app://faktor/', 'index.html'],
    ['app://faktor', 'index.html'],
    ['app://faktor/index.html', 'index.html'],
    ['app://faktor/index.html?x=1#/settings', 'index.html'],
    ['app://faktor/assets/index-abc123.js', join('assets', 'index-abc123.js')],
    ['app://faktor/assets/Inter%20Var.woff2', join('assets', 'Inter Var.woff2')],
    // the URL parser itself removes dot segments (also %2e-encoded ones) before we look
    ['app://faktor/assets/../index.html', 'index.html'],
    ['app://faktor/%2e%2e/%2e%2e/index.html', 'index.html'],
  ])('%s → <root>/%s', (url, rel) => {
    expect(resolveUrl(ROOT, url)).toBe(join(ROOT, rel));
  });

  it.each([
    // other origins
    'app://evil/index.html',
    'app://faktor.evil/index.html',
    'app://x@faktor/index.html',
    'https://faktor/index.html',
    'file:///etc/passwd',
    // encoded traversal that survives URL parsing
    'app://faktor/..%2f..%2fetc%2fpasswd',
    'app://faktor/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://faktor/..%5c..%5cwindows%5cwin.ini',
    'app://faktor/%252e%252e/%252e%252e/etc/passwd',
    'app://faktor/assets/%2e%2e%2f%2e%2e%2fetc',
    // absolute paths and drive letters
    'app://faktor//etc/passwd',
    'app://faktor/C:/Windows/win.ini',
    'app://faktor/c%3a%5cwindows',
    // NUL and backslashes
    'app://faktor/index.html%00.png',
    'app://faktor/assets\\..\\..\\secret',
    // malformed encoding, dotfiles, directories
    'app://faktor/%E0%A4%A',
    'app://faktor/.vite/manifest.json',
    'app://faktor/.env',
    'app://faktor/assets/',
  ])('refuses %s', (url) => {
    expect(resolveUrl(ROOT, url)).toBeNull();
  });

  it('property: any request resolves under the root or not at all', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2e',
        '%252e',
        '..%2f',
        '%5c',
        '%00',
        '',
        'C:',
        '~',
        'assets',
        'index.html',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        let url: string;
        try {
          url = new URL(`app://faktor/${segments.join('/')}`).href;
        } catch {
          return true;
        }
        const out = resolveUrl(ROOT, url);
        if (out === null) return true;
        const rel = relative(ROOT, out);
        return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveAppFile (file system: symlinks)', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'faktor-proto-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'app.js'), '1');
    await writeFile(join(base, 'secret.txt'), 'seed');
    await symlink(join(base, 'secret.txt'), join(root, 'assets', 'escape.txt'));
    await symlink(base, join(root, 'assets', 'up'));
    await symlink(join(root, 'assets', 'app.js'), join(root, 'assets', 'inside.js'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves real files under the root', async () => {
    await expect(resolveFileUrl(root, 'app://faktor/')).resolves.toMatch(/index\.html$/);
    await expect(resolveFileUrl(root, 'app://faktor/assets/app.js')).resolves.toMatch(/app\.js$/);
  });
  it('follows a symlink that stays inside', async () => {
    await expect(resolveFileUrl(root, 'app://faktor/assets/inside.js')).resolves.toMatch(
      /assets[/\\]app\.js$/,
    );
  });
  it('refuses a symlinked file that escapes the root', async () => {
    await expect(resolveFileUrl(root, 'app://faktor/assets/escape.txt')).resolves.toBeNull();
  });
  it('refuses a path through a symlinked directory that escapes the root', async () => {
    await expect(resolveFileUrl(root, 'app://faktor/assets/up/secret.txt')).resolves.toBeNull();
  });
  it('refuses a directory (no file:// listings)', async () => {
    await expect(resolveFileUrl(root, 'app://faktor/assets')).resolves.toBeNull();
  });
  it('answers null for a missing file and for a directory request refused by the path guard', async () => {
    await expect(resolveFileUrl(root, 'app://faktor/missing.js')).resolves.toBeNull();
    await expect(resolveFileUrl(root, 'app://faktor/..%2fsecret.txt')).resolves.toBeNull();
  });
});
