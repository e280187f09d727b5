import { isAbsolute, resolve } from 'node:path';
import { EXPORT_FORMATS, exportAs, type ExportFormat } from '../../main/services/import/export-as';
import { saveExport } from '../../main/services/backup-files';
import { stringOption, UsageError, type CliCommand } from '../command';

/**
 * `faktor export --format F --out FILE [--password-file P] [--yes-unencrypted]`: the app's own export
 * (services/import/export-as.ts, written by services/backup-files.ts atomically, seeds zeroed after).
 * `faktor` is encrypted with the password in P; every other format holds the seeds in plain text and
 * is refused without --yes-unencrypted — the CLI's counterpart of the app's native warning.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'export every account: Faktor backup (encrypted), otpauth list, Aegis plain JSON or QR sheet',
  usage:
    'export --format faktor|otpauth|aegis-plain|qr-sheet --out FILE [--password-file P] [--yes-unencrypted] [--app-password-file A]',
  help: [
    'Options:',
    '  --format F             faktor (encrypted backup), otpauth, aegis-plain, qr-sheet (HTML to print)',
    '  --out FILE             where to write (replaced atomically)',
    '  --password-file P      file whose first line is the backup password (faktor; 8 or more characters)',
    '  --yes-unencrypted      required for otpauth, aegis-plain and qr-sheet: the file holds every seed readable',
    '  --app-password-file A  the app password, when the vault has one',
    'With --json: {"export":{format, count, file}}.',
  ],
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    'password-file': { type: 'string' },
    'yes-unencrypted': { type: 'boolean' },
    'app-password-file': { type: 'string' },
  },
  positionals: { min: 0, max: 0 },
  usesVault: true,
  appPasswordOption: 'app-password-file',
  async run(ctx, args) {
    const format = stringOption(args, 'format');
    if (!(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const out = stringOption(args, 'out');
    const path = isAbsolute(out) ? out : resolve(out);
    const acknowledged = args.values['yes-unencrypted'] === true;
    if (format !== 'faktor' && !acknowledged)
      throw new UsageError(
        `--format ${format} writes every seed unencrypted: add --yes-unencrypted`,
      );
    if (format === 'faktor' && typeof args.values['password-file'] !== 'string')
      throw new UsageError('--format faktor needs --password-file');
    const password =
      typeof args.values['password-file'] === 'string'
        ? await ctx.readPin(args.values['password-file'])
        : undefined;
    const vault = await ctx.vault();
    const dialogs = { chooseSaveFile: async () => path, chooseOpenFile: async () => null };
    const saved = await saveExport(dialogs, await vault.exportAccounts(), (accounts) =>
      exportAs(format as ExportFormat, accounts, {
        nowMs: ctx.clock.now(),
        password,
        acknowledgedUnencrypted: format !== 'faktor' && acknowledged,
        kdf: ctx.kdf,
      }),
    );
    ctx.print(
      { export: { format, count: saved.count, file: path } },
      `wrote ${saved.count} account(s) as ${format} to ${path}`,
    );
  },
};
