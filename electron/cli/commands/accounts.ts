import type { CliCommand } from '../command';

/** `faktor accounts`: lists the paired Servicekonto accounts (and the OTP accounts with --otp). */
export const accountsCommand: CliCommand = {
  name: 'accounts',
  summary: 'list the paired Servicekonto accounts (--otp: the TOTP/HOTP accounts instead)',
  usage: 'accounts [--otp]',
  help: [
    'Options:',
    '  --otp  list the OTP accounts of the vault instead',
    'With --json: one object per account.',
  ],
  options: { otp: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  usesVault: true,
  async run(ctx, args) {
    if (args.values.otp === true) {
      const otp = await (await ctx.vault()).list();
      if (otp.length === 0)
        ctx.note('No OTP accounts yet (add them in the app, or: faktor import <file>).');
      for (const a of otp) {
        ctx.print(
          { otp: { id: a.id, type: a.type, issuer: a.issuer, label: a.label } },
          `${a.id}  ${a.type}  ${a.issuer}:${a.label}`,
        );
      }
      return;
    }
    const paired = await (await ctx.servicekonto()).list();
    if (paired.length === 0)
      ctx.note(
        'No paired Servicekonto yet: faktor pair <payload|image> --pin-file F (the pairing QR is on the server\'s "Desktop-App hinzufügen" page).',
      );
    for (const p of paired) {
      ctx.print(
        { account: p },
        `${p.id}  ${p.accountName}  ${p.origin}  means ${p.meansId}  ${p.level}`,
      );
    }
  },
};
