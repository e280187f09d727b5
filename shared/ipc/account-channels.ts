import { z } from 'zod';
import {
  AccountPatch,
  AccountView,
  CodeView,
  Id,
  GroupChangeResult,
  GroupName,
  GroupView,
  ManualAccount,
} from './schemas';

/** The accounts, their groups and their codes. */
export const accountChannels = {
  'accounts-list': { request: z.strictObject({}), response: z.array(AccountView) },
  'accounts-add-uri': {
    request: z.strictObject({ uri: z.string().min(1).max(4096) }),
    response: AccountView,
  },
  'accounts-add-manual': { request: ManualAccount, response: AccountView },
  'accounts-update': {
    request: z.strictObject({ id: Id, patch: AccountPatch }),
    response: AccountView,
  },
  /** Deletes; the returned token restores it via accounts-restore for a short while (undo). */
  'accounts-delete': {
    request: z.strictObject({ id: Id }),
    response: z.strictObject({ undoToken: Id }),
  },
  'accounts-restore': { request: z.strictObject({ undoToken: Id }), response: AccountView },
  'accounts-reorder': {
    request: z.strictObject({ ids: z.array(Id).max(100_000) }),
    response: z.strictObject({}),
  },

  /** Groups (account tags, issue #12): every group in use with its account count. */
  'groups-list': { request: z.strictObject({}), response: z.array(GroupView) },
  /** Renames a group on every account in one atomic write; `to` follows the editor's rule (shared/groups.ts; checked in main for typed errors). */
  'groups-rename': {
    request: z.strictObject({ from: GroupName, to: z.string().max(256) }),
    response: GroupChangeResult,
  },
  /** Takes every account out of a group (the accounts stay), in one atomic write. */
  'groups-dissolve': { request: z.strictObject({ name: GroupName }), response: GroupChangeResult },
  /** Undoes a rename/dissolve while its token is valid (accounts edited since keep their groups). */
  'groups-restore': {
    request: z.strictObject({ undoToken: Id }),
    response: z.strictObject({ restored: z.number().int().min(0) }),
  },

  /** Current TOTP codes (all TOTP accounts when ids is omitted). */
  'codes-current': {
    request: z.strictObject({ ids: z.array(Id).max(100_000).optional() }),
    response: z.array(CodeView),
  },
  /** TOTP only: the NEXT window's codes, refused ('code-not-due') unless each period is in its last third (shared/otp/next-preview.ts). */
  'codes-next': {
    request: z.strictObject({ ids: z.array(Id).min(1).max(100_000) }),
    response: z.array(CodeView),
  },
  /** HOTP: advance and persist the counter, then return the new code. */
  'codes-hotp-next': { request: z.strictObject({ id: Id }), response: CodeView },
  /** Copies the account's current code to the clipboard in main; cleared later if unchanged. */
  'codes-copy': {
    request: z.strictObject({ id: Id }),
    response: z.strictObject({ clearsAt: z.number().int().nullable() }),
  },
} as const;
