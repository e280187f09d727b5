import { readFile, stat } from 'node:fs/promises';
import { FaktorError } from '../../../shared/errors';
import { IMPORT_FORMATS, type ImportFormat } from '../../../shared/import/types';
import { importForeign } from '../../main/services/import/import-foreign';
import { MAX_IMPORT_BYTES } from '../../main/services/import/read-foreign';
import { UsageError, type CliCommand, type CommandArgs } from '../command';

/**
 * `faktor import <file> [--format F] [--password-file P] [--dry-run]`: the app's own import
 * (services/import/import-foreign.ts — detect, decrypt, validate every account, all-or-nothing) from
 * the command line. Prints what was (dry run: would be) added, the duplicates skipped and the entries
 * left out; never a secret.
 */
export const importCommand: CliCommand = {
  name: 'import',
  summary:
    "import accounts from another authenticator's export or a Faktor backup (all or nothing)",
  usage: 'import <file> [--format F] [--password-file P] [--dry-run] [--app-password-file A]',
  help: [
    'Options:',
    `  --format F             one of ${IMPORT_FORMATS.join(', ')} (default: detected)`,
    "  --password-file P      file whose first line is the export's password (encrypted exports)",
    '  --dry-run              only say what would be added; the vault is not written',
    '  --app-password-file A  the app password, when the vault has one',
    'With --json: one object {"import":{format, accounts, duplicates, dropped, imported, dryRun}}.',
  ],
  options: {
    format: { type: 'string' },
    'password-file': { type: 'string' },
    'dry-run': { type: 'boolean' },
    'app-password-file': { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  usesVault: true,
  appPasswordOption: 'app-password-file',
  async run(ctx, args) {
    const format = formatOf(args);
    const password =
      typeof args.values['password-file'] === 'string'
        ? await ctx.readPin(args.values['password-file'])
        : null;
    const bytes = await readBounded(args.positionals[0]!);
    const dryRun = args.values['dry-run'] === true;
    const outcome = await importForeign(bytes, { format, password, dryRun }, await ctx.vault());
    const list = (xs: ReadonlyArray<{ issuer: string; label: string }>): string =>
      xs.map((a) => `  ${a.issuer}:${a.label}`).join('\n');
    const text = [
      `${outcome.format}: ${dryRun ? `would add ${outcome.accounts.length}` : `added ${outcome.imported}`} account(s)`,
      ...(outcome.accounts.length ? [list(outcome.accounts)] : []),
      ...(outcome.duplicates.length
        ? [`already there, skipped: ${outcome.duplicates.length}`, list(outcome.duplicates)]
        : []),
      ...(outcome.dropped.length
        ? [
            `left out: ${outcome.dropped.length}`,
            outcome.dropped.map((d) => `  ${d.issuer}:${d.label} (${d.reason})`).join('\n'),
          ]
        : []),
    ].join('\n');
    ctx.print({ import: { ...outcome, dryRun } }, text);
  },
};

function formatOf(args: CommandArgs): ImportFormat | undefined {
  const f = args.values.format;
  if (f === undefined) return undefined;
  if (typeof f !== 'string' || !(IMPORT_FORMATS as readonly string[]).includes(f))
    throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  return f as ImportFormat;
}

/** The file's bytes, refused before reading when it is larger than any export can be. */
async function readBounded(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
  if (size > MAX_IMPORT_BYTES) throw new FaktorError('import-damaged', 'too large');
  return new Uint8Array(await readFile(path));
}
