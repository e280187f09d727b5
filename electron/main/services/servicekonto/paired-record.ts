import { z } from 'zod';
import { MEANS_LEVELS, type MeansLevel } from '../../../../shared/levels';
import { KdfParamsSchema } from '../vault-format';
import type { PinSealed } from './pin-secrets';

/**
 * A "paired Servicekonto": one desktop-app means of one account on one server, as the vault stores it
 * (inside the vault file, so the keychain-held vault key protects it like every seed). The device
 * secrets are additionally PIN-sealed (pin-secrets.ts). There is deliberately NO public key, PIN hash or
 * check value here: the public key together with the sealed private key would let anyone holding the
 * vault test PINs offline, so it lives only on the server.
 */
export interface PairedRecord {
  /** Local id (vault-style random id). */
  readonly id: string;
  /** Server origin, e.g. `https://konto.example` or `http://127.0.0.1:8787` (no path, no slash). */
  readonly origin: string;
  /** The server's opaque, stable account id (the key the app matches login QRs against). */
  readonly account: string;
  /** The name the user knows the account by (shown only). */
  readonly accountName: string;
  /** The server's id of this desktop-app means. */
  readonly meansId: string;
  /** RFC 6287 OCRA suite for offline codes. */
  readonly suite: string;
  /** Means level the server announced at pairing. */
  readonly level: MeansLevel;
  /** When the pairing was stored (ms since epoch). */
  readonly pairedAt: number;
  /** The PIN-sealed OCRA secret and P-256 private key. */
  readonly sealed: PinSealed;
  /**
   * The device-authentication P-256 private key (32 bytes, Base64), NOT PIN-protected: it signs the
   * app's own requests (event stream, means view) so those run without the PIN; approving a login
   * needs the PIN-sealed approval key. Its public key differs from the approval key's, so it reveals
   * nothing about the PIN.
   */
  readonly deviceKey: string;
}

const B64 = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/)
  .max(200);

/** The stored shape, checked strictly every time the vault is read. */
export const PairedRecordSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  origin: z.string().min(1).max(300),
  account: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  accountName: z.string().min(1).max(128),
  meansId: z.string().min(1).max(128),
  suite: z.string().min(1).max(64),
  level: z.enum(MEANS_LEVELS),
  pairedAt: z.number().int(),
  sealed: z.strictObject({ kdf: KdfParamsSchema, iv: B64, ocraSecret: B64, signingKey: B64 }),
  deviceKey: B64.refine(
    (k) => Buffer.from(k, 'base64').length === 32,
    'deviceKey must be 32 bytes',
  ),
}) satisfies z.ZodType<PairedRecord>;

/** Same server and same account (both canonical on the wire, so they compare exactly). */
export function samePairing(
  a: Pick<PairedRecord, 'origin' | 'account'>,
  b: Pick<PairedRecord, 'origin' | 'account'>,
): boolean {
  return a.origin === b.origin && a.account === b.account;
}

/** What may be shown outside the main process: no sealed bytes, no device key. */
export interface PairedView {
  readonly id: string;
  readonly origin: string;
  readonly account: string;
  readonly accountName: string;
  readonly meansId: string;
  readonly level: MeansLevel;
  readonly pairedAt: number;
}

/** Drops every secret-bearing field. */
export function toPairedView(r: PairedRecord): PairedView {
  return {
    id: r.id,
    origin: r.origin,
    account: r.account,
    accountName: r.accountName,
    meansId: r.meansId,
    level: r.level,
    pairedAt: r.pairedAt,
  };
}
