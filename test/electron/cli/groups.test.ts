import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/main/ports';
import { createOsKeychain } from '../../../electron/main/services/keychain';
import { createVault } from '../../../electron/main/services/vault';
import { TEST_SEED, totpAccount } from '../../support/use-sandbox';
import { cliSandbox, runInProcess, type CliRun } from './run-cli';

/**
 * `faktor groups` as testers run it: the first run spawns the real binary, the rest call runCli in
 * process (the same code). Accounts are put into the vault beforehand with the app's own vault service
 * on the same data dir and throwaway keychain service; the CLI then changes them with the same service.
 */

const box = cliSandbox();
const run = (argv: readonly string[]): Promise<CliRun> =>
  runInProcess([...argv, '--data-dir', box.dataDir, '--keychain-service', box.service]);
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};
const otpTags = async () => {
  const v = createVault({
    dir: box.dataDir,
    keychain: createOsKeychain(box.service),
    clock: systemClock,
  });
  return (await v.list()).map((a) => a.tags);
};

beforeAll(async () => {
  mkdirSync(box.dataDir, { recursive: true, mode: 0o700 });
  const v = createVault({
    dir: box.dataDir,
    keychain: createOsKeychain(box.service),
    clock: systemClock,
  });
  await v.add({ ...totpAccount('a'), tags: ['Work', 'Bank'] });
  await v.add({ ...totpAccount('b', Uint8Array.from(TEST_SEED).reverse()), tags: ['work'] });
  await v.add(totpAccount('c', new Uint8Array(20).fill(7)));
});
const imported = cliSandbox();
afterAll(async () => {
  await box.cleanup();
  await imported.cleanup();
});

describe('faktor groups', () => {
  it('lists the groups with their counts (real binary, text and --json)', async () => {
    const text = await box.run(['groups']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Work  (2)');
    const json = await run(['groups', 'list', '--json']);
    expect(last(json)).toEqual({
      groups: [
        { name: 'Work', count: 2 },
        { name: 'Bank', count: 1 },
      ],
    });
  }, 60_000);

  it('renames on every account at once, then dissolves; the accounts stay', async () => {
    const renamed = await run(['groups', 'rename', 'work', ' Office ', '--json']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(last(renamed)).toEqual({ renamed: { from: 'work', to: 'Office' }, changed: 2 });
    expect(await otpTags()).toEqual([['Office', 'Bank'], ['Office'], []]);

    const dissolved = await run(['groups', 'dissolve', 'BANK', '--json']);
    expect(last(dissolved)).toEqual({ dissolved: 'BANK', changed: 1 });
    expect(await otpTags()).toEqual([['Office'], ['Office'], []]);
  });

  it('refusals are typed errors (exit 1) that change nothing; usage mistakes exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['groups', 'rename', 'Office', 'a,b'], 'invalid-group-name'],
      [['groups', 'rename', 'Office', 'x'.repeat(33)], 'invalid-group-name'],
      [['groups', 'rename', 'Office', 'Evil\u202Eeman'], 'unsafe-name'],
      [['groups', 'dissolve', 'Nobody'], 'group-not-found'],
    ];
    for (const [argv, code] of cases) {
      const r = await run([...argv, '--json']);
      expect([argv, r.code, (last(r).error as { code?: string } | undefined)?.code]).toEqual([
        argv,
        1,
        code,
      ]);
    }
    const words = await run(['groups', 'dissolve', 'Nobody']);
    expect(words.stderr).toContain('No account is in this group any more.');
    for (const argv of [
      ['groups', 'rename', 'Office'],
      ['groups', 'dissolve'],
      ['groups', 'list', 'x'],
      ['groups', 'merge', 'a'],
    ]) {
      expect([argv, (await run([...argv, '--json'])).code]).toEqual([argv, 2]);
    }
    expect(await otpTags()).toEqual([['Office'], ['Office'], []]);
  });
});

describe("faktor import keeps other apps' favourites and groups", () => {
  it('an Aegis file with favourites and groups lands pinned and grouped, ready for `faktor groups`', async () => {
    const on = (argv: readonly string[]) =>
      runInProcess([
        ...argv,
        '--data-dir',
        imported.dataDir,
        '--keychain-service',
        imported.service,
      ]);
    const r = await on([
      'import',
      join(__dirname, '../../fixtures/import/aegis-organised.json'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const v = createVault({
      dir: imported.dataDir,
      keychain: createOsKeychain(imported.service),
      clock: systemClock,
    });
    expect((await v.list()).map((a) => [a.label, a.pinned, a.tags])).toEqual([
      ['alice@example.com', true, ['Work', 'Bank private']],
      ['bob', false, ['evilpuorg', 'Very long folder name that goes', 'WORK']],
      ['carol', false, []],
    ]);
    expect(last(await on(['groups', '--json']))).toEqual({
      groups: [
        { name: 'Work', count: 2 },
        { name: 'Bank private', count: 1 },
        { name: 'evilpuorg', count: 1 },
        { name: 'Very long folder name that goes', count: 1 },
      ],
    });
  }, 60_000);
});
