import type { CodeView } from '../../../shared/ipc/schemas';
import { bridge, unwrap } from './bridge';

/** Current TOTP codes with their validity windows (the given accounts, or all TOTP accounts). */
export const codesCurrent = (ids?: string[]): Promise<CodeView[]> =>
  unwrap(bridge().codesCurrent(ids ? { ids } : {}));
/** The next window's TOTP codes; main refuses ('code-not-due') before the last third of each period. */
export const codesNext = (ids: string[]): Promise<CodeView[]> =>
  unwrap(bridge().codesNext({ ids }));
/** HOTP: main advances and persists the counter before returning the code. */
export const codesHotpNext = (id: string): Promise<CodeView> =>
  unwrap(bridge().codesHotpNext({ id }));
/** Main copies the code to the clipboard; clearsAt says when it will be cleared (null = never). */
export const codesCopy = (id: string): Promise<{ clearsAt: number | null }> =>
  unwrap(bridge().codesCopy({ id }));
