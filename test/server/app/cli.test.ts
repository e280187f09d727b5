/**
 * `npm run server` as a program: --help documents every flag, the start prints one banner line with
 * the URL (plus a warning line in test mode), and an unknown flag is refused with exit code 2.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { startupBanner } from '../../../server/config';
import { configFromArgs } from '../../../server/config-flags';
import { HELP_TEXT } from '../../../server/config-help';

const root = path.resolve(__dirname, '../../..');
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });

// Starting tsx + the server takes seconds on a quiet machine but over 30 s on a loaded 2-core CI box;
// these limits only stop a hung child, they measure nothing.
it(
  '--help lists every flag with its environment variable and exits 0 without starting',
  { timeout: 150_000 },
  () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(HELP_TEXT);
    for (const flag of [
      '--host',
      '--port',
      '--data-dir',
      '--test-mode',
      '--secure-cookies',
      '--origin',
      '--rp-id',
      '--log-level',
      '--help',
    ])
      expect(r.stdout).toContain(flag);
    for (const env of [
      'FAKTOR_HOST',
      'FAKTOR_PORT',
      'FAKTOR_DATA_DIR',
      'FAKTOR_TEST_MODE',
      'FAKTOR_SECURE_COOKIES',
      'FAKTOR_ORIGIN',
      'FAKTOR_RP_ID',
      'FAKTOR_LOG_LEVEL',
    ])
      expect(r.stdout).toContain(env);
  },
);

it(
  'refuses an unknown flag or a flag without its value (exit 2, pointing to --help)',
  { timeout: 150_000 },
  () => {
    const r = run(['--tset-mode']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown argument "--tset-mode" \(see --help\)/);
    expect(() => configFromArgs(['--port'], {})).toThrow(/needs a value/);
    expect(() => configFromArgs(['--data-dir', '--test-mode'], {})).toThrow(/needs a value/);
  },
);

it(
  'on PostgreSQL: refuses to start without a shared data key, and names an unreachable database without its password',
  { timeout: 300_000 },
  () => {
    const { FAKTOR_DATA_KEYS: _keys, FAKTOR_DATABASE_URL: _url, ...env } = process.env;
    const noKey = run(['--database', 'postgres://faktor@127.0.0.1:1/sk'], env);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/every node needs the same data key: set FAKTOR_DATA_KEYS/);
    const down = run([], {
      ...env,
      FAKTOR_DATA_KEYS: `t1:${Buffer.alloc(32, 3).toString('base64')}`,
      FAKTOR_DATABASE_URL: 'postgres://faktor:hunter2@127.0.0.1:1/sk',
    });
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(
      /faktor server: cannot open the database postgres:\/\/faktor:\*\*\*@127\.0\.0\.1:1\/sk: .*ECONNREFUSED/,
    );
    expect(down.stderr + down.stdout).not.toContain('hunter2');
  },
);

it('banner: one line with the URL to open; test mode adds a warning line', () => {
  const normal = configFromArgs(['--data-dir', '/tmp/sk'], {
    FAKTOR_DATA_KEYS: `t1:${Buffer.alloc(32).toString('base64')}`,
  });
  expect(startupBanner(normal, 'http://127.0.0.1:8787', 'http://localhost:8787')).toEqual([
    'Faktor Servicekonto (BSI TR-03160-1): open http://localhost:8787/ — listening on http://127.0.0.1:8787 — API http://localhost:8787/openapi.json — data /tmp/sk',
  ]);
  const test = startupBanner(
    { ...normal, testMode: true },
    'http://127.0.0.1:8787',
    'http://localhost:8787',
  );
  expect(test).toHaveLength(2);
  expect(test[1]).toMatch(/^WARNING: TEST MODE/);
});

it('the started program prints the banner and, in test mode, the warning', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-cli-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--test-mode',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const { out, err } = await new Promise<{ out: string; err: string }>((resolve, reject) => {
      let out = '';
      let err = '';
      const timer = setTimeout(() => reject(new Error(`no banner: ${out} ${err}`)), 120_000);
      const done = (): void => {
        if (/open http:\/\/localhost:\d+\//.test(out) && /WARNING: TEST MODE/.test(err)) {
          clearTimeout(timer);
          resolve({ out, err });
        }
      };
      child.stdout.on('data', (d: Buffer) => ((out += d.toString()), done()));
      child.stderr.on('data', (d: Buffer) => ((err += d.toString()), done()));
    });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const url = /open (http:\/\/localhost:\d+)\//.exec(lines[0] as string)?.[1] as string;
    expect((await fetch(`${url.replace('localhost', '127.0.0.1')}/test/clock`)).status).toBe(200);
    expect(err).toContain('never use real data');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 150_000);
