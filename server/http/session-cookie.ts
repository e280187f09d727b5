/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when configured (off on plain-http
 * loopback so curl and the test browser work). With Secure (any https origin) its name carries the
 * `__Host-` prefix, so a sibling subdomain or another port cannot plant one (RFC 6265bis §4.1.3.2).
 * The value is the 256-bit session token; curl keeps it with `-c jar -b jar`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Cookie name shared by the API and the pages (plain http). */
export const SESSION_COOKIE = 'sk_session';

declare module 'fastify' {
  interface FastifyInstance {
    /** True when cookies are Secure and carry the __Host- prefix (set once by createServer). */
    faktorSecureCookies?: boolean;
  }
  interface FastifyReply {
    /** The session token this reply hands to the browser (the onSend hook of noteSessionClients reads it). */
    faktorIssuedToken?: string;
  }
}

/** `name`, or `__Host-name` when cookies are Secure. */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** Records on the app whether cookies are Secure (and so __Host- prefixed); readers use the same name. */
export function useSecureCookies(app: FastifyInstance, secure: boolean): void {
  app.decorate('faktorSecureCookies', secure);
}

/** The cookie `name` (prefixed on a Secure app) from the request, if any. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const v = request.cookies[cookieName(name, request.server.faktorSecureCookies === true)];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The session token from the request's cookie, if any. */
export function sessionToken(request: FastifyRequest): string | undefined {
  return readCookie(request, SESSION_COOKIE);
}

/** Sets the session cookie (no Max-Age: the server decides expiry by Table 2, the browser forgets at exit). */
export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(cookieName(SESSION_COOKIE, secure), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
  reply.faktorIssuedToken = token;
}

/**
 * Every reply that hands out a session cookie (login, step-up rotation, API or pages) tells `note`
 * which browser and address it went to, so the paired app can list the web sessions recognisably.
 */
export function noteSessionClients(
  app: FastifyInstance,
  note: (token: string, client: { userAgent: string; ip: string }) => void,
): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.faktorIssuedToken !== undefined)
      note(reply.faktorIssuedToken, {
        userAgent: String(request.headers['user-agent'] ?? ''),
        ip: request.ip,
      });
    return payload;
  });
}

/** Clears the session cookie (logout, deletion). */
export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(cookieName(SESSION_COOKIE, secure), {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
}
