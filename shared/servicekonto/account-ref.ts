import { parseServerOrigin } from './origin';
import { IDENTIFIER, str, text, type WireObject } from './wire';

/** Longest display name of an account (the username the user logs in with). */
export const MAX_ACCOUNT_NAME_CHARS = 128;

/** The three fields that name one account at one server, in every message that refers to an account. */
export interface AccountRef {
  /** Canonical server origin. */
  readonly origin: string;
  /** Opaque, stable account id at that server (the key the app pairs under). */
  readonly account: string;
  /** The name the user knows the account by (shown, never used as a key). */
  readonly accountName: string;
}

/** Reads origin, account and accountName from a wire object. */
export function readAccountRef(o: WireObject): AccountRef {
  return {
    origin: parseServerOrigin(o.origin),
    account: str(o, 'account', IDENTIFIER, 64),
    accountName: text(o, 'accountName', MAX_ACCOUNT_NAME_CHARS),
  };
}
