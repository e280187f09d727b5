/**
 * CSRF for the pages. Logged-in forms carry the session's synchronizer token (SessionService owns
 * and checks it). Forms shown before login (create account, login, block password) have no session
 * yet, so they use a pre-session token: an HttpOnly SameSite=Strict cookie whose value the form must
 * echo in `_csrf` (double submit). The token is `<issued-at>.<nonce>.<HMAC-SHA256 under a per-install
 * key>`: a page on another localhost port can set a cookie for this host (cookies ignore ports), but it
 * cannot make up a pair this server accepts (issue #7 item 13). Tokens older than 12 hours are refused.
 * On a Secure app the cookie is `__Host-`-prefixed (session-cookie.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie'; // request.cookies / reply.setCookie types
import { cookieName, readCookie } from '../session-cookie';

/** Name of the pre-session CSRF cookie (without the __Host- prefix). */
export const PRE_CSRF_COOKIE = 'sk_pre_csrf';
/** How long a pre-session token is accepted. */
const MAX_AGE_MS = 12 * 3_600_000;

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(`pre-session-csrf:${body}`).digest('base64url');
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `token` was issued by this server (valid HMAC under `key`) within the last 12 hours. */
export function preSessionTokenGenuine(token: string, key: Buffer, now: number): boolean {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return false;
  const issued = Number(m[1]);
  if (!(issued <= now && now - issued < MAX_AGE_MS)) return false;
  return sameString(mac(key, `${m[1]}.${m[2]}`), m[3] as string);
}

/** The pre-session token for this browser, issuing a fresh signed cookie when there is no genuine one. */
export function preSessionToken(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
  key: Buffer,
  now: number,
): string {
  const existing = readCookie(request, PRE_CSRF_COOKIE);
  if (existing && preSessionTokenGenuine(existing, key, now)) return existing;
  const body = `${now}.${randomBytes(24).toString('base64url')}`;
  const token = `${body}.${mac(key, body)}`;
  reply.setCookie(cookieName(PRE_CSRF_COOKIE, secure), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
  });
  return token;
}

/** True when the form's `_csrf` equals this browser's pre-session cookie and the server issued it. */
export function preSessionTokenValid(
  request: FastifyRequest,
  formToken: string,
  key: Buffer,
  now: number,
): boolean {
  const cookie = readCookie(request, PRE_CSRF_COOKIE);
  if (!cookie || !formToken) return false;
  return sameString(cookie, formToken) && preSessionTokenGenuine(cookie, key, now);
}
