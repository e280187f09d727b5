import { parseArgs } from 'node:util';
import { isFaktorError } from '../../shared/errors';
import { defaultAppDataDir } from '../main/services/app-data-dir';
import { DEFAULT_KEYCHAIN_SERVICE } from '../main/api';
import { UsageError, type CliCommand, type CommandArgs, type OptionSpec } from './command';
import { COMMANDS } from './commands';
import { createCliContext, type CliIo, type CliSettings } from './context';
import { describeError, errorJson } from './messages';

/**
 * `faktor` / `npm run cli -- <command>`: the tester CLI on the app's own services (docs/cli.md).
 * Exit codes: 0 ok, 1 refused (a FaktorError: not paired, server said no, …), 2 usage.
 */

/** Exit codes. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

const GLOBAL_OPTIONS: OptionSpec = {
  'data-dir': { type: 'string' },
  'keychain-service': { type: 'string' },
  'password-file': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const GLOBAL_HELP = [
  'Global options:',
  "  --data-dir DIR          the app data directory (default: the Faktor app's own, locked while in use)",
  '  --keychain-service NAME the OS keychain service holding the vault key (default: Faktor)',
  '  --password-file F       the app password, when the vault has one',
  '  --json                  one JSON object per line; errors as {"error":{"code":…}}',
  "  --help                  this text, or a command's own help",
  'Exit codes: 0 ok, 1 refused, 2 usage.',
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: faktor <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...GLOBAL_HELP,
  ].join('\n');
}

function commandHelp(c: CliCommand): string {
  return [
    `Usage: faktor ${c.usage}`,
    '',
    c.summary,
    ...(c.help.length ? ['', ...c.help] : []),
    '',
    ...GLOBAL_HELP,
  ].join('\n');
}

function parse(c: CliCommand, argv: readonly string[]): CommandArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...c.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : 'bad arguments');
  }
  return { positionals: parsed.positionals, values: parsed.values as CommandArgs['values'] };
}

function settingsOf(command: CliCommand, args: CommandArgs): CliSettings {
  const str = (k: string): string | undefined =>
    typeof args.values[k] === 'string' ? (args.values[k] as string) : undefined;
  return {
    dataDir: str('data-dir') ?? defaultAppDataDir(),
    json: args.values.json === true,
    keychainService: str('keychain-service') ?? DEFAULT_KEYCHAIN_SERVICE,
    passwordFile: str(command.appPasswordOption ?? 'password-file'),
  };
}

/** Runs one CLI invocation; resolves to the exit code (never throws). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: string, text: string, e?: unknown): void => {
    if (json) io.stdout.write(`${JSON.stringify(errorJson(code, e))}\n`);
    else io.stderr.write(`faktor: ${text}\n`);
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${overview()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    fail('usage', `unknown command '${name}' (see faktor --help)`);
    return EXIT.usage;
  }
  let ctx: ReturnType<typeof createCliContext> | null = null;
  let stop: (() => void) | null = null;
  try {
    const args = parse(command, rest);
    if (args.values.help === true) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    const n = args.positionals.length;
    if (n < command.positionals.min || n > command.positionals.max)
      throw new UsageError(`usage: faktor ${command.usage}`);
    ctx = createCliContext(settingsOf(command, args), io);
    const opened = ctx;
    stop = (): void => void opened.close().finally(() => process.exit(EXIT.ok));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await command.run(opened, args);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      fail('usage', e.message);
      return EXIT.usage;
    }
    fail(isFaktorError(e) ? e.code : 'internal', describeError(e), e);
    return EXIT.refused;
  } finally {
    if (stop) {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    await ctx?.close().catch(() => undefined);
  }
}
