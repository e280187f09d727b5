import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './context';

/**
 * The shape every CLI command file exports, so a new command (`keys …`, `import`, `export`) plugs in
 * as one file plus one line in commands/index.ts. Commands print through `ctx.print` (text or one JSON
 * object per line) and throw: a FaktorError is a refusal (exit 1), a UsageError a usage mistake (exit 2).
 */

/** Option declarations in node:util parseArgs form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed arguments of one command (global options included). */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** One CLI command. */
export interface CliCommand {
  readonly name: string;
  /** One line for `faktor --help`. */
  readonly summary: string;
  /** The synopsis after `faktor `, e.g. `pair <payload|image> --pin-file F`. */
  readonly usage: string;
  /** Extra lines for `faktor <name> --help` (options, output). */
  readonly help: readonly string[];
  readonly options: OptionSpec;
  /** How many positional arguments it takes. */
  readonly positionals: { readonly min: number; readonly max: number };
  /** Whether it opens the vault (and so takes the data-dir lock). */
  readonly usesVault: boolean;
  /**
   * The option naming the app password's file for this command (default the global `--password-file`);
   * import/export use `--app-password-file` because their `--password-file` is the file's own password.
   */
  readonly appPasswordOption?: string;
  run(ctx: CliContext, args: CommandArgs): Promise<void>;
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A string option's value, or a usage error when it is required and missing. */
export function stringOption(args: CommandArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}
