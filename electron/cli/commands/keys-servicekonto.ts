import { createSecurityKeyService } from '../../main/services/servicekonto/security-keys';
import { stringOption, UsageError, type CommandArgs } from '../command';
import type { CliContext } from '../context';
import { chooseKey, keyManager } from '../key-source';

/**
 * `faktor keys register` and `faktor keys means`: the Servicekonto side of security keys, on the app's
 * own service (services/servicekonto/security-keys.ts), so the CLI and the keys screen do the same.
 */

/** Options these subcommands add to `faktor keys`. */
export const KEYS_SERVICEKONTO_OPTIONS = {
  'key-pin-file': { type: 'string' },
  'account-password-file': { type: 'string' },
  label: { type: 'string' },
  origin: { type: 'string' },
} as const;

/** Help lines for them. */
export const KEYS_SERVICEKONTO_HELP = [
  '  keys register ACCOUNT [PATH] --pin-file F --account-password-file P [--key-pin-file K] [--label L]',
  '                                    register the key at the paired account as "password + security key"',
  '                                    (substanziell): touch the key, then touch it again to confirm;',
  '                                    a U2F-only key (no FIDO2) is registered over U2F by itself',
  '  keys means [PATH] [--key-pin-file K]  which Servicekonto means the key is (no touch)',
  '  --pin-file F (register)          the Faktor PIN of that pairing',
  "  --account-password-file P        the account's Servicekonto password (sent to the server only)",
  "  --key-pin-file K                 the key's own PIN, when it has one (U2F-only keys have none)",
];

const optional = (args: CommandArgs, name: string): string | undefined =>
  typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined;

async function service(ctx: CliContext, args: CommandArgs) {
  const keys = keyManager(args);
  return {
    keys,
    svc: createSecurityKeyService({
      vault: await ctx.vault(),
      keys,
      servicekonto: await ctx.servicekonto(),
      now: () => ctx.clock.now(),
    }),
  };
}

/** `keys register ACCOUNT [PATH]`. */
export async function registerKey(
  ctx: CliContext,
  args: CommandArgs,
  account: string | undefined,
  path: string | undefined,
): Promise<void> {
  if (account === undefined)
    throw new UsageError('name the paired account: keys register ACCOUNT [PATH]');
  const pin = await ctx.readPin(stringOption(args, 'pin-file'));
  const password = await ctx.readPin(stringOption(args, 'account-password-file'));
  const keyPinFile = optional(args, 'key-pin-file');
  const keyPin = keyPinFile === undefined ? undefined : await ctx.readPin(keyPinFile);
  const label = optional(args, 'label');
  if (label !== undefined && [...label].length > 64)
    throw new UsageError('--label is at most 64 characters');
  const { keys, svc } = await service(ctx, args);
  const paired = await (await ctx.servicekonto()).resolve(account, optional(args, 'origin'));
  const k = await chooseKey(keys, path);
  const onStage = (s: 'touch' | 'confirm'): void =>
    ctx.note(
      s === 'touch' ? 'Touch your security key now.' : 'Touch your security key again to confirm.',
    );
  const r = await svc.register({
    pairing: paired.id,
    path: k.path,
    pin,
    password,
    keyPin,
    label,
    onStage,
  });
  ctx.print(
    { registered: r, account: paired.id, path: k.path },
    `registered ${k.path} at ${paired.origin} as ${r.label ?? 'security key'} (password + security key, ${r.level}, ${r.status})`,
  );
}

/** `keys means [PATH]`. */
export async function keyMeans(
  ctx: CliContext,
  args: CommandArgs,
  path: string | undefined,
): Promise<void> {
  const keyPinFile = optional(args, 'key-pin-file');
  const keyPin = keyPinFile === undefined ? undefined : await ctx.readPin(keyPinFile);
  const { keys, svc } = await service(ctx, args);
  const k = await chooseKey(keys, path);
  const r = await svc.matches(k.path, keyPin);
  const lines = [
    ...r.matches.map(
      (m) =>
        `Servicekonto ${m.origin} (${m.accountName}): means ${m.label ?? m.meansId} (${m.status})`,
    ),
    ...r.unreachable.map(
      (u) => `Servicekonto ${u.origin} (${u.accountName}): could not ask (${u.error})`,
    ),
  ];
  ctx.print(
    { path: k.path, ...r },
    lines.length ? lines.join('\n') : 'this key is no means of a paired Servicekonto',
  );
}
