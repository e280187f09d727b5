import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

/**
 * `npm start`'s first step, run as npm runs it (a child process in the project folder), against a TEMP
 * COPY of node_modules/electron — the real one is never touched. Electron's own installer
 * (install.js + @electron/get, linked from the real node_modules) really runs: against a closed
 * loopback port (offline), a port that never answers (timeout), and a local mirror serving a zip with
 * a stand-in executable (the "machine with internet" path). The Electron zip itself cannot be
 * downloaded here; the stand-in is a shell script.
 */
const root = resolve(import.meta.dirname, '../..');
const realElectron = join(root, 'node_modules/electron');
const script = join(root, 'scripts/ensure-electron.ts');
const tsx = join(root, 'node_modules/.bin/tsx');
const version = (
  JSON.parse(readFileSync(join(realElectron, 'package.json'), 'utf8')) as { version: string }
).version;
const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const realPathTxtBefore = existsSync(join(realElectron, 'path.txt'));

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
afterAll(() => expect(existsSync(join(realElectron, 'path.txt'))).toBe(realPathTxtBefore));

/** A project folder with a copy of the electron package; its installer's dependencies are linked. */
function project(): { dir: string; electron: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'faktor-start-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), '{"name":"start-test","private":true}');
  const electron = join(dir, 'node_modules/electron');
  cpSync(realElectron, electron, {
    recursive: true,
    filter: (src) => !/[\\/](dist|node_modules)$|path\.txt$/.test(src),
  });
  for (const scope of ['@electron', '@electron-internal'])
    symlinkSync(join(root, 'node_modules', scope), join(dir, 'node_modules', scope), 'dir');
  return { dir, electron, cache: join(dir, 'cache') };
}

/**
 * Runs the script the way `npm start` does; the environment never points at the real Electron cache.
 * Asynchronous, so the mirrors served from this process can answer meanwhile.
 */
function start(
  dir: string,
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(ELECTRON_|electron_|npm_config_electron|FAKTOR_ELECTRON)/i.test(k),
    ),
  );
  const child = spawn(tsx, [script], { cwd: dir, env: { ...clean, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((r) => child.on('close', (status) => r({ status, stdout, stderr })));
}

function listen<T extends Server | ReturnType<typeof createTcpServer>>(server: T): Promise<number> {
  cleanups.push(() => new Promise((r) => server.close(r)));
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)),
  );
}

/** A loopback port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const s = createTcpServer();
  const port = await new Promise<number>((r) =>
    s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)),
  );
  await new Promise((r) => s.close(r));
  return port;
}

describe('npm start: making sure the Electron binary is there', { timeout: 120_000 }, () => {
  it('starts nothing and says nothing when the executable that path.txt names is present', async () => {
    const { dir, electron } = project();
    mkdirSync(join(electron, 'dist'));
    // Stand-in for the Electron executable (the real one cannot be downloaded here).
    writeFileSync(join(electron, 'dist/electron'), '#!/bin/sh\necho stand-in\n');
    chmodSync(join(electron, 'dist/electron'), 0o755);
    writeFileSync(join(electron, 'dist/version'), version);
    writeFileSync(join(electron, 'path.txt'), 'electron');
    const r = await start(dir, { ELECTRON_MIRROR: 'http://127.0.0.1:1/' });
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    // Electron's own entry point agrees: it returns that path without trying to download.
    const fromElectron = execFileSync(process.execPath, ['-p', 'require("electron")'], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
    expect(fromElectron).toBe(join(electron, 'dist/electron'));
  });

  it('offline: exits 1 with one plain sentence and no stack trace', async () => {
    const { dir, electron, cache } = project();
    const r = await start(dir, {
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
      electron_config_cache: cache,
      FAKTOR_ELECTRON_DOWNLOAD_TIMEOUT_S: '30',
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Faktor cannot start: the Electron [\d.]+ binary is not installed and its download failed \(fetch failed\)/,
    );
    expect(lines[0]).toContain('ELECTRON_MIRROR');
    expect(lines[0]).toContain(zip);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(electron, 'path.txt'))).toBe(false);
  });

  it('a mirror that never answers: gives up after the timeout, same kind of message', async () => {
    const { dir, cache } = project();
    const held: Socket[] = [];
    const silent = createTcpServer((s) => held.push(s));
    cleanups.push(() => held.forEach((s) => s.destroy()));
    const port = await listen(silent);
    const r = await start(dir, {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: cache,
      FAKTOR_ELECTRON_DOWNLOAD_TIMEOUT_S: '2',
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('(no answer within 2 s)');
  });

  it("with a reachable mirror: runs Electron's installer, which fetches, checks and unpacks the zip", async () => {
    const { dir, electron, cache } = project();
    // A zip shaped like Electron's, holding a stand-in executable; built with Python's zipfile.
    const zipPath = join(dir, zip);
    execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], "w")\ni = zipfile.ZipInfo("electron"); i.external_attr = 0o755 << 16\nz.writestr(i, "#!/bin/sh\\necho stand-in\\n")\nz.writestr("version", sys.argv[2])\nz.close()',
      zipPath,
      version,
    ]);
    const bytes = readFileSync(zipPath);
    const sums = `${createHash('sha256').update(bytes).digest('hex')} *${zip}\n`;
    const seen: string[] = [];
    const mirror = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === `/v${version}/${zip}`) res.end(bytes);
      else if (req.url === `/v${version}/SHASUMS256.txt`) res.end(sums);
      else res.writeHead(404).end();
    });
    const port = await listen(mirror);
    const r = await start(dir, {
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: cache,
      electron_use_remote_checksums: '1',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Downloading Electron ${version}`);
    expect(seen).toContain(`/v${version}/${zip}`);
    expect(readFileSync(join(electron, 'path.txt'), 'utf8')).toBe('electron');
    expect(execFileSync(join(electron, 'dist/electron'), { encoding: 'utf8' })).toBe('stand-in\n');
  });

  it('an ELECTRON_EXEC_PATH that does not exist is named, not downloaded around', async () => {
    const { dir } = project();
    const r = await start(dir, { ELECTRON_EXEC_PATH: join(dir, 'missing/electron') });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Faktor cannot start: ELECTRON_EXEC_PATH is set to ${join(dir, 'missing/electron')}, which does not exist — point it at an Electron executable or unset it.`,
    );
  });
});
