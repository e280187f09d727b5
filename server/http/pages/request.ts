import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie'; // request.cookies / reply.setCookie types
import { asLang, negotiateLang, type Lang } from '../../i18n';
import type { SafeHtml } from './html';

/** Cookie that remembers the language chosen with the switch link. */
export const LANG_COOKIE = 'sk_lang';

/** Page language: `?lang=` (the switch link), then the remembered choice, then Accept-Language. */
export function requestLang(request: FastifyRequest): { lang: Lang; chosen?: Lang } {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const chosen = asLang(query.lang);
  if (chosen) return { lang: chosen, chosen };
  const remembered = asLang(request.cookies?.[LANG_COOKIE]);
  if (remembered) return { lang: remembered };
  return { lang: negotiateLang(request.headers['accept-language']) };
}

/** Remembers a language chosen with the switch link (not a secret; Lax, one year). */
export function rememberLang(reply: FastifyReply, lang: Lang, secure: boolean): void {
  reply.setCookie(LANG_COOKIE, lang, { path: '/', maxAge: 31536000, sameSite: 'lax', secure });
}

/** Sends a rendered page: HTML, never cached (pages show session state and codes). */
export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page.value);
}

/** A string field of a urlencoded form body ('' when missing or not a string; capped at 4 KiB). */
export function formField(request: FastifyRequest, name: string): string {
  const body = request.body;
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.slice(0, 4096) : '';
}

/** A local redirect target from `next`/`then`; anything that could leave the site becomes the fallback. */
export function safeNext(value: unknown, fallback = '/account'): string {
  if (typeof value !== 'string' || value.length > 300) return fallback;
  if (!/^\/(?![/\\])[A-Za-z0-9/_\-.%?=&]*$/.test(value)) return fallback;
  return value;
}
