import { FaktorError, isFaktorError } from '../errors';
import { decodeBase32 } from '../otp/base32';
import { checkOtpParams, OTP_ALGORITHMS } from '../otp/limits';
import type { OtpAlgorithm, OtpParams } from '../otp/types';
import { stripUnsafeNameChars } from '../text/names';
import { importedTags } from '../groups';
import type { DroppedEntry, ImportedAccount, ParsedImport } from './types';

/*
 * Small helpers every format parser shares: reading loosely typed JSON fields with a typed error on
 * the wrong shape, building a checked OtpParams, and turning a list of foreign entries into a
 * ParsedImport. A malformed entry fails the whole file (like a bad line in an otpauth list): the
 * user gets "damaged at entry N" instead of a silently shorter import.
 */

/** The typed error for a recognized file whose content is broken (truncated, wrong shape, bad field). */
export function damaged(detail: string, params?: Record<string, string | number>): FaktorError {
  return new FaktorError('import-damaged', detail, params);
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field; absent or null gives `fallback`, any other type is damage. */
export function text(obj: Record<string, unknown>, key: string, fallback = ''): string {
  const v = obj[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') throw damaged(`${key} is not text`);
  return v;
}

/** An integer field; absent or null gives `fallback` (or damage without one). */
export function int(obj: Record<string, unknown>, key: string, fallback?: number): number {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw damaged(`${key} missing`);
    return fallback;
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw damaged(`${key} is not an integer`);
  return v;
}

/** An array field (absent → damage). */
export function list(obj: Record<string, unknown>, key: string): unknown[] {
  const v = obj[key];
  if (!Array.isArray(v)) throw damaged(`${key} is not a list`);
  return v;
}

/** Parses JSON text, mapping a syntax error (e.g. a truncated file) to import-damaged. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    throw damaged('not JSON');
  }
}

/** "sha-256", "SHA256", "HmacSHA256" → 'SHA256'; anything else is damage. */
export function algorithmOf(name: string): OtpAlgorithm {
  const n = name.toUpperCase().replace(/^HMAC/, '').replace('-', '');
  const found = OTP_ALGORITHMS.find((a) => a === n);
  if (found === undefined)
    throw new FaktorError('invalid-parameter', 'algorithm', { name: 'algorithm' });
  return found;
}

/** Loosely typed fields of one foreign TOTP/HOTP entry. */
export interface EntryFields {
  readonly type: 'totp' | 'hotp';
  /** Base32 text (spaces and padding tolerated) or raw bytes. */
  readonly secret: string | Uint8Array;
  readonly algorithm: string;
  readonly digits: number;
  readonly period: number;
  readonly counter: number;
  readonly issuer: string;
  readonly label: string;
}

/** Builds checked OtpParams (the vault's new-account shape) from one entry's fields. */
export function account(f: EntryFields): OtpParams {
  const secret =
    typeof f.secret === 'string' ? decodeBase32(f.secret.replace(/[\s-]/g, '')) : f.secret;
  const params: OtpParams = {
    type: f.type,
    secret,
    algorithm: algorithmOf(f.algorithm),
    digits: f.digits,
    period: f.type === 'totp' ? f.period : 30,
    counter: f.type === 'hotp' ? f.counter : 0,
    issuer: f.issuer.trim(),
    label: f.label.trim(),
  };
  checkOtpParams(params);
  return params;
}

/** What converting one foreign entry gives: an account, or a reason to leave it out. */
export type Converted =
  { readonly account: ImportedAccount } | { readonly drop: Omit<DroppedEntry, 'entry'> };

/**
 * An account with another app's organising data: `favourite` exactly true → pinned; `groups` → tags
 * (importedTags). Both are optional extras, so a wrong shape (not a boolean, not text) is ignored
 * rather than failing the file; absent values leave the fields out (the vault's defaults apply).
 */
export function organised(
  params: OtpParams,
  favourite: unknown,
  groups: Iterable<unknown> = [],
): ImportedAccount {
  const tags = importedTags(groups);
  return {
    ...params,
    ...(favourite === true ? { pinned: true } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** A field that should be a list, as one (anything else: empty), for the optional organising data. */
export function looseList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** `id → name` from a list of `{[idKey], [nameKey]}` objects (other apps' group tables); malformed rows are skipped. */
export function nameTable(rows: unknown, idKey: string, nameKey: string): Map<unknown, unknown> {
  const table = new Map<unknown, unknown>();
  for (const row of looseList(rows))
    if (isRecord(row) && (typeof row[idKey] === 'string' || typeof row[idKey] === 'number'))
      table.set(row[idKey], row[nameKey]);
  return table;
}

/**
 * Converts every entry; an entry that throws fails the file with 'import-damaged', `params.entry`
 * (1-based) and `params.reason` (the entry's own error code). An empty result is damage too.
 */
export function collect(
  entries: readonly unknown[],
  convert: (e: Record<string, unknown>) => Converted,
): ParsedImport {
  const accounts: ImportedAccount[] = [];
  const dropped: DroppedEntry[] = [];
  entries.forEach((e, i) => {
    let c: Converted;
    try {
      if (!isRecord(e)) throw damaged('entry is not an object');
      c = convert(e);
    } catch (err) {
      throw damaged(`entry ${i + 1}`, {
        entry: i + 1,
        reason: isFaktorError(err) ? err.code : 'invalid',
      });
    }
    if ('account' in c) accounts.push(c.account);
    else dropped.push({ entry: i + 1, ...c.drop });
  });
  if (accounts.length === 0 && dropped.length === 0) throw damaged('no accounts');
  return { accounts, dropped };
}

/**
 * A drop for a type Faktor cannot compute (Steam, Yandex, mOTP, …). Its names are shown (import preview,
 * `faktor import` on a terminal) but never stored, so control and bidi characters are removed, not refused.
 */
export function unsupportedEntry(
  type: string,
  issuer: string,
  label: string,
): Omit<DroppedEntry, 'entry'> {
  return {
    issuer: stripUnsafeNameChars(issuer),
    label: stripUnsafeNameChars(label),
    reason: 'unsupported-type',
    detail: stripUnsafeNameChars(type).slice(0, 32),
  };
}

/** unsupportedEntry as a format parser's Converted. */
export function unsupported(type: string, issuer: string, label: string): Converted {
  return { drop: unsupportedEntry(type, issuer, label) };
}
