import type { CliCommand } from '../command';

/** `faktor means <paired account>`: the account's means, attributes and session as the server shows this device. */
export const meansCommand: CliCommand = {
  name: 'means',
  summary: 'show a paired account\'s authentication means and levels (device-authenticated, no PIN)',
  usage: 'means <paired account> [--origin ORIGIN]',
  help: ['<paired account> is the local id, the account id or the account name from `faktor accounts`.', '  --origin ORIGIN  pick among accounts of the same name on several servers'],
  options: { origin: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  usesVault: true,
  async run(ctx, args) {
    const sk = await ctx.servicekonto();
    const origin = typeof args.values.origin === 'string' ? args.values.origin : undefined;
    const paired = await sk.resolve(args.positionals[0]!, origin);
    const view = await sk.means(paired.id);
    ctx.print({ account: paired.id, means: view }, JSON.stringify(view, null, 2));
  },
};
