import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_KEY_FILE, loadOrCreateDataKeyFile } from '../../server/data-key-file';
import { parseDataKeys } from '../../server/store/credential-cipher';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'faktor-key-'));
  dirs.push(d);
  return d;
};

describe('data key file (npm run server without FAKTOR_DATA_KEYS)', () => {
  it('is created once with mode 0600 and read back unchanged on the next start', () => {
    const dir = join(temp(), 'nested', 'servicekonto');
    const first = loadOrCreateDataKeyFile(dir);
    expect(first.created).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(parseDataKeys(first.keys)).toHaveLength(1);
    const second = loadOrCreateDataKeyFile(dir);
    expect(second).toEqual({ ...first, created: false });
  });

  it('a damaged file stops the start instead of being replaced (that would orphan every credential)', () => {
    const dir = temp();
    writeFileSync(join(dir, DATA_KEY_FILE), 'garbage');
    expect(() => loadOrCreateDataKeyFile(dir)).toThrow(/not a valid data key file/);
    expect(readFileSync(join(dir, DATA_KEY_FILE), 'utf8')).toBe('garbage');
  });

  it('npm run server starts on a fresh data dir without FAKTOR_DATA_KEYS and says where the key is', async () => {
    const dir = temp();
    const env = { ...process.env };
    delete env.FAKTOR_DATA_KEYS;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dir],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((ok, fail) => {
      const t = setTimeout(() => fail(new Error(`no banner: ${out}`)), 45_000);
      const check = () => {
        if (/listening on/.test(out) && /data-key/.test(out)) {
          clearTimeout(t);
          ok();
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('exit', () => fail(new Error(`exited: ${out}`)));
    });
    child.kill('SIGTERM');
    expect(out).toContain(join(dir, DATA_KEY_FILE));
    expect(statSync(join(dir, DATA_KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});
