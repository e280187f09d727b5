/** Hash algorithms allowed for HOTP/TOTP (RFC 4226/6238, Key Uri Format). */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** HOTP (counter) or TOTP (time). */
export type OtpType = 'totp' | 'hotp';

/**
 * Everything needed to compute codes for one account. Lives only in the main process (it holds the
 * secret); the renderer sees an AccountView instead.
 */
export interface OtpParams {
  readonly type: OtpType;
  /** Raw secret bytes (decoded Base32). */
  readonly secret: Uint8Array;
  readonly algorithm: OtpAlgorithm;
  /** 6–10. */
  readonly digits: number;
  /** TOTP step in seconds (≥ 1). Ignored for HOTP. */
  readonly period: number;
  /** HOTP moving factor. 0 for TOTP. */
  readonly counter: number;
  /** Service name, e.g. "Example". May be empty. */
  readonly issuer: string;
  /** Account name, e.g. "alice@example.com". */
  readonly label: string;
}
