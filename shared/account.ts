import { z } from 'zod';
import type { OtpParams } from './otp/types';
import {
  MAX_DIGITS,
  MAX_NAME_CHARS,
  MAX_PERIOD,
  MAX_SECRET_BYTES,
  MIN_DIGITS,
  MIN_PERIOD,
  OTP_ALGORITHMS,
} from './otp/limits';

/**
 * The one definition of an account's fields and limits (issue #8), built from shared/otp/limits.ts.
 * The vault's stored record, the IPC views, the manual-entry form and the scanner all derive from it,
 * so a value one of them accepts is accepted by all.
 */

/** Most tags one account carries. */
export const MAX_TAGS = 16;
/** Longest tag in characters. */
export const MAX_TAG_CHARS = 32;
/** One tag (a group name): trimmed, non-empty, short; control characters are refused by checkName like names. */
export const Tag = z
  .string()
  .min(1)
  .max(MAX_TAG_CHARS)
  .refine((t) => t === t.trim(), 'untrimmed tag');

/** Longest icon name in characters. */
export const MAX_ICON_CHARS = 64;
/** An account color: #rrggbb. */
export const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;
/** Longest Base32 text of a secret (MAX_SECRET_BYTES bytes, padded to a multiple of 8 characters). */
export const MAX_SECRET_BASE32_CHARS = Math.ceil((MAX_SECRET_BYTES * 8) / 5 / 8) * 8;

/** An account id: random, URL-safe. */
export const AccountId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/** Every metadata field of an account (no id, no secret), as zod schemas with the shared limits. */
export const accountFields = {
  type: z.enum(['totp', 'hotp']),
  issuer: z.string().max(MAX_NAME_CHARS),
  label: z.string().max(MAX_NAME_CHARS),
  algorithm: z.enum(OTP_ALGORITHMS),
  digits: z.number().int().min(MIN_DIGITS).max(MAX_DIGITS),
  period: z.number().int().min(MIN_PERIOD).max(MAX_PERIOD),
  counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  color: z.string().regex(COLOR_PATTERN).nullable(),
  icon: z.string().max(MAX_ICON_CHARS).nullable(),
  createdAt: z.number().int(),
  /** Shown on top of the list (and offered by the tray's quick copy). */
  pinned: z.boolean(),
  /** Groups the user put the account in, distinct, in the user's order. */
  tags: z.array(Tag).max(MAX_TAGS),
  /** When a code of this account was last copied (ms since epoch), for "sort by recent use"; null = never. */
  lastUsed: z.number().int().nullable(),
};

/** Defaults of the organising fields for records written before they existed (vault, backups). */
export const ORGANISE_DEFAULTS = { pinned: false, tags: [] as string[], lastUsed: null } as const;

/** Account as the renderer sees it: metadata only, never the secret. */
export const AccountMeta = z.strictObject({ id: AccountId, ...accountFields });

/** Keys of the renderer's view of an account, read off AccountMeta so the two cannot drift apart. */
export const VIEW_KEYS = Object.keys(AccountMeta.shape) as ReadonlyArray<
  keyof z.infer<typeof AccountMeta>
>;
/** Keys the OTP parsers and generators work on (OtpParams). */
export const PARAM_KEYS = [
  'type',
  'secret',
  'algorithm',
  'digits',
  'period',
  'counter',
  'issuer',
  'label',
] as const;
/** Keys shown when confirming a scanned account (no secret, no counter). */
export const SUMMARY_KEYS = ['type', 'issuer', 'label', 'algorithm', 'digits', 'period'] as const;

/** The OTP fields of any account-like value and nothing else (its seed included): what the vault stores and the generators use. */
export function otpParamsOf<T extends Pick<OtpParams, (typeof PARAM_KEYS)[number]>>(
  a: T,
): Pick<T, (typeof PARAM_KEYS)[number]> {
  return pickFields(a, PARAM_KEYS);
}

/** Copies exactly the named fields, so nothing else (a secret, a stray key) can ride along. */
export function pickFields<T extends object, const K extends keyof T>(
  source: T,
  keys: readonly K[],
): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = source[k];
  return out;
}
