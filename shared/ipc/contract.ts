import { z } from 'zod';
import {
  AccountPatch,
  AccountView,
  CodeView,
  Id,
  GroupChangeResult,
  GroupName,
  GroupView,
  ImportPreview,
  ImportResult,
  ManualAccount,
  Settings,
  VaultStatus,
} from './schemas';
import { EncodedImageRequest, ScanResult, ScanToken } from '../qr/found-code';
import { IMPORT_FORMATS } from '../import/types';
import { DesktopAction, DesktopStatus } from './desktop-schemas';
import {
  ApprovalAnswerRequest,
  ApprovalRequestView,
  BlockMeansRequest,
  OfflineCodeRequest,
  PairedAccountView,
  PairRequest,
  ServicekontoAccountView,
  ServicekontoSessionsView,
} from './servicekonto-schemas';
import {
  CredentialId,
  KeyCredentialGroup,
  KeyList,
  KeyPath,
  KeyPin,
  KeyProgress,
  KeyRegistered,
  KeyRegisterRequest,
  KeyServicekontoMeans,
} from './keys-schemas';
import { OsUnlockStatus } from './os-unlock-schemas';

/**
 * The one IPC contract between renderer and main: channel → request/response schemas. Main validates
 * both directions (requests from an untrusted renderer; responses so a secret can never leak), the
 * preload derives `window.faktor` from it, and the test harness binds the same table.
 * Channels are kebab-case; every call is request/response (invoke/handle).
 */
export const contract = {
  'vault-status': { request: z.strictObject({}), response: VaultStatus },
  'vault-unlock': {
    request: z.strictObject({ password: z.string().min(1).max(1024) }),
    response: VaultStatus,
  },
  'vault-lock': { request: z.strictObject({}), response: VaultStatus },
  /** Set, change (current required) or remove (next = null) the app password. */
  'vault-set-password': {
    request: z.strictObject({
      current: z.string().max(1024).nullable(),
      next: z.string().min(8).max(1024).nullable(),
    }),
    response: VaultStatus,
  },
  /** Renderer reports user activity (throttled) so main can run the inactivity lock. */
  'vault-activity': { request: z.strictObject({}), response: z.strictObject({}) },
  /** Damaged vault only: keeps vault.json + key aside (`.damaged-<time>`) and opens a new empty vault. */
  'vault-reset': { request: z.strictObject({ confirm: z.literal(true) }), response: VaultStatus },

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

  'settings-get': { request: z.strictObject({}), response: Settings },
  'settings-set': { request: Settings.partial().strict(), response: Settings },
  /** The OS locale (for language 'system'). */
  'app-locale': {
    request: z.strictObject({}),
    response: z.strictObject({ locale: z.string().max(64) }),
  },

  /** Encrypted backup to a file the user picks (platform dialog). */
  'backup-export': {
    request: z.strictObject({ password: z.string().min(8).max(1024) }),
    response: z.strictObject({ count: z.number().int(), fileName: z.string() }),
  },
  /** Plain otpauth:// list; the renderer must have shown the warning and got explicit consent. */
  'backup-export-plain': {
    request: z.strictObject({ acknowledgedUnencrypted: z.literal(true) }),
    response: z.strictObject({ count: z.number().int(), fileName: z.string() }),
  },
  /** All-or-nothing import of an encrypted backup or an otpauth:// list from a file the user picks. */
  'backup-import': {
    request: z.strictObject({ password: z.string().max(1024).nullable() }),
    response: ImportResult,
  },

  /** QR scanning (issue 3, docs/qr.md): every display at native resolution, app window hidden meanwhile. */
  'qr-scan-screen': { request: z.strictObject({}), response: ScanResult },
  /** A PNG/JPEG the user picked, dropped, or a camera frame (base64, size-capped). */
  'qr-decode-image': { request: EncodedImageRequest, response: ScanResult },
  /** The clipboard's image, if any. */
  'qr-scan-clipboard': { request: z.strictObject({}), response: ScanResult },
  /** Adds the account of a scanned otpauth:// code, after the user confirmed its summary. */
  'qr-add-account': { request: z.strictObject({ token: ScanToken }), response: AccountView },
  /** Imports every account of a complete Google Authenticator export (all parts' tokens), all-or-nothing. */
  'qr-import-migration': {
    request: z.strictObject({ tokens: z.array(ScanToken).min(1).max(1000) }),
    response: ImportResult,
  },

  /** Another app's export (docs/import-formats.md), from a file the user picks: decoded and validated, nothing written yet. */
  'import-preview': {
    request: z.strictObject({
      format: z.enum(IMPORT_FORMATS).nullable(),
      password: z.string().max(1024).nullable(),
      retryToken: Id.optional(),
    }),
    response: ImportPreview,
  },
  /** Commits the previewed import all-or-nothing; the token is single-use and dies on lock. */
  'import-commit': {
    request: z.strictObject({ token: ImportPreview.shape.token }),
    response: ImportResult,
  },
  /** Aegis-compatible plain JSON or the printable QR sheet; the renderer showed the plain-export warning. */
  'export-as': {
    request: z.strictObject({
      format: z.enum(['aegis-plain', 'qr-sheet']),
      acknowledgedUnencrypted: z.literal(true),
    }),
    response: z.strictObject({ count: z.number().int(), fileName: z.string() }),
  },
  /** Servicekonto device (issue 9, docs/servicekonto-app.md): the paired accounts; (re)opens their event streams. */
  'servicekonto-list': { request: z.strictObject({}), response: z.array(PairedAccountView) },
  /** Pairs with the account of a scanned pairing QR under a new PIN; the means is pending until one approval. */
  'servicekonto-pair': {
    request: PairRequest,
    response: PairedAccountView.extend({ status: z.literal('pending') }),
  },
  /** The offline login code for a scanned login QR ('not-paired' for a server/account not paired). */
  'servicekonto-offline-code': {
    request: OfflineCodeRequest,
    response: z.strictObject({ code: z.string().regex(/^[0-9]{6,10}$/) }),
  },
  /** Online approval requests waiting for an answer. */
  'servicekonto-requests': { request: z.strictObject({}), response: z.array(ApprovalRequestView) },
  /** Answers one request (signed in main with the PIN-decrypted key). */
  'servicekonto-answer': { request: ApprovalAnswerRequest, response: z.strictObject({}) },
  /** Forgets a pairing on this desktop only. */
  'servicekonto-forget': { request: z.strictObject({ id: Id }), response: z.strictObject({}) },
  /** Security keys (issue 10, docs/keys.md): every plugged-in key with its public info; starts the plug/unplug watch. */
  'keys-list': { request: z.strictObject({}), response: KeyList },
  /** Sets the first PIN of a key (policy: the key's minPINLength). */
  'keys-set-pin': {
    request: z.strictObject({ path: KeyPath, pin: KeyPin }),
    response: z.strictObject({}),
  },
  /** Changes a key's PIN; a wrong current PIN costs one of the key's retries. */
  'keys-change-pin': {
    request: z.strictObject({ path: KeyPath, current: KeyPin, next: KeyPin }),
    response: z.strictObject({}),
  },
  /** The key's resident credentials (passkeys) by site; needs the key's PIN. */
  'keys-credentials': {
    request: z.strictObject({ path: KeyPath, pin: KeyPin }),
    response: z.array(KeyCredentialGroup),
  },
  /** Deletes one resident credential; the renderer asked for confirmation. */
  'keys-delete-credential': {
    request: z.strictObject({ path: KeyPath, pin: KeyPin, credentialId: CredentialId }),
    response: z.strictObject({}),
  },
  /** Factory reset after the two-step confirmation: waits for the replug, then resets (touch within 10 s). */
  'keys-reset': {
    request: z.strictObject({ path: KeyPath, confirm: z.literal(true) }),
    response: z.strictObject({ path: KeyPath }),
  },
  /** Blinks the key so the user sees which one is meant. */
  'keys-wink': { request: z.strictObject({ path: KeyPath }), response: z.strictObject({}) },
  /** Stops waiting for a replug or a touch (the running key operation ends as 'cancelled'). */
  'keys-cancel': { request: z.strictObject({}), response: z.strictObject({}) },
  /** Registers the key at a paired Servicekonto as "password + security key" (events: keys-progress touch, confirm). */
  'keys-servicekonto-register': { request: KeyRegisterRequest, response: KeyRegistered },
  /** Which Servicekonto means the key is (silent check; the key PIN adds resident credentials). */
  'keys-servicekonto-means': {
    request: z.strictObject({ path: KeyPath, keyPin: KeyPin.optional() }),
    response: KeyServicekontoMeans,
  },
  /** Desktop integration: which global shortcuts are registered (docs/desktop.md). */
  'desktop-status': { request: z.strictObject({}), response: DesktopStatus },
  /** The paired account as its server shows it (maximum level, means with this desktop marked, attributes); device-signed, no PIN. */
  'servicekonto-account': {
    request: z.strictObject({ id: Id }),
    response: ServicekontoAccountView,
  },
  /** Blocks (sperrt) any means of the paired account at the server (§4.4); the renderer asked for confirmation. */
  'servicekonto-block': { request: BlockMeansRequest, response: z.strictObject({}) },
  /** Removes this desktop's means at the server, then forgets the pairing here. */
  'servicekonto-remove': { request: z.strictObject({ id: Id }), response: z.strictObject({}) },
  /** OS unlock (docs/desktop.md): the prompt this computer offers and whether the option is on. */
  'os-unlock-status': { request: z.strictObject({}), response: OsUnlockStatus },
  /** Turns OS unlock on: the app password once (and one passed OS prompt) while unlocked. */
  'os-unlock-enable': {
    request: z.strictObject({ password: z.string().min(1).max(1024) }),
    response: OsUnlockStatus,
  },
  /** Turns OS unlock off (deletes its keychain item); only while unlocked. */
  'os-unlock-disable': { request: z.strictObject({}), response: OsUnlockStatus },
  /** Unlocks after the OS prompt passed; a cancel or any failure is a typed error and the password stays the way in. */
  'os-unlock-vault': { request: z.strictObject({}), response: VaultStatus },
  /** The paired account's web sessions with level and Table 2 time left (device-signed, no PIN; active desktop only). */
  'servicekonto-sessions': {
    request: z.strictObject({ id: Id }),
    response: ServicekontoSessionsView,
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** All channel names. */
export type Channel = keyof typeof contract;
/** Request payload type of a channel. */
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
/** Response payload type of a channel. */
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;

/** Events main pushes to the renderer (no payload carries a secret). */
export const events = {
  'vault-changed': z.strictObject({}),
  'vault-status': VaultStatus,
  /** A new online approval request arrived (the desktop notification went out too). */
  'servicekonto-request': ApprovalRequestView,
  /** A security key was plugged in or removed (the renderer lists again). */
  'keys-changed': z.strictObject({}),
  /** A key operation waits for the user: replug the key, or touch it (KEEPALIVE UPNEEDED). */
  'keys-progress': KeyProgress,
  /** Tray, global shortcut, notification click or faktor:// link: what to show (docs/desktop.md). */
  'desktop-action': DesktopAction,
} as const satisfies Record<string, z.ZodType>;
/** The one IPC channel main pushes events on: `send(EVENT_CHANNEL, name, payload)`. Not a contract channel. */
export const EVENT_CHANNEL = 'faktor:event';
/** Event names. */
export type EventName = keyof typeof events;
/** Payload of an event. */
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

/** What an invoke resolves to on the wire: a result or a typed error code. */
export type Envelope<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; params?: Record<string, string | number> } };

/** kebab-case channel name → camelCase method name ('accounts-list' → 'accountsList'). */
export type MethodName<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<MethodName<T>>}`
  : S;

/** Runtime twin of MethodName. */
export function methodName<C extends string>(channel: C): MethodName<C> {
  return channel.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as MethodName<C>;
}

/**
 * The API the renderer sees as `window.faktor`: one task-specific async function per channel (no
 * generic channel passthrough), plus `on` for events. Calls resolve to an Envelope; they never throw
 * across the bridge, so typed error codes survive.
 */
export type FaktorApi = {
  readonly [C in Channel as MethodName<C>]: (
    request: RequestOf<C>,
  ) => Promise<Envelope<ResponseOf<C>>>;
} & {
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  readonly on: <E extends EventName>(
    event: E,
    listener: (payload: EventOf<E>) => void,
  ) => () => void;
};
