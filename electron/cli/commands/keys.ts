import { UDEV_RULE } from '../../../shared/ctap/udev-rule';
import { credentialGroups, keyView } from '../../main/services/fido/key-views';
import { stringOption, UsageError, type CliCommand, type CommandArgs } from '../command';
import type { CliContext } from '../context';
import { chooseKey, keyLine, keyManager, KEY_SOURCE_HELP, KEY_SOURCE_OPTIONS } from '../key-source';
import {
  keyMeans,
  KEYS_SERVICEKONTO_HELP,
  KEYS_SERVICEKONTO_OPTIONS,
  registerKey,
} from './keys-servicekonto';

/** Subcommands of `faktor keys`. */
const SUBCOMMANDS = ['info', 'pin', 'creds', 'reset', 'register', 'means'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

const str = (args: CommandArgs, name: string): string | undefined =>
  typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined;

async function list(ctx: CliContext, args: CommandArgs): Promise<void> {
  const keys = (await keyManager(args).listKeys()).map(keyView);
  ctx.print({ keys }, keys.length ? keys.map(keyLine).join('\n') : 'no security key is plugged in');
}

async function info(ctx: CliContext, args: CommandArgs, path: string | undefined): Promise<void> {
  const k = await chooseKey(keyManager(args), path);
  const lines = [keyLine(k)];
  if (k.aaguid) lines.push(`  AAGUID        ${k.aaguid}`);
  if (k.ctap2)
    lines.push(
      `  PIN           ${k.pinSet ? 'set' : 'not set'}${k.pinRetries !== undefined ? `, ${k.pinRetries} tries left` : ''}; at least ${k.minPinLength ?? 4} characters`,
    );
  lines.push(
    `  capabilities  ${[k.ctap2 && 'FIDO2', k.u2f && 'U2F', k.credMgmt && 'credential management', k.wink && 'wink'].filter(Boolean).join(', ')}`,
  );
  if (k.error === 'key-permission-denied')
    lines.push(`  fix           install the udev rule: ${UDEV_RULE}`);
  ctx.print({ key: k }, lines.join('\n'));
}

async function pin(ctx: CliContext, args: CommandArgs, path: string | undefined): Promise<void> {
  const next = await ctx.readPin(stringOption(args, 'new-pin-file'));
  const currentFile = str(args, 'pin-file');
  const manager = keyManager(args);
  const k = await chooseKey(manager, path);
  if (currentFile === undefined) await manager.setPin(k.path, next);
  else await manager.changePin(k.path, await ctx.readPin(currentFile), next);
  const done = currentFile === undefined ? 'set' : 'changed';
  ctx.print({ pin: done, path: k.path }, `PIN ${done} on ${k.path}`);
}

async function creds(ctx: CliContext, args: CommandArgs, path: string | undefined): Promise<void> {
  const keyPin = await ctx.readPin(stringOption(args, 'pin-file'));
  const del = str(args, 'delete');
  if (del !== undefined && args.values.yes !== true)
    throw new UsageError('deleting a passkey cannot be undone: add --yes to confirm');
  const manager = keyManager(args);
  const k = await chooseKey(manager, path);
  if (del !== undefined) {
    if (!/^[A-Za-z0-9_-]{1,1400}$/.test(del))
      throw new UsageError('--delete needs a credential id as `keys creds` prints it (base64url)');
    await manager.deleteCredential(k.path, keyPin, new Uint8Array(Buffer.from(del, 'base64url')));
    ctx.print({ deleted: del, path: k.path }, `deleted passkey ${del}`);
    return;
  }
  const groups = credentialGroups(await manager.listCredentials(k.path, keyPin));
  const text = groups.flatMap((g) => [
    `${g.rpId}${g.rpName ? ` (${g.rpName})` : ''}`,
    ...g.credentials.map(
      (c) =>
        `  ${c.credentialId}  ${c.userName ?? ''}${c.userDisplayName && c.userDisplayName !== c.userName ? ` (${c.userDisplayName})` : ''}`,
    ),
  ]);
  ctx.print(
    { path: k.path, credentials: groups },
    text.length ? text.join('\n') : 'no passkeys on this key',
  );
}

async function reset(ctx: CliContext, args: CommandArgs, path: string | undefined): Promise<void> {
  if (args.values.yes !== true)
    throw new UsageError(
      'a reset erases every passkey and the PIN of the key: add --yes to confirm',
    );
  const timeout = str(args, 'replug-timeout');
  if (timeout !== undefined && !/^[0-9]{1,4}$/.test(timeout))
    throw new UsageError('--replug-timeout needs seconds');
  const manager = keyManager(args);
  const k = await chooseKey(manager, path);
  const after = await manager.resetAfterReplug(k.path, {
    replug: args.values.now !== true,
    replugTimeoutMs: timeout === undefined ? 60_000 : Number(timeout) * 1000,
    onStage: (stage) =>
      ctx.note(
        stage === 'replug' ? 'Unplug the key and plug it in again now.' : 'Touch your key now.',
      ),
  });
  ctx.print({ reset: after }, `reset ${after}: no PIN, no passkeys`);
}

/** `faktor keys [info|pin|creds|reset] [PATH]`: security keys over USB HID, on the app's own KeyManager. */
export const keysCommand: CliCommand = {
  name: 'keys',
  summary:
    'list security keys; info, PIN, passkeys and reset of one (USB HID, or a simulator with --udp)',
  usage: 'keys [info|pin|creds|reset|register|means] [PATH] [options]',
  help: [
    'Subcommands (PATH may be left out when exactly one key is plugged in):',
    '  keys                              every plugged-in key: path, name, versions, PIN state',
    '  keys info [PATH]                  AAGUID, PIN state and policy, capabilities',
    '  keys pin [PATH] --new-pin-file F [--pin-file F]   set the first PIN, or change it (with the current one)',
    '  keys creds [PATH] --pin-file F    passkeys by site, with their credential ids',
    '  keys creds [PATH] --pin-file F --delete ID --yes  delete one passkey',
    '  keys reset [PATH] --yes [--now] [--replug-timeout S]  factory reset: unplug and replug the key when asked, then touch',
    '                                    it (keys accept a reset only ~10 s after plug-in); --now skips the replug',
    ...KEYS_SERVICEKONTO_HELP,
    'Options:',
    "  --pin-file F        file whose first line is the key's current PIN",
    "  --new-pin-file F    file whose first line is the new PIN (the key's minimum length applies)",
    KEY_SOURCE_HELP,
    'Prompts ("touch your key") go to stderr.',
  ],
  options: {
    ...KEY_SOURCE_OPTIONS,
    'pin-file': { type: 'string' },
    'new-pin-file': { type: 'string' },
    delete: { type: 'string' },
    yes: { type: 'boolean' },
    now: { type: 'boolean' },
    'replug-timeout': { type: 'string' },
    ...KEYS_SERVICEKONTO_OPTIONS,
  },
  positionals: { min: 0, max: 3 },
  usesVault: false,
  async run(ctx, args) {
    const [first, second, third] = args.positionals;
    if (first === undefined) return list(ctx, args);
    if (!(SUBCOMMANDS as readonly string[]).includes(first))
      throw new UsageError(`unknown keys subcommand '${first}' (${SUBCOMMANDS.join(', ')})`);
    if (first === 'register') return registerKey(ctx, args, second, third);
    if (third !== undefined) throw new UsageError(`keys ${first} takes one PATH`);
    const run: Record<
      Exclude<Sub, 'register'>,
      (c: CliContext, a: CommandArgs, p: string | undefined) => Promise<void>
    > = { info, pin, creds, reset, means: keyMeans };
    return run[first as Exclude<Sub, 'register'>](ctx, args, second);
  },
};
