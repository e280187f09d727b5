/**
 * CSRF defence for requests that ride on the session cookie: a synchronizer token bound to the
 * session (returned by login, account creation and GET /api/session) must come back as the
 * `X-CSRF-Token` header (JSON API, curl) or the `_csrf` form field (pages). SameSite=Strict cookies
 * and the JSON-only content type of /api are two more fences.
 */
import type { FastifyRequest } from 'fastify';
import type { Services } from '../app';
import { sessionToken } from './session-cookie';

/** Header name curl and scripts send the token in. */
export const CSRF_HEADER = 'x-csrf-token';

/** Throws ServiceError('csrf') (403) when the request carries a live session cookie but not its token. */
export function verifyCsrf(request: FastifyRequest, services: Services): void {
  const header = request.headers[CSRF_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const body = request.body as Record<string, unknown> | undefined;
  const fromForm =
    body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  services.sessions.checkCsrf(sessionToken(request), fromHeader ?? fromForm);
}
