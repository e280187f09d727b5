import type { MeansLevel } from '../levels';
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
  writeMessage,
} from './wire';

/**
 * The pairing QR the server's "Desktop-App hinzufügen" page shows (docs/protocol.md §Pairing QR):
 * `faktor-pair:` followed by one JSON object. The enrollment token is single use, bound to the web
 * session that created it and valid ≤ 5 minutes; it is the only secret in the payload.
 */

/** The URI scheme (with colon) that marks a pairing payload; the QR router dispatches on it. */
export const PAIRING_SCHEME = 'faktor-pair:';
/** Levels a desktop-app means may have; never hoch (possession + knowledge, TR-03160-1 §2.5). */
export const DESKTOP_APP_LEVELS = ['niedrig', 'substanziell'] as const;

/** A desktop-app means level as the wire carries it. */
export type DesktopAppLevel = (typeof DESKTOP_APP_LEVELS)[number] & MeansLevel;

/** One parsed pairing payload. */
export interface PairingPayload extends AccountRef {
  readonly v: typeof PROTOCOL_VERSION;
  /** One-time enrollment token, 32 random bytes base64url (43 characters). */
  readonly token: string;
  /** Expiry, unix seconds. */
  readonly exp: number;
  /** The level the new means will have once confirmed. */
  readonly level: DesktopAppLevel;
}

/** What the pairing payload shows outside the main process: everything but the token. */
export type PairingView = Omit<PairingPayload, 'token' | 'v'>;

const KEYS = ['origin', 'account', 'accountName', 'token', 'exp', 'level'] as const;
/** base64url of exactly 32 bytes. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Serialises a pairing payload (canonical key order) for the QR code. */
export function formatPairingPayload(p: Omit<PairingPayload, 'v'>): string {
  return PAIRING_SCHEME + writeMessage(p, KEYS);
}

/** Parses and checks a scanned pairing payload; expired at `nowMs` → `protocol-expired`. */
export function parsePairingPayload(payload: string, nowMs: number): PairingPayload {
  const o = readMessage(stripScheme(payload, PAIRING_SCHEME), KEYS, 'pairing');
  const result: PairingPayload = {
    v: PROTOCOL_VERSION,
    ...readAccountRef(o),
    token: str(o, 'token', TOKEN_PATTERN, 43),
    exp: int(o, 'exp', 0, MAX_UNIX_SECONDS),
    level: oneOf(o, 'level', DESKTOP_APP_LEVELS),
  };
  checkNotExpired(result.exp, nowMs, 'pairing');
  return result;
}

/** The renderer-safe part of a pairing payload (drops the token). */
export function pairingView(p: PairingPayload): PairingView {
  return {
    origin: p.origin,
    account: p.account,
    accountName: p.accountName,
    exp: p.exp,
    level: p.level,
  };
}
