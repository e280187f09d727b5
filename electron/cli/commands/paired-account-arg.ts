import type { CliCommand, CommandArgs } from '../command';
import type { CliContext } from '../context';
import type { PairedView } from '../../main/services/servicekonto/paired-record';

/**
 * The `<paired account> [--origin ORIGIN]` argument that the device-authenticated commands (`means`,
 * `sessions`) share: its declarations for the command object, and the one way it is resolved.
 */
export const PAIRED_ACCOUNT_ARG = {
  help: [
    '<paired account> is the local id, the account id or the account name from `faktor accounts`.',
    '  --origin ORIGIN  pick among accounts of the same name on several servers',
  ],
  options: { origin: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  usesVault: true,
} as const satisfies Pick<CliCommand, 'help' | 'options' | 'positionals' | 'usesVault'>;

/** The pairing the argument names, with the Servicekonto service to ask about it. */
export async function resolvePairedAccount(
  ctx: CliContext,
  args: CommandArgs,
): Promise<{ sk: Awaited<ReturnType<CliContext['servicekonto']>>; paired: PairedView }> {
  const sk = await ctx.servicekonto();
  const origin = typeof args.values.origin === 'string' ? args.values.origin : undefined;
  return { sk, paired: await sk.resolve(args.positionals[0]!, origin) };
}
