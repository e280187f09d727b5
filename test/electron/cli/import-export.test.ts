import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliSandbox, runInProcess, type CliRun } from './run-cli';

/**
 * `faktor import` and `faktor export` as testers run them (the real CLI process, a temp data dir, the
 * throwaway keyring): fixtures from test/fixtures/import, every outcome printed as JSON, the typed error
 * codes on refusal, and a round trip through each export format. The first run spawns the real
 * binary; the rest call runCli in-process (the same code, without a tsx boot per run on a busy machine).
 */

const FIX = join(__dirname, '../../fixtures/import');
/** A sandbox whose `run` calls runCli in this process with the sandbox's data dir and keychain service. */
function inProcess(b: ReturnType<typeof cliSandbox>) {
  return {
    ...b,
    spawned: b.run,
    run: (argv: readonly string[]): Promise<CliRun> =>
      runInProcess([...argv, '--data-dir', b.dataDir, '--keychain-service', b.service]),
  };
}
const box = inProcess(cliSandbox());
const other = inProcess(cliSandbox());
const right = box.file('right', 'correct horse\n');
const wrong = box.file('wrong', 'incorrect horse\n');
const backupPw = box.file('backup-pw', 'backup password 1\n');
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};
const errorOf = (r: CliRun): unknown => (last(r).error as { code?: string } | undefined)?.code;
type Outcome = {
  format: string;
  accounts: Array<{ issuer: string; label: string }>;
  duplicates: unknown[];
  dropped: Array<{ reason: string }>;
  imported: number;
  dryRun: boolean;
};
const outcome = (r: CliRun): Outcome => last(r).import as Outcome;
const otpCount = async (b: { run(argv: readonly string[]): Promise<CliRun> }): Promise<number> =>
  (await b.run(['accounts', '--otp', '--json'])).lines.length;

afterAll(async () => {
  await box.cleanup();
  await other.cleanup();
});

describe('faktor import', () => {
  it('--dry-run lists what would be added and writes nothing; the real run adds, a second run lists duplicates', async () => {
    const dry = await box.spawned(['import', join(FIX, 'aegis-plain.json'), '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(outcome(dry)).toMatchObject({
      format: 'aegis',
      imported: 0,
      dryRun: true,
      duplicates: [],
    });
    expect(outcome(dry).accounts.map((a) => a.issuer)).toEqual(['ACME Co', 'Bank', 'Mail']);
    expect(outcome(dry).dropped.map((d) => d.reason)).toEqual(['unsupported-type']);
    expect(await otpCount(box)).toBe(0);

    const real = await box.run([
      'import',
      join(FIX, 'aegis-encrypted.json'),
      '--password-file',
      right,
      '--json',
    ]);
    expect(real.code, real.stderr).toBe(0);
    expect(outcome(real)).toMatchObject({ format: 'aegis', imported: 3, dryRun: false });
    expect(await otpCount(box)).toBe(3);

    const again = await box.run([
      'import',
      join(FIX, 'twofas-plain.2fas'),
      '--format',
      '2fas',
      '--json',
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(outcome(again)).toMatchObject({ format: '2fas', imported: 0, accounts: [] });
    expect(outcome(again).duplicates).toHaveLength(3);
    expect(await otpCount(box)).toBe(3);
  }, 120_000);

  it('refusals are typed errors (exit 1) and leave the vault as it was; usage mistakes exit 2', async () => {
    const trunc = box.file(
      'truncated.json',
      readFileSync(join(FIX, 'aegis-plain.json'), 'utf8').slice(0, 200),
    );
    const cases: Array<[string[], string]> = [
      [
        ['import', join(FIX, 'twofas-encrypted.2fas'), '--password-file', wrong],
        'backup-wrong-password',
      ],
      [['import', join(FIX, 'twofas-encrypted.2fas')], 'backup-wrong-password'],
      [['import', trunc], 'import-unknown-format'],
      [['import', trunc, '--format', 'aegis'], 'import-damaged'],
      [['import', join(FIX, 'bitwarden-encrypted.json')], 'import-unsupported'],
    ];
    for (const [argv, code] of cases) {
      const r = await other.run([...argv, '--json']);
      expect([argv.join(' '), r.code, errorOf(r)]).toEqual([argv.join(' '), 1, code]);
    }
    for (const argv of [
      ['import', join(FIX, 'aegis-plain.json'), '--format', 'keepass'],
      ['import', box.file('nope', '') + '-missing'],
      ['import'],
    ]) {
      const r = await other.run([...argv, '--json']);
      expect([argv.join(' '), r.code, errorOf(r)]).toEqual([argv.join(' '), 2, 'usage']);
    }
    expect(await otpCount(other)).toBe(0);
  }, 120_000);
});

describe('faktor export', () => {
  it('refuses plain formats without --yes-unencrypted and faktor without a password; writes nothing then', async () => {
    const out = join(box.dir, 'refused.txt');
    for (const argv of [
      ['export', '--format', 'otpauth', '--out', out],
      ['export', '--format', 'faktor', '--out', out],
      ['export', '--format', 'csv', '--out', out, '--yes-unencrypted'],
    ]) {
      const r = await box.run([...argv, '--json']);
      expect([argv.join(' '), r.code, errorOf(r)]).toEqual([argv.join(' '), 2, 'usage']);
    }
    const short = await box.run([
      'export',
      '--format',
      'faktor',
      '--out',
      out,
      '--password-file',
      box.file('short', 'short\n'),
      '--json',
    ]);
    expect([short.code, errorOf(short)]).toEqual([1, 'invalid-request']);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('every format round-trips or reads back: faktor and otpauth re-import, aegis-plain is Aegis JSON, qr-sheet is HTML', async () => {
    const backup = join(box.dir, 'all.faktor');
    const b = await box.run([
      'export',
      '--format',
      'faktor',
      '--out',
      backup,
      '--password-file',
      backupPw,
      '--json',
    ]);
    expect(b.code, b.stderr).toBe(0);
    expect(last(b)).toEqual({ export: { format: 'faktor', count: 3, file: backup } });
    expect(errorOf(await other.run(['import', backup, '--password-file', wrong, '--json']))).toBe(
      'backup-wrong-password',
    );
    const restored = await other.run(['import', backup, '--password-file', backupPw, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(outcome(restored)).toMatchObject({ format: 'faktor', imported: 3 });

    const list = join(box.dir, 'all.txt');
    expect(
      (
        await box.run([
          'export',
          '--format',
          'otpauth',
          '--out',
          list,
          '--yes-unencrypted',
          '--json',
        ])
      ).code,
    ).toBe(0);
    expect(
      readFileSync(list, 'utf8')
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('otpauth://')),
    ).toHaveLength(3);
    expect(outcome(await other.run(['import', list, '--json'])).duplicates).toHaveLength(3);

    const aegis = join(box.dir, 'aegis.json');
    expect(
      (
        await box.run([
          'export',
          '--format',
          'aegis-plain',
          '--out',
          aegis,
          '--yes-unencrypted',
          '--json',
        ])
      ).code,
    ).toBe(0);
    expect(
      (JSON.parse(readFileSync(aegis, 'utf8')) as { db: { entries: unknown[] } }).db.entries,
    ).toHaveLength(3);

    const sheet = join(box.dir, 'sheet.html');
    expect(
      (
        await box.run([
          'export',
          '--format',
          'qr-sheet',
          '--out',
          sheet,
          '--yes-unencrypted',
          '--json',
        ])
      ).code,
    ).toBe(0);
    expect(readFileSync(sheet, 'utf8')).toMatch(/^<!doctype html>/i);
  }, 120_000);
});
