/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when configured (off on plain-http
 * loopback so curl and the test browser work). The value is the 256-bit session token; curl keeps it
 * with `-c jar -b jar`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Cookie name shared by the API and the pages. */
export const SESSION_COOKIE = 'sk_session';

/** The session token from the request's cookie, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  const v = request.cookies[SESSION_COOKIE];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Sets the session cookie (no Max-Age: the server decides expiry by Table 2, the browser forgets at exit). */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/** Clears the session cookie (logout, deletion). */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
