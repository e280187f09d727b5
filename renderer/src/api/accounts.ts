import type { AccountPatch, AccountView, ManualAccount } from '../../../shared/ipc/schemas';
import { bridge, unwrap } from './bridge';

/** All accounts in the user's order (metadata only). */
export const accountsList = (): Promise<AccountView[]> => unwrap(bridge().accountsList({}));
/** Adds from an otpauth:// link; main parses it strictly. */
export const accountsAddUri = (uri: string): Promise<AccountView> =>
  unwrap(bridge().accountsAddUri({ uri }));
/** Adds from the manual form (the secret travels renderer → main only). */
export const accountsAddManual = (account: ManualAccount): Promise<AccountView> =>
  unwrap(bridge().accountsAddManual(account));
/** Saves edited metadata. */
export const accountsUpdate = (id: string, patch: AccountPatch): Promise<AccountView> =>
  unwrap(bridge().accountsUpdate({ id, patch }));
/** Deletes and returns the undo token for accountsRestore. */
export const accountsDelete = (id: string): Promise<{ undoToken: string }> =>
  unwrap(bridge().accountsDelete({ id }));
/** Undoes a delete. */
export const accountsRestore = (undoToken: string): Promise<AccountView> =>
  unwrap(bridge().accountsRestore({ undoToken }));
/** Persists a new order. */
export const accountsReorder = (ids: string[]): Promise<unknown> =>
  unwrap(bridge().accountsReorder({ ids }));
