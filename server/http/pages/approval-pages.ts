/**
 * The online-approval pages (issue #9, number matching as EU Login does it): login with a request to
 * the paired desktop app(s), and inside a session the step-up with a chosen desktop app (or all) and
 * the §4.2 confirmation of a just-paired one. The browser shows the number; a waiting page re-checks by
 * itself (HTTP Refresh header, no script) until Faktor's answer arrives, then completes the login, or
 * says plainly that the request was not confirmed — never which factor failed.
 *
 * The transaction id travels only in an HttpOnly SameSite=Strict cookie, never in a URL (history,
 * Referer, logs): a cross-site link to the waiting page carries no cookie, so nobody can complete their
 * own approved login inside someone else's browser (login CSRF). Session-bound requests are also
 * checked against the session itself.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError } from '../../app';
import { cookieName, readCookie } from '../session-cookie';
import { TX_PATTERN, isUsername } from '../schemas';
import { formField, safeNext, sendPage } from './request';
import { messagePage } from './templates/auth';
import { pushLoginStartPage, pushWaitPage } from './templates/approval';
import type { PageKit } from './desktop-app-pages';

/**
 * Cookie holding the transaction id of the browser's current online approval (login, step-up or §4.2
 * confirmation; only the waiting pages read it). Path=/ because the `__Host-` prefix (https) demands it.
 */
const PUSH_COOKIE = 'sk_push';
const PUSH_PATH = '/login/desktop-app/push';
const PUSH_COOKIE_SECONDS = 180;
/** Seconds between the waiting page's own re-checks. */
export const PUSH_REFRESH_SECONDS = 2;

const TX = new RegExp(TX_PATTERN);

const pushCookieOptions = (
  secure: boolean,
): { httpOnly: true; sameSite: 'strict'; secure: boolean; path: '/' } => ({
  httpOnly: true,
  sameSite: 'strict',
  secure,
  path: '/',
});

/** Keeps the transaction id in the HttpOnly SameSite=Strict cookie, never in a URL (history, Referer, logs). */
function setPushCookie(request: FastifyRequest, reply: FastifyReply, tx: string): void {
  const secure = request.server.faktorSecureCookies === true;
  reply.setCookie(cookieName(PUSH_COOKIE, secure), tx, {
    ...pushCookieOptions(secure),
    maxAge: PUSH_COOKIE_SECONDS,
  });
}

/** Forgets the transaction once its waiting page has an outcome. */
function clearPushCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.server.faktorSecureCookies === true;
  reply.clearCookie(cookieName(PUSH_COOKIE, secure), pushCookieOptions(secure));
}

/** The transaction id of this browser's waiting page ('' when none or malformed). */
function pushTx(request: FastifyRequest): string {
  const tx = readCookie(request, PUSH_COOKIE);
  return tx && TX.test(tx) ? tx : '';
}

/** Who asks (address and browser), shown with the request on the desktop app. */
function browserMeta(kit: PageKit, request: FastifyRequest): { ip: string; browser: string } {
  return {
    ...kit.meta(request),
    browser: String(request.headers['user-agent'] ?? ''),
  };
}

/** The plain "not confirmed" page (never which factor failed), with a link to try `again`. */
function failed(
  kit: PageKit,
  request: FastifyRequest,
  reply: FastifyReply,
  again: string,
): FastifyReply {
  const c = kit.pageContext(request, reply);
  return sendPage(
    reply,
    messagePage(c, {
      title: c.t('desktop.push.waitTitle'),
      text: c.t('desktop.push.failed'),
      kind: 'error',
      link: { href: again, label: c.t('desktop.push.again') },
    }),
    401,
  );
}

/** `next`: where a login for someone else (an online service's OIDC interaction) returns to, as on /login. */
function nextOf(v: unknown): { next?: string } {
  return typeof v === 'string' && v ? { next: safeNext(v) } : {};
}

/** Registers the online-approval page routes on the pages plugin's wrappers. */
export function approvalPages(kit: PageKit): void {
  pushLoginPages(kit);
  sessionPushPages(kit);
}

/** Login without a session: the name form, the request, the waiting page that completes the login. */
function pushLoginPages(kit: PageKit): void {
  const { services, get, post } = kit;
  get(PUSH_PATH, (request, reply) =>
    sendPage(
      reply,
      pushLoginStartPage(
        kit.pageContext(request, reply),
        nextOf((request.query as Record<string, unknown>).next),
      ),
    ),
  );
  // A refusal (bad name, too many requests) goes back to the form with the name typed and `next` kept.
  const startAgain = (request: FastifyRequest): string => {
    const next = nextOf(formField(request, 'next')).next;
    return `${PUSH_PATH}${next ? `?next=${encodeURIComponent(next)}` : ''}`;
  };
  post(PUSH_PATH, startAgain, (request, reply) => {
    const username = formField(request, 'username').trim();
    const next = nextOf(formField(request, 'next')).next;
    if (!isUsername(username))
      return kit.redirect(reply, startAgain(request), {
        errors: { 'f-username': { key: 'error.invalid' } },
        values: { username },
      });
    const started = services.approvals.startPush(username, browserMeta(kit, request));
    setPushCookie(request, reply, started.tx);
    return reply.redirect(
      `${PUSH_PATH}/wait${next ? `?next=${encodeURIComponent(next)}` : ''}`,
      303,
    );
  });
  get(`${PUSH_PATH}/wait`, (request, reply) => {
    const tx = pushTx(request);
    const r = tx
      ? services.approvals.status(tx, undefined, kit.meta(request))
      : { state: 'expired' as const };
    const next = nextOf((request.query as Record<string, unknown>).next).next;
    const self = `${PUSH_PATH}/wait${next ? `?next=${encodeURIComponent(next)}` : ''}`;
    if (r.state === 'pending') {
      reply.header('refresh', String(PUSH_REFRESH_SECONDS));
      return sendPage(
        reply,
        pushWaitPage(kit.pageContext(request, reply), {
          number: r.number,
          expiresAt: r.expiresAt,
          checkHref: self,
          cancelHref: '/login',
        }),
      );
    }
    clearPushCookie(request, reply);
    if (r.state !== 'approved') return failed(kit, request, reply, PUSH_PATH);
    kit.setCookie(reply, r.issued.token);
    return reply.redirect(next ?? '/account', 303);
  });
}

/** Inside a session: step-up with one or all desktop apps, §4.2 confirmation of a pending one. */
function sessionPushPages(kit: PageKit): void {
  const { services, get, post } = kit;
  post(
    '/auth/push',
    (request) => safeNext(formField(request, 'back')),
    (request, reply) => {
      const meansId = formField(request, 'meansId');
      if (meansId !== 'all' && !/^[A-Za-z0-9-]{1,64}$/.test(meansId))
        throw new ServiceError('validation');
      const started = services.sessionApprovals.start(
        kit.token(request),
        meansId === 'all' ? 'all' : { meansId },
        browserMeta(kit, request),
      );
      setPushCookie(request, reply, started.tx);
      const q = new URLSearchParams({
        next: safeNext(formField(request, 'next')),
        back: safeNext(formField(request, 'back')),
      });
      return reply.redirect(`/auth/push/wait?${q.toString()}`, 303);
    },
  );
  get('/auth/push/wait', (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(query.next);
    const back = safeNext(query.back);
    const r = services.sessionApprovals.status(
      kit.token(request),
      pushTx(request),
      kit.meta(request),
    );
    if (r.state !== 'pending') clearPushCookie(request, reply);
    if (r.state === 'approved') {
      kit.setCookie(reply, r.issued.token);
      return reply.redirect(next, 303);
    }
    if (r.state !== 'pending') return failed(kit, request, reply, back);
    reply.header('refresh', String(PUSH_REFRESH_SECONDS));
    const self = `/auth/push/wait?${new URLSearchParams({ next, back }).toString()}`;
    return sendPage(
      reply,
      pushWaitPage(kit.pageContext(request, reply), {
        number: r.number,
        expiresAt: r.expiresAt,
        checkHref: self,
        cancelHref: back,
      }),
    );
  });
}
