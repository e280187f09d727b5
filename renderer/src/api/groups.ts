import { bridge, unwrap } from './bridge';

/** What a rename/dissolve changed and the token that undoes it. */
export interface GroupChange {
  readonly changed: number;
  readonly undoToken: string;
}

/** Renames a group on every account at once (main checks the new name). */
export const groupsRename = (from: string, to: string): Promise<GroupChange> =>
  unwrap(bridge().groupsRename({ from, to }));
/** Takes every account out of a group; the accounts stay. */
export const groupsDissolve = (name: string): Promise<GroupChange> =>
  unwrap(bridge().groupsDissolve({ name }));
/** Undoes a rename/dissolve while its token is valid. */
export const groupsRestore = (undoToken: string): Promise<{ restored: number }> =>
  unwrap(bridge().groupsRestore({ undoToken }));
