/**
 * The one table from an error code to its HTTP status. Services and domain rules only name WHAT went
 * wrong (`ServiceError(code)`, `DomainError(code)`); how HTTP says it is decided here, once, for the
 * JSON API (error-handler.ts) and the pages (pages/route-kit.ts) alike. The table is exhaustive, so a
 * new code does not compile until it has a status (and /openapi.json should then document it).
 */
import type { ServiceErrorCode } from '../app';

/** HTTP status per error code (domain codes and the codes the services add). */
export const ERROR_STATUS: Readonly<Record<ServiceErrorCode, number>> = {
  // Malformed input.
  'invalid-input': 400,
  validation: 400,
  'block-password-required': 400,
  'invalid-code': 400,
  // Who you are.
  'not-authenticated': 401,
  'authentication-failed': 401, // the ONE answer to any failed login/step-up/block-password attempt
  // What you may do.
  'insufficient-level': 403,
  csrf: 403,
  // What is not there (test-only routes in normal mode look absent).
  'unknown-means': 404,
  'unknown-attribute': 404,
  'not-found': 404,
  'test-mode-only': 404,
  // State conflicts.
  'means-blocked': 409,
  'means-removed': 409,
  'means-pending': 409,
  'not-pending': 409,
  'not-blocked': 409,
  'wrong-session': 409,
  'last-means': 409,
  'means-dependent': 409,
  'mds-incomplete': 409,
  'mds-mismatch': 409,
  'deletion-not-due': 409,
  'not-applicable': 409,
  'username-taken': 409,
  conflict: 409, // the account changed between read and save (optimistic concurrency)
  // Gone: a code, link or enrollment token past its use.
  'verification-expired': 410,
  'enrollment-invalid': 410,
  'unsupported-media-type': 415,
  'unknown-host': 421, // Host header not on the allowlist (DNS rebinding)
  'account-locked': 423, // delayed deletion (§7)
  'too-many-attempts': 429,
  // A configured policy would break a TR cap: the operator's fault, not the client's.
  'invalid-policy': 500,
};

/** The HTTP status of an error code. */
export function statusOf(code: ServiceErrorCode): number {
  return ERROR_STATUS[code];
}
