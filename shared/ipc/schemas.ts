import { z } from 'zod';
import { isShortcutSetting, MAX_ACCELERATOR_CHARS } from '../desktop/accelerator';
import { IMPORT_FORMATS } from '../import/types';
import {
  AccountId,
  AccountMeta,
  accountFields,
  MAX_SECRET_BASE32_CHARS,
  MAX_TAG_CHARS,
  MAX_TAGS,
  pickFields,
} from '../account';

/**
 * Data shapes that cross IPC. Every object is strict (unknown keys are an error) so a field holding a
 * secret can never ride along by accident.
 */
export const Id = AccountId;

/** Account as the renderer sees it: metadata only, never the secret (defined once in shared/account.ts). */
export const AccountView = AccountMeta;
export type AccountView = z.infer<typeof AccountView>;

/** A code computed in main for one account, with the window it is valid in (ms since epoch). */
export const CodeView = z.strictObject({
  id: Id,
  code: z.string().regex(/^[0-9]{6,10}$/),
  validFrom: z.number().int(),
  validUntil: z.number().int(),
});
export type CodeView = z.infer<typeof CodeView>;

/** Manual entry from the "add account" form (the secret only ever travels renderer → main). */
export const ManualAccount = z.strictObject({
  ...pickFields(accountFields, ['type', 'issuer', 'algorithm', 'digits', 'period', 'counter']),
  label: accountFields.label.min(1),
  secret: z.string().min(1).max(MAX_SECRET_BASE32_CHARS),
});
export type ManualAccount = z.infer<typeof ManualAccount>;

/** Editable metadata. */
export const AccountPatch = z.strictObject({
  issuer: accountFields.issuer.optional(),
  label: accountFields.label.min(1).optional(),
  color: accountFields.color.optional(),
  icon: accountFields.icon.optional(),
  pinned: accountFields.pinned.optional(),
  /** Blank tags are dropped and duplicates merged by the vault; each one is trimmed there. */
  tags: z
    .array(z.string().max(MAX_TAG_CHARS * 2))
    .max(MAX_TAGS)
    .optional(),
});
export type AccountPatch = z.infer<typeof AccountPatch>;

/** User settings (persisted by main). */
export const Settings = z.strictObject({
  language: z.enum(['system', 'de', 'en']),
  /** Minutes of inactivity before the app locks; 0 = never. Only effective with an app password. */
  autoLockMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** Seconds after which a copied code is removed from the clipboard if still there; 0 = never. */
  clipboardClearSeconds: z.number().int().min(0).max(600),
  /** Colour scheme: follow the OS, or always light / dark. */
  theme: z.enum(['system', 'light', 'dark']),
  /** List order (issue #12): the user's own (manual), by name, or most recently copied first; pinned stay on top. */
  sortOrder: z.enum(['manual', 'name', 'recent']),
  /** Show codes only after a click on "show" (shoulder-surfing); copying works either way. */
  hideCodes: z.boolean(),
  /** Closing the window hides it to the tray instead of quitting (docs/desktop.md). */
  closeToTray: z.boolean(),
  /** Minimising hides the window to the tray. */
  minimizeToTray: z.boolean(),
  /** Start with the OS session, hidden in the tray. */
  startAtLogin: z.boolean(),
  /** Global shortcut that scans the screen; '' = off (the default). Canonical accelerator spelling. */
  shortcutScan: z.string().max(MAX_ACCELERATOR_CHARS).refine(isShortcutSetting),
  /** Global shortcut that shows the window with the search focused; '' = off. */
  shortcutSearch: z.string().max(MAX_ACCELERATOR_CHARS).refine(isShortcutSetting),
});
export type Settings = z.infer<typeof Settings>;

/** Where the vault stands; drives which screen the renderer shows. */
export const VaultStatus = z.strictObject({
  state: z.enum(['ready', 'locked', 'error']),
  hasPassword: z.boolean(),
  /** When state is 'error': the error code (e.g. keychain-unavailable). */
  error: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

/** One group in use (an account tag, issue #12) and how many accounts carry it. */
export const GroupView = z.strictObject({
  name: z.string().min(1).max(MAX_TAG_CHARS),
  count: z.number().int().min(1),
});
export type GroupView = z.infer<typeof GroupView>;

/** A group name as it crosses IPC: the existing one to change. Bounded here; the editor's rule is applied by the vault. */
export const GroupName = z.string().min(1).max(MAX_TAG_CHARS);

/** A bulk group change (rename/dissolve): how many accounts changed and the token that undoes it (groups-restore). */
export const GroupChangeResult = z.strictObject({
  changed: z.number().int().min(1),
  undoToken: Id,
});

/** Result of an import: counts, and the accounts skipped because they already exist. */
export const ImportResult = z.strictObject({
  imported: z.number().int().min(0),
  duplicates: z.array(z.strictObject({ issuer: z.string(), label: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** The error shape that crosses IPC (code only; the renderer translates it). */
export const IpcError = z.strictObject({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

/** What a foreign-file import would do (issue 11): shown before anything is written. No secrets. */
export const ImportPreview = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  format: z.enum(IMPORT_FORMATS),
  accounts: z.array(z.strictObject(pickFields(accountFields, ['issuer', 'label', 'type']))),
  duplicates: z.array(z.strictObject({ issuer: z.string(), label: z.string() })),
  dropped: z.array(
    z.strictObject({
      entry: z.number().int().min(1),
      ...pickFields(accountFields, ['issuer', 'label']),
      reason: z.literal('unsupported-type'),
      detail: z.string().max(32),
    }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
