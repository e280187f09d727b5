import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type * as Asar from '@electron/asar';
import type * as Fuses from '@electron/fuses';
import { QR_WORKER_FILE } from '../../../../scripts/qr-worker-bundle';

/**
 * The real packaging run, as far as it can go here: `electron-vite build`, then electron-builder's own
 * `--linux --dir` packing (file set, asar, asarUnpack, fuses, extra resources) with `electronDist`
 * pointing at a STAND-IN for the Electron binary — the Electron zip cannot be downloaded on the build
 * machines. The stand-in is a shell script carrying Electron's fuse sentinel and a fuse wire with
 * Electron's defaults, so @electron/fuses flips it exactly as it would flip the real binary. Everything
 * below is read back from what electron-builder wrote: the asar header, app.asar.unpacked, the binary.
 */
const root = resolve(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as typeof Asar;
const fuses = require('@electron/fuses') as typeof Fuses;
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses: Record<string, boolean>;
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped fuse wire (FuseV1Options order): RunAsNode on, cookie encryption off, NODE_OPTIONS
// on, --inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on.
const DEFAULT_WIRE = '10110001';

const work = mkdtempSync(join(tmpdir(), 'faktor-pack-'));
const appDir = join(work, 'release/linux-unpacked');
const archive = join(appDir, 'resources/app.asar');
const desktopEntry = join(work, 'faktor.desktop');
let entries: Array<{ path: string; unpacked: boolean }> = [];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)],
  );
}

beforeAll(() => {
  execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    stdio: 'pipe',
  });
  const dist = join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', dist]);
  writeFileSync(
    join(dist, 'electron'),
    `#!/bin/sh\necho "stand-in for Electron"\nexit 0\n${SENTINEL}\x01\x08${DEFAULT_WIRE}\n`,
    'latin1',
  );
  chmodSync(join(dist, 'electron'), 0o755);
  execFileSync(
    join(root, 'node_modules/.bin/electron-builder'),
    [
      '--linux',
      '--dir',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${join(work, 'release')}`,
      `-c.afterPack=${join(root, 'test/support/desktop-entry-hook.mjs')}`,
    ],
    {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, CI: '1', FAKTOR_DESKTOP_ENTRY_OUT: desktopEntry },
    },
  );
  const header = asar.getRawHeader(archive).header;
  const visit = (node: Asar.DirectoryRecord, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files)) {
      const p = prefix ? `${prefix}/${name}` : name;
      if ('files' in child) visit(child as Asar.DirectoryRecord, p);
      else entries.push({ path: p, unpacked: 'unpacked' in child && child.unpacked === true });
    }
  };
  entries = [];
  visit(header, '');
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('packaging dry run (electron-builder --dir with a stand-in Electron binary)', () => {
  it('unpacks native .node files only — every JS file the app runs stays inside app.asar', () => {
    const unpacked = entries.filter((e) => e.unpacked).map((e) => e.path);
    expect(unpacked.length).toBeGreaterThan(0);
    for (const p of unpacked) expect(p, p).toMatch(/\.node$/);
    // The folder on disk holds exactly the entries the header marks unpacked (nothing extra was copied).
    const onDisk = walk(`${archive}.unpacked`).map((f) =>
      relative(`${archive}.unpacked`, f).split('\\').join('/'),
    );
    expect(onDisk.sort()).toEqual([...unpacked].sort());
    // The main process's own modules, and the native modules' JS loaders, are packed.
    const packed = new Set(entries.filter((e) => !e.unpacked).map((e) => e.path));
    for (const p of [
      'out/main/index.js',
      `out/main/${QR_WORKER_FILE}`,
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
      'node_modules/node-hid/nodehid.js',
      'node_modules/@napi-rs/keyring/index.js',
    ]) {
      expect(packed.has(p), p).toBe(true);
    }
    expect(entries.filter((e) => e.path.startsWith('out/')).every((e) => !e.unpacked)).toBe(true);
  });

  it('every module the main bundle imports resolves inside the archive', () => {
    const main = asar.extractFile(archive, 'out/main/index.js').toString('utf8');
    const specifiers = new Set(
      [
        ...main.matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gm),
      ].map((m) => m[1] ?? m[2]!),
    );
    const external = [...specifiers].filter(
      (s) => !isBuiltin(s) && s !== 'electron' && !s.startsWith('.'),
    );
    expect(external.length).toBeGreaterThan(0);
    const paths = new Set(entries.map((e) => e.path));
    for (const s of external) {
      const pkg = /^((?:@[^/]+\/)?[^/]+)/.exec(s)![1]!;
      expect(paths.has(`node_modules/${pkg}/package.json`), s).toBe(true);
    }
    // Relative imports (Rollup chunks) would have to be packed too; today main is one file.
    for (const s of specifiers)
      if (s.startsWith('.'))
        expect(paths.has(join('out/main', s).split('\\').join('/')), s).toBe(true);
    // The QR worker is one file that requires nothing but Node built-ins; its wasm is read by main.
    const worker = asar.extractFile(archive, `out/main/${QR_WORKER_FILE}`).toString('utf8');
    for (const m of worker.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g))
      expect(isBuiltin(m[1]!), m[1]).toBe(true);
    expect(paths.has('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')).toBe(true);
  });

  it('ships no sources, tests, server code or source maps', () => {
    for (const e of entries) {
      expect(e.path, e.path).not.toMatch(
        /^(server|test|electron|renderer|shared|scripts|bench|docs|build|release|\.ci)\//,
      );
      expect(e.path, e.path).not.toMatch(/\.map$/);
    }
    const top = new Set(
      entries.map((e) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(e.path)?.[1]).filter(Boolean),
    );
    for (const dep of [
      'fastify',
      'better-sqlite3',
      '@simplewebauthn/server',
      'react',
      'react-dom',
      'electron',
      'vite',
      'esbuild',
      '@esbuild/linux-x64',
    ])
      expect(top.has(dep), dep).toBe(false);
  });

  it('flips every configured fuse in the binary', async () => {
    const wire = (await fuses.getCurrentFuseWire(join(appDir, 'faktor'))) as unknown as Record<
      number,
      number
    >;
    // Fuse states are ASCII digits in the wire: '1' enabled, '0' disabled.
    const on = '1'.charCodeAt(0);
    const off = '0'.charCodeAt(0);
    const f = config.electronFuses;
    const expected: Record<number, number> = {
      [fuses.FuseV1Options.RunAsNode]: f.runAsNode ? on : off,
      [fuses.FuseV1Options.EnableCookieEncryption]: f.enableCookieEncryption ? on : off,
      [fuses.FuseV1Options.EnableNodeOptionsEnvironmentVariable]:
        f.enableNodeOptionsEnvironmentVariable ? on : off,
      [fuses.FuseV1Options.EnableNodeCliInspectArguments]: f.enableNodeCliInspectArguments
        ? on
        : off,
      [fuses.FuseV1Options.EnableEmbeddedAsarIntegrityValidation]:
        f.enableEmbeddedAsarIntegrityValidation ? on : off,
      [fuses.FuseV1Options.OnlyLoadAppFromAsar]: f.onlyLoadAppFromAsar ? on : off,
      [fuses.FuseV1Options.GrantFileProtocolExtraPrivileges]: f.grantFileProtocolExtraPrivileges
        ? on
        : off,
    };
    for (const [i, state] of Object.entries(expected))
      expect(wire[Number(i)], fuses.FuseV1Options[Number(i)]).toBe(state);
    expect(wire[fuses.FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[fuses.FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
  });

  it('puts the udev rule next to the resources', () => {
    expect(existsSync(join(appDir, 'resources/70-faktor-fido.rules'))).toBe(true);
  });

  it('computes a Linux .desktop entry that registers the faktor:// scheme', () => {
    const lines = readFileSync(desktopEntry, 'utf8').split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    const entry = Object.fromEntries(
      lines
        .slice(1)
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(entry.Name).toBe('Faktor');
    expect(entry.Type).toBe('Application');
    expect(entry.Icon).toBe('faktor');
    expect(entry.Categories).toBe('Utility;');
    expect(entry.MimeType).toBe('x-scheme-handler/faktor;');
    // %U hands the clicked link to the app as an argument.
    expect(entry.Exec).toBe('/opt/Faktor/faktor %U');
  });
});
