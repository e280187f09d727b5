import { MEANS_LEVELS, type MeansLevel } from '../levels';
import { readAccountRef, type AccountRef } from './account-ref';
import {
  MAX_UNIX_SECONDS,
  PROTOCOL_VERSION,
  checkNotExpired,
  int,
  oneOf,
  readMessage,
  str,
  stripScheme,
  text,
  writeMessage,
} from './wire';

/**
 * The offline login QR (docs/protocol.md §Login QR): `faktor-login:` + one JSON object naming who
 * asks (origin, online service), for which account, at which level, and the random OCRA challenge.
 * Nothing in it is secret; the OCRA response binds every field (login-ocra.ts), so a relayed or
 * edited QR yields a code the server refuses.
 */

/** The URI scheme (with colon) of a login payload; the QR router dispatches on it. */
export const LOGIN_SCHEME = 'faktor-login:';
/** Longest online-service name shown to the user. */
export const MAX_SERVICE_CHARS = 120;
/** Transaction ids: 16 random bytes, base64url (22 characters). */
export const TRANSACTION_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** OCRA challenge: 20 random bytes as 40 lower-case hex digits (the suite's QH40). */
export const CHALLENGE_PATTERN = /^[0-9a-f]{40}$/;

/** One parsed login payload. */
export interface LoginPayload extends AccountRef {
  readonly v: typeof PROTOCOL_VERSION;
  readonly tx: string;
  readonly challenge: string;
  /** The online service (Online-Leistung) the login is for, or the Servicekonto itself. */
  readonly service: string;
  /** The level the online service requires. */
  readonly level: MeansLevel;
  /** Expiry, unix seconds. */
  readonly exp: number;
}

const KEYS = [
  'origin',
  'account',
  'accountName',
  'tx',
  'challenge',
  'service',
  'level',
  'exp',
] as const;

/** Serialises a login payload (canonical key order); also the bytes login-ocra.ts hashes into S. */
export function formatLoginPayload(p: Omit<LoginPayload, 'v'>): string {
  return LOGIN_SCHEME + writeMessage(p, KEYS);
}

/** Parses and checks a scanned login payload; expired at `nowMs` → `protocol-expired`. */
export function parseLoginPayload(payload: string, nowMs: number): LoginPayload {
  const o = readMessage(stripScheme(payload, LOGIN_SCHEME), KEYS, 'login');
  const result: LoginPayload = {
    v: PROTOCOL_VERSION,
    ...readAccountRef(o),
    tx: str(o, 'tx', TRANSACTION_PATTERN, 22),
    challenge: str(o, 'challenge', CHALLENGE_PATTERN, 40),
    service: text(o, 'service', MAX_SERVICE_CHARS),
    level: oneOf(o, 'level', MEANS_LEVELS),
    exp: int(o, 'exp', 0, MAX_UNIX_SECONDS),
  };
  checkNotExpired(result.exp, nowMs, 'login');
  return result;
}
