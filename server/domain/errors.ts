import { StableCodeError } from '../../shared/stable-code-error';

/**
 * The one error type of the domain. `code` is stable and crosses HTTP (the http layer maps it to a
 * status and the UI to words); `detail` is for developers and never holds a secret.
 */

/** Every reason a domain rule can refuse. */
export const DOMAIN_ERROR_CODES = [
  'invalid-input', // malformed argument (empty id, unknown kind, duplicate id, …)
  'invalid-policy', // a policy would break a TR cap (e.g. password alone above niedrig)
  'not-authenticated', // the session carries no valid authentication (§4.3)
  'insufficient-level', // the session level is below what the rule needs (§4.2, §4.4, §5.1, §6, §7)
  'unknown-means',
  'unknown-attribute',
  'means-blocked', // the means is blocked (§4.4) and cannot be used
  'means-removed', // the means is de-registered (§4.4)
  'means-pending', // the means is not yet confirmed (§4.2)
  'not-pending', // confirming a means that is not pending
  'not-blocked', // unblocking a means that is not blocked
  'wrong-session', // confirming a pending means from another session (§4.2 "in derselben Sitzung")
  'last-means', // de-registering the last usable means (§2.5: every account keeps ≥ niedrig)
  'means-dependent', // de-registering the password while password+… means remain (they need it first, footnote 5)
  'block-password-required', // account creation without a block password (§4.4 / issue #4)
  'account-locked', // account is in delayed deletion (§7)
  'verification-expired', // a pending verification (link/code) is past its expiry (§5.1)
  'mds-incomplete', // §4.5 Nr. 1: neither the pseudonym nor the whole minimum data set is stored
  'mds-mismatch', // §4.5 Nr. 2: stored values differ from the verified ones
  'deletion-not-due', // erasing before the announced lock period ended (§7)
  'not-applicable', // the operation does not apply to this means kind
] as const;

/** One of the stable domain error codes. */
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Typed refusal of a domain rule; pure functions throw it instead of returning half-changed state. */
export class DomainError extends StableCodeError<DomainErrorCode> {
  override readonly name = 'DomainError';
}

/** True when `e` is a DomainError, optionally with the given code. */
export function isDomainError(e: unknown, code?: DomainErrorCode): e is DomainError {
  return e instanceof DomainError && (code === undefined || e.code === code);
}
