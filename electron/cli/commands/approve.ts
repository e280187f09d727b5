import { stringOption, type CliCommand } from '../command';

/** `faktor approve <login-payload|image> --pin-file F`: the offline login code for a login QR. */
export const approveCommand: CliCommand = {
  name: 'approve',
  summary: 'compute the offline login code for a Servicekonto login QR code (text or image file)',
  usage: 'approve <login-payload|image> --pin-file F',
  help: [
    'Options:',
    '  --pin-file F  file whose first line is the PIN',
    'Refuses (exit 1, not-paired) a login QR whose server and account this desktop is not paired with.',
    'A wrong PIN is NOT detected here: it gives a wrong code, which the server counts as a failure.',
  ],
  options: { 'pin-file': { type: 'string' } },
  positionals: { min: 1, max: 1 },
  usesVault: true,
  async run(ctx, args) {
    const pin = await ctx.readPin(stringOption(args, 'pin-file'));
    const [payload] = await ctx.readPayloads(args.positionals[0]!);
    const sk = await ctx.servicekonto();
    const prepared = await sk.prepareOffline(payload!);
    const code = await sk.offlineCode(prepared, pin);
    const { login } = prepared;
    ctx.print(
      {
        code,
        origin: login.origin,
        account: login.account,
        accountName: login.accountName,
        service: login.service,
        level: login.level,
        tx: login.tx,
      },
      `${login.service} at ${login.origin} asks for ${login.accountName} at level ${login.level}\n${code}`,
    );
  },
};
