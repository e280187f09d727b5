import { UsageError, type CliCommand } from '../command';

/** Subcommands of `faktor groups`. */
const SUBCOMMANDS = ['list', 'rename', 'dissolve'] as const;
/** How many names each subcommand takes after it. */
const ARITY: Readonly<Record<(typeof SUBCOMMANDS)[number], number>> = {
  list: 0,
  rename: 2,
  dissolve: 1,
};

/**
 * `faktor groups [list|rename OLD NEW|dissolve NAME]`: the vault's groups (account tags, issue #12),
 * renamed or dissolved in one place with the app's own vault operation (one atomic write). Group names
 * in the vault hold no control characters (the vault refuses them), so they print as they are.
 */
export const groupsCommand: CliCommand = {
  name: 'groups',
  summary: 'list the groups of the OTP accounts; rename or dissolve one on every account at once',
  usage: 'groups [list | rename OLD NEW | dissolve NAME]',
  help: [
    "Subcommands (a group is matched case-insensitively, like the app's group filter):",
    '  groups                    every group with its number of accounts',
    '  groups rename OLD NEW     rename OLD on every account (into NEW if that exists: kept once)',
    '  groups dissolve NAME      take every account out of NAME; the accounts stay',
    'A new name has 1 to 32 characters, no comma and no control characters.',
    'With --json: {"groups":[{"name","count"}]}, or {"renamed"|"dissolved":…,"changed":N}.',
  ],
  options: {},
  positionals: { min: 0, max: 3 },
  usesVault: true,
  async run(ctx, args) {
    const [sub = 'list', ...names] = args.positionals;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub))
      throw new UsageError(`unknown groups subcommand '${sub}' (${SUBCOMMANDS.join(', ')})`);
    const want = ARITY[sub as (typeof SUBCOMMANDS)[number]];
    if (names.length !== want)
      throw new UsageError(
        `groups ${sub} takes ${want === 0 ? 'no name' : want === 1 ? 'one NAME' : 'OLD and NEW'}`,
      );
    const vault = await ctx.vault();
    if (sub === 'rename') {
      const [from, to] = names as [string, string];
      const { changed } = await vault.renameGroup(from, to);
      ctx.print(
        { renamed: { from, to: to.trim() }, changed },
        `renamed group ${from} to ${to.trim()} on ${changed} account(s)`,
      );
      return;
    }
    if (sub === 'dissolve') {
      const [name] = names as [string];
      const { changed } = await vault.dissolveGroup(name);
      ctx.print(
        { dissolved: name, changed },
        `dissolved group ${name}: ${changed} account(s) left it`,
      );
      return;
    }
    const groups = await vault.groups();
    ctx.print(
      { groups },
      groups.length
        ? groups.map((g) => `${g.name}  (${g.count})`).join('\n')
        : 'no groups yet (set them when editing an account in the app)',
    );
  },
};
