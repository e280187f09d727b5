/**
 * CSRF for the pages. Logged-in forms carry the session's synchronizer token (SessionService owns
 * and checks it). Forms shown before login (create account, login, block password) have no session
 * yet, so they use a pre-session token: a random HttpOnly SameSite=Strict cookie whose value the form
 * must echo in `_csrf` (double submit). A cross-site page can neither read nor send that cookie, so a
 * forged login or block request fails with 403 like any other forged form.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie'; // request.cookies / reply.setCookie types

/** Name of the pre-session CSRF cookie. */
export const PRE_CSRF_COOKIE = 'sk_pre_csrf';

function readCookie(request: FastifyRequest, name: string): string | undefined {
  const v = request.cookies?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** The pre-session token for this browser, issuing the cookie when there is none yet. */
export function preSessionToken(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = readCookie(request, PRE_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(PRE_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  return token;
}

/** True when the form's `_csrf` equals this browser's pre-session cookie (constant time). */
export function preSessionTokenValid(request: FastifyRequest, formToken: string): boolean {
  const cookie = readCookie(request, PRE_CSRF_COOKIE);
  if (!cookie || !formToken) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(formToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
