import { FaktorError } from '../../../shared/errors';
import { hotpCode, totpCode } from '../../../shared/otp/generate';
import type { CliCommand } from '../command';

/** `faktor code <account>`: the current code of one OTP account in the vault (same generator as the app). */
export const codeCommand: CliCommand = {
  name: 'code',
  summary: 'print the current TOTP code (or the next HOTP code) of an OTP account',
  usage: 'code <id|label|issuer:label>',
  help: [
    'Matches the account id, its label, or "issuer:label". An HOTP code advances the stored counter.',
  ],
  options: {},
  positionals: { min: 1, max: 1 },
  usesVault: true,
  async run(ctx, args) {
    const vault = await ctx.vault();
    const ref = args.positionals[0]!;
    const hits = (await vault.list()).filter(
      (a) => a.id === ref || a.label === ref || `${a.issuer}:${a.label}` === ref,
    );
    if (hits.length === 0) throw new FaktorError('not-found');
    if (hits.length > 1)
      throw new FaktorError('invalid-request', 'several accounts match; use the id');
    const a = hits[0]!;
    const now = ctx.clock.now();
    const code =
      a.type === 'hotp'
        ? (await vault.nextHotp(a.id, (p, counter) => hotpCode(p, counter))).code
        : await vault.withParams(a.id, (p) => totpCode(p, now).code);
    ctx.print({ code, account: a.id }, code);
  },
};
