import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/run-cli';
import { COMMANDS } from '../../../electron/cli/commands';
import { runInProcess } from './run-cli';

/** The CLI's argument handling, in-process (the flows themselves spawn the real CLI: pair-approve.test.ts). */

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runInProcess(argv);
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe('faktor CLI usage', () => {
  it('lists every command and gives each its own --help (exit 0)', async () => {
    const overview = await run(['--help']);
    expect(overview.code).toBe(EXIT.ok);
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'pair',
      'accounts',
      'code',
      'approve',
      'listen',
      'means',
      'sessions',
      'block',
      'keys',
      'groups',
      'import',
      'export',
    ]);
    for (const c of COMMANDS) {
      expect(overview.out).toContain(`  ${c.name}`);
      const h = await run([c.name, '--help']);
      expect([c.name, h.code, h.out.split('\n')[0]]).toEqual([
        c.name,
        EXIT.ok,
        `Usage: faktor ${c.usage}`,
      ]);
      expect(h.out).toContain('--data-dir DIR');
    }
  });

  it('usage mistakes exit 2, as {"error":{"code":"usage"}} with --json', async () => {
    const cases = [
      ['frobnicate', '--json'],
      ['approve', '--json'],
      ['approve', 'a', 'b', '--json'],
      ['accounts', '--bogus', '--json'],
      ['pair', 'faktor-pair:{}', '--json'],
      ['keys', 'info', 'a', 'b', '--json'],
      ['keys', 'reset', '--udp', '0', '--yes', '--json'],
    ];
    for (const argv of cases) {
      const r = await run(argv);
      expect([argv.join(' '), r.code, JSON.parse(r.out.trim()).error.code]).toEqual([
        argv.join(' '),
        EXIT.usage,
        'usage',
      ]);
    }
    const plain = await run(['approve']);
    expect(plain.code).toBe(EXIT.usage);
    expect(plain.err).toMatch(/^faktor: usage: faktor approve/);
    expect((await run([])).code).toBe(EXIT.usage);
  });
});
