import { FaktorError } from '../errors';
import { decodeBase32, encodeBase32 } from './base32';
import { checkName } from '../text/names';
import { joinLabel, splitLabel } from './label';
import {
  MAX_DIGITS,
  MAX_OTPAUTH_URI_LENGTH,
  MAX_PERIOD,
  MIN_DIGITS,
  MIN_PERIOD,
  OTP_ALGORITHMS,
  checkOtpParams,
} from './limits';
import type { OtpAlgorithm, OtpParams, OtpType } from './types';

/*
 * otpauth:// (Google's Key Uri Format) parsed by hand: `URL` is not available in shared/ (no DOM
 * lib) and URLSearchParams would form-decode the label. The dialect and every choice where pyotp
 * and yubikit differ are written down in docs/otp.md and pinned by test/shared/otp/uri.test.ts.
 */

/**
 * Things worth telling the user about an otherwise usable URI:
 * - 'issuer-mismatch': the label prefix and `issuer=` differ; we used the parameter.
 * - 'hotp-counter-missing': an hotp URI without `counter`; we started at 0 like pyotp and yubikit.
 */
export type OtpauthWarning = 'issuer-mismatch' | 'hotp-counter-missing';

/** The result of parsing one otpauth:// URI: what to store plus what to tell the user. */
export interface ParsedOtpauth {
  readonly params: OtpParams;
  readonly warnings: readonly OtpauthWarning[];
}

const URI_RE = /^otpauth:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/is;
const KNOWN_KEYS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter']);
const DEFAULT_PERIOD = 30;
const DEFAULT_DIGITS = 6;

/** Parses an otpauth://totp|hotp URI into OtpParams; throws only FaktorError. */
export function parseOtpauthUri(uri: string): ParsedOtpauth {
  if (typeof uri !== 'string') throw new FaktorError('invalid-uri', 'not a string');
  const text = uri.trim();
  if (text.length > MAX_OTPAUTH_URI_LENGTH) throw new FaktorError('invalid-uri', 'too long');
  // eslint-disable-next-line no-control-regex -- raw control characters never belong in a URI
  if (/[\u0000-\u001f\u007f]/.test(text)) throw new FaktorError('invalid-uri', 'control character');
  const m = URI_RE.exec(text);
  if (!m) throw new FaktorError('invalid-uri', 'not an otpauth URI');
  const type = m[1]!.toLowerCase();
  if (type !== 'totp' && type !== 'hotp') throw new FaktorError('invalid-uri', 'unknown OTP type');
  const query = parseQuery(m[3] ?? '');
  const warnings: OtpauthWarning[] = [];

  const label = splitLabel(percentDecode(m[2] ?? ''));
  const issuerParam = query.get('issuer');
  if (issuerParam !== undefined && label.issuer !== null && issuerParam !== label.issuer)
    warnings.push('issuer-mismatch');
  // After decoding: an escape like %E2%80%AE or %0A must not smuggle a control into a name.
  const issuer = checkName(issuerParam ?? label.issuer ?? '', 'issuer');
  checkName(label.account, 'label');

  const secretText = query.get('secret');
  if (secretText === undefined) throw new FaktorError('invalid-secret', 'missing');
  const secret = decodeBase32(secretText);

  const algorithmText = (query.get('algorithm') ?? 'SHA1').toUpperCase();
  const algorithm = OTP_ALGORITHMS.find((a) => a === algorithmText);
  if (algorithm === undefined) throw badParameter('algorithm');
  const digits = parseInteger(
    query.get('digits'),
    DEFAULT_DIGITS,
    MIN_DIGITS,
    MAX_DIGITS,
    'digits',
  );

  let period = DEFAULT_PERIOD;
  let counter = 0;
  if (type === 'totp') {
    period = parseInteger(query.get('period'), DEFAULT_PERIOD, MIN_PERIOD, MAX_PERIOD, 'period');
  } else if (query.has('counter')) {
    counter = parseInteger(query.get('counter'), 0, 0, Number.MAX_SAFE_INTEGER, 'counter');
  } else {
    warnings.push('hotp-counter-missing');
  }

  const params: OtpParams = {
    type: type as OtpType,
    secret,
    algorithm: algorithm as OtpAlgorithm,
    digits,
    period,
    counter,
    issuer,
    label: label.account,
  };
  checkOtpParams(params);
  return { params, warnings };
}

/** Writes OtpParams as a canonical otpauth URI (unpadded Base32, all parameters explicit) for export and QR display. */
export function formatOtpauthUri(params: OtpParams): string {
  checkOtpParams(params);
  const query = [
    `secret=${encodeBase32(params.secret)}`,
    ...(params.issuer !== '' ? [`issuer=${percentEncode(params.issuer)}`] : []),
    `algorithm=${params.algorithm}`,
    `digits=${params.digits}`,
    params.type === 'totp' ? `period=${params.period}` : `counter=${params.counter}`,
  ];
  return `otpauth://${params.type}/${percentEncode(joinLabel(params.issuer, params.label)).replace(/%3A/g, ':')}?${query.join('&')}`;
}

/**
 * Splits a query into its known parameters. Values are form-decoded ('+' is a space) exactly as
 * both peers (parse_qsl / parse_qs) do; blank values count as absent, as there; a known key given
 * twice with values is rejected because pyotp keeps the last and yubikit the first.
 */
function parseQuery(query: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = formDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : formDecode(part.slice(eq + 1));
    if (!KNOWN_KEYS.has(key) || value === '') continue;
    if (out.has(key)) throw new FaktorError('invalid-uri', 'duplicate parameter', { name: key });
    out.set(key, value);
  }
  return out;
}

/** Parses a decimal parameter within bounds, or returns the default when it is absent. */
function parseInteger(
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,16}$/.test(text)) throw badParameter(name);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw badParameter(name);
  return n;
}

function badParameter(name: string): FaktorError {
  return new FaktorError('invalid-parameter', name, { name });
}

/**
 * Label decoding: percent escapes only, '+' stays '+' (protocols.md §1.4 trap). Like Python's
 * unquote (both peers), a '%' that starts no escape stays literal ("100%"); an escape run that is
 * not UTF-8 is refused instead of being turned into U+FFFD.
 */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      throw new FaktorError('invalid-uri', 'escapes are not UTF-8');
    }
  });
}

function formDecode(text: string): string {
  return percentDecode(text.replace(/\+/g, ' '));
}

function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new FaktorError('invalid-parameter', 'not well-formed Unicode', { name: 'label' });
  }
}
