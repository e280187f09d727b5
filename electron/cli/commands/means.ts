import type { CliCommand } from '../command';
import { PAIRED_ACCOUNT_ARG, resolvePairedAccount } from './paired-account-arg';

/** `faktor means <paired account>`: the account's means and attributes as the server shows this device. */
export const meansCommand: CliCommand = {
  name: 'means',
  summary: "show a paired account's authentication means and levels (device-authenticated, no PIN)",
  usage: 'means <paired account> [--origin ORIGIN]',
  ...PAIRED_ACCOUNT_ARG,
  async run(ctx, args) {
    const { sk, paired } = await resolvePairedAccount(ctx, args);
    const view = await sk.means(paired.id);
    ctx.print({ account: paired.id, means: view }, JSON.stringify(view, null, 2));
  },
};
