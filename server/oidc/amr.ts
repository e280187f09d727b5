/**
 * `amr` (Authentication Methods References, RFC 8176 §2) of a Servicekonto session: which kinds of
 * means its authentications used, so a service can tell a desktop-app or eID step-up from a TOTP one.
 * Only values registered in RFC 8176 are used; `mfa` is added when two or more independent factors
 * were used (e.g. password, then the desktop app).
 */
import type { MeansKind } from '../domain/policy';

/** RFC 8176 values per means kind. */
const AMR_OF: Readonly<Record<MeansKind, readonly string[]>> = {
  password: ['pwd'],
  'password+totp': ['pwd', 'otp'],
  'password+sms': ['pwd', 'sms'],
  'password+security-key': ['pwd', 'hwk'],
  'platform-authenticator': ['hwk', 'user'],
  // The app's approval key is a software-secured key unlocked with the app's PIN.
  'desktop-app': ['swk', 'pin'],
  // The eID card (hardware) with its PIN.
  eid: ['sc', 'pin'],
  'email-otp': ['otp'],
};

/** Knowledge, possession and inherence, for `mfa`. */
const FACTOR: Readonly<Record<string, 'know' | 'have' | 'are'>> = {
  pwd: 'know',
  pin: 'know',
  otp: 'have',
  sms: 'have',
  hwk: 'have',
  swk: 'have',
  sc: 'have',
  user: 'are',
};

/** The session's `amr`: the distinct values of the kinds used, in a stable order, plus `mfa` for two or more factors. */
export function amrFor(kinds: readonly MeansKind[]): string[] {
  const values = [...new Set(kinds.flatMap((k) => AMR_OF[k]))].sort();
  if (new Set(values.map((v) => FACTOR[v])).size >= 2) values.push('mfa');
  return values;
}
