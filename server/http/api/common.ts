/**
 * Shared pieces of the JSON route files: the options every route plugin receives, the request →
 * RequestMeta mapping, the answer for a newly issued session, and the error responses every route
 * documents.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedSession, RequestMeta, Services } from '../../app';
import { setSessionCookie } from '../session-cookie';
import { ERROR_BODY } from '../schemas';

/** What each API route plugin gets. */
export interface ApiOptions {
  services: Services;
  secureCookies: boolean;
  testMode: boolean;
}

/**
 * Route config flag. Every state-changing route of the app is CSRF-checked (server.ts); `csrf: false`
 * is the only way out: public routes that do not act on an existing session, and the pages' form
 * wrapper, which checks the token itself.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    csrf?: boolean;
  }
}

/** Client address for throttling and the audit log (no proxy is trusted). */
export function meta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip };
}

/** Sets the (new) session cookie and answers with the CSRF token and session status. */
export function sendIssued(
  reply: FastifyReply,
  issued: IssuedSession,
  secure: boolean,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  setSessionCookie(reply, issued.token, secure);
  return { ...extra, csrfToken: issued.csrfToken, session: issued.status };
}

/** Error responses documented on every route. */
export const ERRORS = {
  400: { ...ERROR_BODY, description: 'validation: body/params/query do not match the schema' },
  401: { ...ERROR_BODY, description: 'authentication-failed (generic) or not-authenticated' },
  403: { ...ERROR_BODY, description: 'csrf or insufficient-level' },
  404: { ...ERROR_BODY, description: 'not-found / unknown-means' },
  409: {
    ...ERROR_BODY,
    description: 'state conflict (means-blocked, not-pending, last-means, mds-mismatch, …)',
  },
  429: { ...ERROR_BODY, description: 'too-many-attempts (Retry-After header)' },
} as const;

/** Tag names for the OpenAPI document, in TR order. */
export const TAGS = {
  account: 'Account (§3, §7)',
  session: 'Login and session (§4, §4.3)',
  means: 'Authentication means (§4.2, §4.4)',
  verify: 'Verification (§5, §4.5)',
  identify: 'Identification (§6)',
  test: 'Test mode only',
} as const;
