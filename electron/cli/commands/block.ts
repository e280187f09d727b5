import type { CliCommand } from '../command';

/** `faktor block <means>`: blocks (sperrt) one means of a paired account (§4.4). */
export const blockCommand: CliCommand = {
  name: 'block',
  summary: 'block (sperren) one authentication means of a paired account',
  usage: 'block <means id> [--account A] [--origin ORIGIN]',
  help: [
    'Options:',
    '  --account A      the paired account the means belongs to (needed when several are paired)',
    '  --origin ORIGIN  pick among accounts of the same name on several servers',
  ],
  options: { account: { type: 'string' }, origin: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  usesVault: true,
  async run(ctx, args) {
    const sk = await ctx.servicekonto();
    const origin = typeof args.values.origin === 'string' ? args.values.origin : undefined;
    const ref = typeof args.values.account === 'string' ? args.values.account : null;
    const paired = ref !== null ? await sk.resolve(ref, origin) : await sk.only(origin);
    const meansId = args.positionals[0]!;
    await sk.block(paired.id, meansId);
    ctx.print(
      { blocked: meansId, account: paired.id },
      `blocked ${meansId} of ${paired.accountName}`,
    );
  },
};
