import { randomBytes } from 'node:crypto';
import { FaktorError } from '../../../shared/errors';
import type { OtpParams } from '../../../shared/otp/types';
import type { FoundCode } from '../../../shared/qr/found-code';

/**
 * What main keeps behind a scan token: the parsed result, every secret as bytes (never the raw
 * payload text), so forgetting a token can zero them. Servicekonto payloads are handed on as text
 * (their flows parse them at the moment of use), so they are kept as their UTF-8 bytes.
 */
export type HeldPayload =
  | { readonly kind: 'add-account'; readonly params: OtpParams }
  | { readonly kind: 'migration-part'; readonly accounts: readonly OtpParams[] }
  | { readonly kind: 'servicekonto'; readonly payload: Uint8Array }
  | { readonly kind: 'none' };

/** Zeroes every secret byte a held payload owns. */
export function wipeHeld(h: HeldPayload): void {
  if (h.kind === 'add-account') h.params.secret.fill(0);
  else if (h.kind === 'migration-part') for (const a of h.accounts) a.secret.fill(0);
  else if (h.kind === 'servicekonto') h.payload.fill(0);
}

/** One kept scan: the renderer-safe route (no payload) and what the confirmed action needs. */
export interface ScanEntry {
  readonly route: FoundCode['route'];
  readonly held: HeldPayload;
}

/** How long a scanned payload can be confirmed, and how many are kept at most. */
export const TOKEN_TTL_MS = 10 * 60_000;
const MAX_TOKENS = 256;

/**
 * The scan-token map. A token is opaque and random; the same payload (recognised by `key`, a digest of
 * its text) always gets the same token, so the renderer's collector can recognise a re-scan. Every way
 * an entry leaves the map (forget, expiry, overflow, forgetAll) zeroes its secret bytes.
 */
export function createScanTokens(now: () => number) {
  const byToken = new Map<string, ScanEntry & { key: string; expires: number }>();
  const byKey = new Map<string, string>();

  const drop = (token: string) => {
    const e = byToken.get(token);
    if (!e) return;
    byToken.delete(token);
    byKey.delete(e.key);
    wipeHeld(e.held);
  };

  const sweep = () => {
    const t = now();
    for (const [token, e] of byToken) if (e.expires <= t || byToken.size > MAX_TOKENS) drop(token);
  };

  return {
    /**
     * Keeps `entry` under the token of `key`. A re-scan keeps the bytes already held (a confirmed
     * action may be using them) and zeroes the fresh copy; route and expiry are renewed.
     */
    hold(key: string, entry: ScanEntry): string {
      sweep();
      const expires = now() + TOKEN_TTL_MS;
      const known = byKey.get(key);
      const old = known === undefined ? undefined : byToken.get(known);
      if (known !== undefined && old) {
        const keep = old.held.kind === entry.held.kind;
        if (keep) wipeHeld(entry.held);
        else wipeHeld(old.held);
        byToken.set(known, {
          key,
          route: entry.route,
          held: keep ? old.held : entry.held,
          expires,
        });
        return known;
      }
      const token = randomBytes(18).toString('base64url');
      byToken.set(token, { key, ...entry, expires });
      byKey.set(key, token);
      return token;
    },

    /** The live entry of a token; 'not-found' once it expired or was forgotten. */
    take(token: string): ScanEntry {
      sweep();
      const e = byToken.get(token);
      if (!e) throw new FaktorError('not-found', 'scan expired');
      return e;
    },

    /** Forgets one token and zeroes its bytes. */
    forget(token: string): void {
      drop(token);
    },

    /** Forgets every token (lock, quit), zeroing all bytes. */
    forgetAll(): void {
      for (const token of [...byToken.keys()]) drop(token);
    },
  };
}

/** The token map's public shape. */
export type ScanTokens = ReturnType<typeof createScanTokens>;
