import type { ManualAccount } from '../../shared/ipc/schemas';
import {
  MAX_DIGITS,
  MAX_NAME_CHARS,
  MAX_PERIOD,
  MAX_SECRET_BYTES,
  MIN_DIGITS,
  MIN_PERIOD,
} from '../../shared/otp/limits';
import type { Strings } from './i18n/en';

/** An i18n key under `validation.*` (typed, so a misspelt key fails typecheck). */
export type ValidationKey = `validation.${keyof Strings['validation'] & string}`;
/** A field message: a validation key, or main's error code when main refused the value (`errors.*`). */
export type FieldMessageKey = ValidationKey | `errors.${keyof Strings['errors'] & string}`;

/** Raw values of the manual form, as typed. */
export interface ManualForm {
  type: 'totp' | 'hotp';
  issuer: string;
  label: string;
  secret: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: string;
  period: string;
  counter: string;
}

/** i18n keys of the problems per field (validation.*). */
export type ManualErrors = Partial<
  Record<'issuer' | 'label' | 'secret' | 'digits' | 'period' | 'counter', FieldMessageKey>
>;

const wholeNumber = (s: string): number | null => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);

/**
 * Checks the manual form before it goes to main, so the common mistakes get words next to the field.
 * Main still parses strictly (the Base32 rules live in shared/otp); this only catches the obvious.
 */
export function validateManual(form: ManualForm): {
  errors: ManualErrors;
  value: ManualAccount | null;
} {
  const errors: ManualErrors = {};
  const issuer = form.issuer.trim();
  if (issuer.length > MAX_NAME_CHARS) errors.issuer = 'validation.nameLength';
  const label = form.label.trim();
  if (!label) errors.label = 'validation.labelRequired';
  else if (label.length > MAX_NAME_CHARS) errors.label = 'validation.nameLength';
  const secret = form.secret.replace(/[\s-]/g, '').toUpperCase();
  if (!secret) errors.secret = 'validation.secretRequired';
  else if (!/^[A-Z2-7]+=*$/.test(secret)) errors.secret = 'validation.secretChars';
  else if (Math.floor((secret.replace(/=+$/, '').length * 5) / 8) > MAX_SECRET_BYTES)
    errors.secret = 'validation.secretLength';
  const digits = wholeNumber(form.digits);
  if (digits === null || digits < MIN_DIGITS || digits > MAX_DIGITS)
    errors.digits = 'validation.digitsRange';
  const period = wholeNumber(form.period);
  if (form.type === 'totp' && (period === null || period < MIN_PERIOD || period > MAX_PERIOD))
    errors.period = 'validation.periodRange';
  const counter = wholeNumber(form.counter);
  if (form.type === 'hotp' && (counter === null || !Number.isSafeInteger(counter)))
    errors.counter = 'validation.counterRange';
  if (Object.keys(errors).length > 0) return { errors, value: null };
  return {
    errors,
    value: {
      type: form.type,
      issuer,
      label,
      secret,
      algorithm: form.algorithm,
      digits: digits!,
      period: form.type === 'totp' ? period! : 30,
      counter: form.type === 'hotp' ? counter! : 0,
    },
  };
}

/** Checks a pasted link's shape; main does the real parsing. Returns an i18n key or null. */
export function validateUri(uri: string): ValidationKey | null {
  const trimmed = uri.trim();
  if (!trimmed) return 'validation.uriRequired';
  if (!/^otpauth:\/\//i.test(trimmed)) return 'validation.uriScheme';
  return null;
}
