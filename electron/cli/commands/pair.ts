import { hostname } from 'node:os';
import { stringOption, type CliCommand } from '../command';

/** `faktor pair <payload|image> --pin-file F`: pairs this desktop with the account in a pairing QR. */
export const pairCommand: CliCommand = {
  name: 'pair',
  summary:
    'pair with a Servicekonto from its "Desktop-App hinzufügen" QR code (text or image file)',
  usage: 'pair <payload|image> --pin-file F [--device-name NAME]',
  help: [
    'Options:',
    '  --pin-file F        file whose first line is the new PIN (6 or more digits)',
    '  --device-name NAME  how the server lists this desktop (default: the host name)',
    'Prints the paired account: origin, account, means id, level, status (pending until one approval).',
  ],
  options: { 'pin-file': { type: 'string' }, 'device-name': { type: 'string' } },
  positionals: { min: 1, max: 1 },
  usesVault: true,
  async run(ctx, args) {
    const pin = await ctx.readPin(stringOption(args, 'pin-file'));
    const [payload] = await ctx.readPayloads(args.positionals[0]!);
    const name =
      typeof args.values['device-name'] === 'string'
        ? args.values['device-name']
        : `Faktor on ${hostname()}`.slice(0, 64);
    const paired = await (await ctx.servicekonto()).pair(payload!, pin, name);
    ctx.print(
      { paired },
      `paired ${paired.accountName} at ${paired.origin} (means ${paired.meansId}, ${paired.level}, ${paired.status})`,
    );
  },
};
